import { describe, expect, it } from 'vitest';
import { flagsChangeSpecificationVersion, type ChangeRecord, type StateSummary } from '@promptpack/spec';
import { canaryRun } from '../src/guard-canary.js';
import { FlagsError } from '../src/flags-error.js';

const state = (stable: string | null, canary?: { version: string; percent: number }): StateSummary => ({ exists: true, enabled: true, rules: [], stable, canary: canary ? { ...canary, tenants: [] } : null, text: 'x' });
const record = (time: string, command: ChangeRecord['command'], after: StateSummary): ChangeRecord => ({
  specificationVersion: flagsChangeSpecificationVersion,
  time,
  actor: 'oncall',
  command,
  prompt: 'support-reply',
  flag: 'prompt.support-reply',
  args: {},
  before: state(null),
  after,
  reason: 'r',
  forced: [],
});

describe('canaryRun', () => {
  const records = [
    record('2026-12-01T10:00:00.000Z', 'canary', state('1.0.0', { version: '1.1.0', percent: 10 })),
    record('2026-12-01T11:00:00.000Z', 'rollback', state('1.0.0')),
    record('2026-12-01T12:00:00.000Z', 'canary', state('1.0.0', { version: '1.1.0', percent: 1 })),
    record('2026-12-01T12:10:00.000Z', 'canary', state('1.0.0', { version: '1.1.0', percent: 10 })),
  ];

  it('started with the first record of the unbroken run of this canary, stepped with the last', () => {
    const run = canaryRun('prompt.support-reply', state('1.0.0', { version: '1.1.0', percent: 10 }), records);
    expect(run).toEqual({ version: '1.1.0', stable: '1.0.0', percent: 10, tenants: [], started: new Date('2026-12-01T12:00:00.000Z'), stepStarted: new Date('2026-12-01T12:10:00.000Z') });
  });

  it('no canary served: nothing to guard', () => {
    expect(canaryRun('prompt.support-reply', state('1.0.0'), records)).toBeUndefined();
  });

  it('a canary the audit trail does not know (set in the Unleash UI): a usage error saying how to start it', () => {
    let error: unknown;
    try {
      canaryRun('prompt.support-reply', state('1.0.0', { version: '1.2.0', percent: 5 }), records);
    } catch (caught) {
      error = caught;
    }
    expect(FlagsError.isInstance(error) && error.code).toBe('flags/usage');
    expect((error as FlagsError).message).toMatch(/no `promptpack flags canary` record of that canary \(the last record: canary at 2026-12-01T12:10:00.000Z\)/);
    expect((error as FlagsError).hint).toMatch(/promptpack flags canary support-reply 1\.2\.0 --percent 5/);
  });
});
