import { expect, test } from 'vitest';
import type { FlagDecision } from '../src/flag-source.js';
import { resolveVersion, versionResolver } from '../src/resolve-version.js';

const installed = new Set(['1.0.0', '1.1.0']);

test('versionResolver answers what resolveVersion answers, for every kind of decision', () => {
  const resolve = versionResolver('1.0.0', installed);
  const decisions: FlagDecision[] = [
    { status: 'variant', variant: '1.1.0', version: undefined },
    { status: 'variant', variant: 'canary', version: '1.1.0' },
    { status: 'variant', variant: '2.0.0', version: undefined },
    { status: 'no-variant' },
    { status: 'disabled' },
    { status: 'missing' },
    { status: 'not-ready' },
    { status: 'error', message: 'down' },
  ];
  for (const decision of decisions) {
    expect(resolve(decision), JSON.stringify(decision)).toEqual(resolveVersion(decision, '1.0.0', installed));
    expect(resolve(Object.freeze({ ...decision })), JSON.stringify(decision)).toEqual(resolveVersion(decision, '1.0.0', installed));
  }
});

test('a frozen decision without a detail is resolved once; the others every time', () => {
  const resolve = versionResolver('1.0.0', installed);
  const usual = Object.freeze({ status: 'variant', variant: '1.1.0', version: undefined } as const);
  expect(resolve(usual)).toBe(resolve(usual));
  const unfrozen: FlagDecision = { status: 'variant', variant: '1.1.0', version: undefined };
  expect(resolve(unfrozen)).not.toBe(resolve(unfrozen));
  // A detail feeds a warning: such answers are not remembered.
  const unknown = Object.freeze({ status: 'variant', variant: '9.9.9', version: undefined } as const);
  expect(resolve(unknown)).not.toBe(resolve(unknown));
});
