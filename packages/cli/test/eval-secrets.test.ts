// An eval endpoint that echoes the API key in its error bodies, and a base URL
// with user:password: neither may reach a report, a record or stderr, in any
// encoding (raw, JSON-escaped, URL-encoded, HTML-escaped).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type ChatServer, type RecordedRequest, startChatServer } from '../../eval/test/chat-server.js';
import { evalSecretScrubber, scrubError } from '../src/eval/eval-secrets.js';
import { main } from '../src/index.js';
import { capture, createFaqRepo } from './eval-fixture.js';
import { faqRepoPerTest } from './faq-repo-per-test.js';

// The provider's own back-off between attempts is real time (several seconds per test); nothing asserts on it.
const retryingTimeout = 60_000;
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-eval-secrets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Characters JSON, URLs and HTML each escape differently.
const apiKey = 'sk-live"quote\\slash&amp<tag>/ space';
const password = 'hunter2"&<pw>';

const repo = faqRepoPerTest(scratch, { clearCi: true });
let server: ChatServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every form a secret can take in a file or a line: as sent, inside JSON, in a URL, in HTML. */
function forms(secret: string): string[] {
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), encodeURI(secret), html])];
}

/** The forms found in `text`; a secret's first 7 characters count too, whatever escaping (markdown's `\<`) follows them. */
function leaks(text: string, secrets: readonly string[]): string[] {
  return [...secrets.flatMap(forms), ...secrets.map((secret) => secret.slice(0, 7))].filter((form) => text.includes(form));
}

/** Each report written, by file name, and the eval record if one was written. */
function writtenFiles(out: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(out)) files[name] = readFileSync(path.join(out, name), 'utf8');
  const record = path.join(repo.promptDir, 'eval-result.json');
  if (existsSync(record)) files['eval-result.json'] = readFileSync(record, 'utf8');
  return files;
}

const reports = ['--report', 'json', '--report', 'markdown', '--report', 'html'];

describe('promptpack eval keeps secrets out of reports and stderr', () => {
  it('an endpoint echoing the Authorization header in 401 bodies (JSON and plain text, raw, JSON-escaped and URL-encoded)', async () => {
    const echo = (request: RecordedRequest) => {
      const sent = String(request.headers.authorization);
      const said = `Incorrect API key provided: ${sent} / ${JSON.stringify(sent)} / ?key=${encodeURIComponent(sent)}`;
      // Alternate a JSON error body and a plain-text one: the client reads them differently.
      return request.index % 2 === 0 ? { status: 401, body: { error: { message: said, type: 'invalid_request_error', code: 'invalid_api_key', param: null } } } : { raw: said, status: 401, contentType: 'text/plain' };
    };
    server = await startChatServer({ script: echo });
    process.env.OPENAI_API_KEY = apiKey;
    const out = path.join(repo.dir, 'reports');
    const io = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--base-url', server.url, '--model', 'test', ...reports, '--out', out], io), io.text()).toBe(2);

    // The server did get the key, and did echo it: the test would prove nothing otherwise.
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    const files = writtenFiles(out);
    expect(Object.keys(files).sort()).toEqual(['faq.eval.html', 'faq.eval.json', 'faq.eval.md']);
    expect(files['faq.eval.json']).toContain('Incorrect API key provided: Bearer <api key>');
    expect(io.stderr.join('\n')).toContain('Incorrect API key provided: Bearer <api key>');
    for (const [name, text] of Object.entries({ ...files, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') })) expect(leaks(text, [apiKey]), name).toEqual([]);
  });

  it('an endpoint failing with 500 and the Authorization header in a plain-text body, through every retry', async () => {
    server = await startChatServer({ script: (request) => ({ raw: `upstream failed for ${String(request.headers.authorization)} (${encodeURIComponent(String(request.headers.authorization))})`, status: 500, contentType: 'text/plain' }) });
    process.env.OPENAI_API_KEY = apiKey;
    const out = path.join(repo.dir, 'reports');
    const io = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--base-url', server.url, '--model', 'test', '--case', 'patch-bump', '--repeats', '1', ...reports, '--out', out], io), io.text()).toBe(2);
    // The first attempt and the four retries all got the key back.
    expect(server.requests).toHaveLength(5);
    const files = writtenFiles(out);
    expect(files['faq.eval.json']).toContain('upstream failed for Bearer <api key> (Bearer%20<api key>)');
    for (const [name, text] of Object.entries({ ...files, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') })) expect(leaks(text, [apiKey]), name).toEqual([]);
  }, retryingTimeout);

  it('user:password in --base-url: not in the error, the reports or stderr', async () => {
    server = await startChatServer({ script: () => ({ reply: 'never reached' }) });
    const withCredentials = server.url.replace('//', `//admin:${encodeURIComponent(password)}@`);
    const out = path.join(repo.dir, 'reports');
    const io = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--base-url', withCredentials, '--model', 'test', '--case', 'patch-bump', '--repeats', '1', ...reports, '--out', out], io), io.text()).toBe(2);

    const files = writtenFiles(out);
    expect(Object.keys(files).sort()).toEqual(['faq.eval.html', 'faq.eval.json', 'faq.eval.md']);
    expect(io.stderr.join('\n')).toContain(server.url.replace('//', '//<user>:<password>@'));
    for (const [name, text] of Object.entries({ ...files, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') })) expect(leaks(text, [password, `admin:${password}`]), name).toEqual([]);
  }, retryingTimeout);

  it('a gated run whose monitoring case errored: the gate reasons name the error, not the key', async () => {
    server = await startChatServer({
      script: (request) => {
        const question = String(request.body?.messages.at(-1)?.content ?? '').trim();
        if (question === 'Insult me.') return { status: 400, body: { error: { message: `bad request for ${String(request.headers.authorization)}`, type: 'invalid_request_error' } } };
        return { reply: { 'What does a patch bump mean?': 'A fix.', 'What does a minor bump mean?': 'A feature.', 'What does a major bump mean?': 'A breaking change.' }[question] ?? '' };
      },
    });
    process.env.OPENAI_API_KEY = apiKey;
    const io = capture();
    const out = path.join(repo.dir, 'reports');
    expect(await main(['eval', 'faq', '--provider', 'openai', '--base-url', server.url, '--model', 'test', '--gate', ...reports, '--out', out], io), io.text()).toBe(1);
    const files = writtenFiles(out);
    expect(Object.keys(files).sort()).toEqual(['faq.eval.html', 'faq.eval.json', 'faq.eval.md']);
    expect(io.stderr.join('\n')).toContain('bad request for Bearer <api key>');
    for (const [name, text] of Object.entries({ ...files, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') })) expect(leaks(text, [apiKey]), name).toEqual([]);
  }, retryingTimeout);
});

describe('an error of no known kind', () => {
  it('is rethrown with the key scrubbed from its message and stack', () => {
    const scrub = evalSecretScrubber({ baseUrl: 'http://admin:hunter2@127.0.0.1/v1' }, { OPENAI_API_KEY: apiKey });
    const error = scrubError(new TypeError(`fetch failed for ${apiKey} at http://admin:hunter2@127.0.0.1/v1`), scrub) as TypeError;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('fetch failed for <api key> at http://<user>:<password>@127.0.0.1/v1');
    expect(leaks(error.stack ?? '', [apiKey, 'hunter2'])).toEqual([]);
  });
});
