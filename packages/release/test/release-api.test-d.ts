import { expectTypeOf, test } from 'vitest';
import { fetchPublishedPackage, type RegistryTarget, ReleaseError, type ReleaseOptions, runRelease } from '../src/index.js';

const log = { out: (_line: string) => {}, err: (_line: string) => {} };

test('a release needs somewhere to report, and an override needs its reason', () => {
  expectTypeOf(runRelease).parameter(0).toEqualTypeOf<ReleaseOptions>();
  expectTypeOf<ReleaseOptions>().toHaveProperty('log');
  // @ts-expect-error: no log
  void runRelease({ cwd: '.' });
  // @ts-expect-error: skipping the eval gate without saying why
  void runRelease({ cwd: '.', log, skipEvals: {} });
  // @ts-expect-error: the reason is text, not a flag
  void runRelease({ cwd: '.', log, skipEvals: true });
});

test('registry reads take a resolved target (registry and credentials), never a bare URL', () => {
  const target: RegistryTarget = { registry: 'http://127.0.0.1:4873/', source: '--registry', options: {} };
  void fetchPublishedPackage(target, '@acme/prompt-x', '1.0.0');
  // @ts-expect-error: a URL string carries no credentials scope
  void fetchPublishedPackage('http://127.0.0.1:4873/', '@acme/prompt-x', '1.0.0');
});

test('error codes are a closed set', () => {
  expectTypeOf<ReleaseError['code']>().toExtend<`registry/${string}` | `release/${string}`>();
  void new ReleaseError('release/no-workspace', 'message');
  // @ts-expect-error: not a release error code
  void new ReleaseError('registry/oops', 'message');
  // @ts-expect-error: a workspace problem is a release/ code, not a registry/ one
  void new ReleaseError('registry/no-workspace', 'message');
});
