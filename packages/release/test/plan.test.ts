import { describe, expect, test } from 'vitest';
import { parsePublishOutput } from '../src/changeset-publish.js';
import { formatSummary, planJson } from '../src/format-release.js';
import { decideEvalGate } from '../src/eval-gate.js';
import { type Identity, planRelease, publishedOrFailed, type VersionState } from '../src/plan.js';
import type { PromptPackage } from '../src/prompt-packages.js';

const pkg = (name: string, version = '1.0.0'): PromptPackage => ({ name: `@acme/${name}`, version, dir: `/repo/prompts/${name}`, folder: name, relativeDir: `prompts/${name}` });
const a = pkg('a');
const b = pkg('b');
const c = pkg('c');
const d = pkg('d');

describe('planRelease', () => {
  test('absent is published, same tarball or same contentHash is already published, anything else conflicts', () => {
    const states = new Map<string, VersionState>([
      [a.name, { kind: 'absent' }],
      [b.name, { kind: 'present', shasum: 'same' }],
      [c.name, { kind: 'present', shasum: 'remote' }],
      [d.name, { kind: 'present', shasum: 'remote' }],
    ]);
    const identities = new Map<string, Identity>([
      [b.name, { localShasum: 'same' }],
      // Built by another promptpack version: other bytes, same prompt.
      [c.name, { localShasum: 'local', localContentHash: 'sha256:x', remoteContentHash: 'sha256:x' }],
      [d.name, { localShasum: 'local', localContentHash: 'sha256:x', remoteContentHash: 'sha256:y' }],
    ]);
    expect(planRelease([a, b, c, d], states, identities).map((entry) => entry.action)).toEqual(['publish', 'already-published', 'already-published', 'conflict']);
  });

  test('an unreadable registry leaves the package undecided', () => {
    const plan = planRelease([a], new Map([[a.name, { kind: 'unreachable', reason: 'ECONNREFUSED' }]]), new Map());
    expect(plan[0]).toMatchObject({ action: 'unreachable', reason: 'ECONNREFUSED' });
  });
});

describe('publishedOrFailed', () => {
  const report = { reportedPublished: new Set([a.name]), errors: new Map([[b.name, 'E401 Unable to authenticate']]) };
  test('the packument confirms a publish', () => {
    expect(publishedOrFailed(b, { kind: 'present', shasum: 's' }, 's', report)).toEqual({ result: 'published', confirmedBy: 'registry' });
  });
  test('other contents under the version are a failure', () => {
    expect(publishedOrFailed(a, { kind: 'present', shasum: 'theirs' }, 'ours', report).result).toBe('failed');
  });
  test('registry gone after the publish: the 2xx to the publish request confirms, nothing else does', () => {
    const gone: VersionState = { kind: 'unreachable', reason: 'E502' };
    expect(publishedOrFailed(a, gone, 's', report)).toEqual({ result: 'published', confirmedBy: 'publish-response' });
    expect(publishedOrFailed(b, gone, 's', report)).toEqual({ result: 'failed', reason: 'E401 Unable to authenticate' });
  });
  test('absent after a reported success is a failure', () => {
    expect(publishedOrFailed(a, { kind: 'absent' }, 's', report)).toEqual({ result: 'failed', reason: 'not on the registry after publishing' });
  });
});

test('formatSummary says what to do when anything failed', () => {
  const ok = formatSummary([{ pkg: a, result: 'published', tag: 'created', confirmedBy: 'registry' }], { pushed: 'not requested' });
  expect(ok.ok).toBe(true);
  expect(ok.text).not.toContain('re-run');
  const failed = formatSummary(
    [
      { pkg: a, result: 'already-published', tag: 'existed' },
      { pkg: b, result: 'failed', reason: 'E502 registry unreachable' },
    ],
    { pushed: 'not requested' },
  );
  expect(failed.ok).toBe(false);
  expect(failed.text).toContain('@acme/b@1.0.0: E502 registry unreachable');
  expect(failed.text).toContain('re-run `promptpack release`');
});

describe('parsePublishOutput', () => {
  test('reads the merged changeset output, where the failed list follows the published one', () => {
    // Captured from `changeset publish` 2.31.1 when the registry died after the first publish.
    const output = [
      '🦋  info Publishing "@acme/a" at "1.0.0"',
      '🦋  error an error occurred while publishing @acme/b: E502 502 Bad Gateway - PUT http://127.0.0.1:1/@acme%2fb ',
      '🦋  error npm error code E502',
      '🦋  success packages published successfully:',
      '🦋  @acme/a@1.0.0',
      '🦋  error packages failed to publish:',
      '🦋  @acme/b@1.0.0',
      '🦋  @acme/c@1.0.0',
    ].join('\n');
    const report = parsePublishOutput(output, [a, b, c]);
    expect([...report.reportedPublished]).toEqual([a.name]);
    expect(report.errors.get(b.name)).toBe('E502 502 Bad Gateway - PUT http://127.0.0.1:1/@acme%2fb');
    expect(report.errors.get(c.name)).toContain('reported it as failed');
  });
});

test('the plan as JSON names each package, its action, and the eval gate of what it publishes', () => {
  const states = new Map<string, VersionState>([
    [a.name, { kind: 'absent' }],
    [b.name, { kind: 'present', shasum: 'same' }],
  ]);
  const plan = planRelease([a, b], states, new Map([[b.name, { localShasum: 'same' }]]));
  const gate = new Map([a, b].map((pkg) => [pkg.name, decideEvalGate(pkg, { kind: 'missing' }, undefined)]));
  expect(planJson(plan, gate, 'http://127.0.0.1:4873/ (--registry)')).toEqual({
    specificationVersion: 'promptpack.release-plan/v1',
    registry: 'http://127.0.0.1:4873/ (--registry)',
    packages: [
      {
        name: '@acme/a',
        version: '1.0.0',
        dir: 'prompts/a',
        action: 'publish',
        evalGate: { verdict: 'refused', problem: 'no eval record (prompts/a/eval-result.json does not exist)', hint: expect.stringContaining('promptpack eval a --gate') },
      },
      { name: '@acme/b', version: '1.0.0', dir: 'prompts/b', action: 'already-published' },
    ],
  });
});
