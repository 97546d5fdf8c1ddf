import { describe, expect, it } from 'vitest';
import { secretScrubber } from './secret-scrub.js';
import { scrubValue } from './scrub-value.js';
import { splitUrlCredentials, urlSecrets } from './url-credentials.js';

// A key with the characters JSON and URLs escape.
const key = 'sk-te"st\\key/with space';

describe('secretScrubber', () => {
  it('replaces a secret raw, JSON-escaped and URL-encoded', () => {
    const scrub = secretScrubber([{ value: key, label: '<api key>' }]);
    const text = `raw ${key} json ${JSON.stringify({ key })} url ?k=${encodeURIComponent(key)}`;
    expect(scrub(text)).toBe('raw <api key> json {"key":"<api key>"} url ?k=<api key>');
  });

  it('ignores secrets that are not set', () => {
    expect(secretScrubber([{ value: undefined, label: '<api key>' }, { value: '', label: '<empty>' }])('nothing to hide')).toBe('nothing to hide');
  });
});

describe('URL credentials', () => {
  it('shows a URL without user:password and names both as secrets', () => {
    const url = 'http://admin:hunter%202@127.0.0.1:8080/v1';
    expect(splitUrlCredentials(url)).toEqual({ display: 'http://127.0.0.1:8080/v1', user: 'admin', password: 'hunter 2' });
    const scrub = secretScrubber(urlSecrets(url));
    expect(scrub(`could not reach ${url}`)).toBe('could not reach http://<user>:<password>@127.0.0.1:8080/v1');
    expect(scrub('password hunter 2 alone')).toBe('password <password> alone');
  });

  it('finds user:password however a library spells the URL: as given, normalised by the URL parser, or decoded', () => {
    const url = 'http://admin:hunter2%22%26%3Cpw%3E@127.0.0.1/v1';
    const scrub = secretScrubber(urlSecrets(url));
    expect(scrub(url)).toBe('http://<user>:<password>@127.0.0.1/v1');
    expect(scrub(new URL(url).href)).toBe('http://<user>:<password>@127.0.0.1/v1');
    expect(scrub('admin:hunter2"&<pw>')).toBe('<user>:<password>');
    expect(urlSecrets('http://127.0.0.1/v1')).toEqual([]);
  });

  it('leaves a URL without credentials as given, and hides what precedes an @ in one that does not parse', () => {
    expect(splitUrlCredentials('http://127.0.0.1:8080/v1').display).toBe('http://127.0.0.1:8080/v1');
    expect(splitUrlCredentials('http://user:pa%zz@host/v1').display).toBe('http://<credentials>@host/v1');
  });
});

describe('scrubValue', () => {
  it('scrubs every string of a value, keys included, and keeps a __proto__ key a key', () => {
    const scrub = secretScrubber([{ value: key, label: '<api key>' }]);
    const value = JSON.parse(`{"cases":[{"error":${JSON.stringify(`401 ${key}`)},"latencyMs":3,"ok":true,"none":null}],${JSON.stringify(key)}:1,"__proto__":{"polluted":${JSON.stringify(key)}}}`);
    const scrubbed = scrubValue(value, scrub);
    expect(JSON.stringify(scrubbed)).toBe('{"cases":[{"error":"401 <api key>","latencyMs":3,"ok":true,"none":null}],"<api key>":1,"__proto__":{"polluted":"<api key>"}}');
    expect(Object.getPrototypeOf(scrubbed)).toBe(Object.prototype);
  });
});
