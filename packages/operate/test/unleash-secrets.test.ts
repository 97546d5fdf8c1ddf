// An Unleash endpoint that answers with something other than JSON, and the
// secrets that must never show: the admin token in every encoding, and a
// URL's user:password.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretScrubber } from '@promptpack/spec';
import { FlagsError } from '../src/flags-error.js';
import { unleashTarget } from '../src/unleash-target.js';

// A token with the characters JSON and URLs escape.
const token = '*:*.se"cr\\et/tok en';
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    // A login page or proxy: 200, HTML, echoing what it was sent.
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<html>login required for ${request.headers.authorization} ${JSON.stringify(request.headers.authorization)}</html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const leaks = (text: string) => [token, JSON.stringify(token).slice(1, -1), encodeURIComponent(token), 'hunter2'].filter((form) => text.includes(form));

describe('Unleash answers and secrets', () => {
  it('200 with HTML: a FlagsError naming the URL and status, not a SyntaxError, and no token in it', async () => {
    const error = await unleashTarget({ url, token, project: 'default', environment: 'development' }).read('prompt.x').catch((caught: unknown) => caught);
    expect(FlagsError.isInstance(error)).toBe(true);
    const { message, hint } = error as FlagsError;
    expect(message).toBe(`Unleash GET ${url}/api/admin/projects/default/features/prompt.x answered HTTP 200 with a body that is not JSON (content-type text/html).`);
    expect(leaks(`${message} ${hint}`)).toEqual([]);
  });

  it('user:password in the URL is never printed, in the label or in an error', async () => {
    const target = unleashTarget({ url: url.replace('//', '//admin:hunter2@'), token, project: 'default', environment: 'development' });
    expect(target.label).toBe(`Unleash ${url} (project default)`);
    const error = (await target.read('prompt.x').catch((caught: unknown) => caught)) as FlagsError;
    expect(error.message).toContain(url);
    expect(leaks(`${error.message} ${error.hint}`)).toEqual([]);
  });

  it('the scrubber replaces a secret raw, JSON-escaped and URL-encoded', () => {
    const scrub = secretScrubber([{ value: token, label: '<admin token>' }]);
    const text = `raw ${token} json ${JSON.stringify({ token })} url ?t=${encodeURIComponent(token)}`;
    expect(scrub(text)).toBe('raw <admin token> json {"token":"<admin token>"} url ?t=<admin token>');
  });
});
