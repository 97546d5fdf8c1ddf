import { describe, expect, it } from 'vitest';
import { flagsChangeSpecificationVersion as recordSpecification, type ChangeRecord } from '@promptpack/spec';
import { rollbackTarget, stableLineage } from '../src/change-record.js';
import { allStrategy, canaryStrategies, type EnvironmentState, summarize } from '../src/flag-state.js';

const flag = 'prompt.support-reply';
const on = (strategies: EnvironmentState['strategies']): EnvironmentState => ({ name: 'file', enabled: true, strategies });

describe('canaryStrategies', () => {
  it.each([
    [10, 900, 100],
    [0.5, 995, 5],
    [0, 1000, 0],
    [100, 0, 1000],
  ])('%s%%: the stable is variable %i, the canary fix %i (out of 1000)', (percent, stable, canary) => {
    const [strategy] = canaryStrategies({ flag, baseline: '1.0.0', version: '1.1.0', percent, tenants: [], stickiness: 'default', reason: 'r' });
    expect(strategy!.variants).toEqual([
      { name: '1.0.0', weight: stable, weightType: 'variable', stickiness: 'default' },
      { name: '1.1.0', weight: canary, weightType: 'fix', stickiness: 'default' },
    ]);
    expect(strategy!.parameters).toEqual({ rollout: '100', stickiness: 'default', groupId: flag });
  });

  it('with tenants: a tenantId IN rule for the canary, then everyone else on the baseline', () => {
    const strategies = canaryStrategies({ flag, baseline: '1.1.0', version: '1.2.0', percent: 25, tenants: ['acme-beta', 'globex'], stickiness: 'tenantId', reason: 'r' });
    expect(strategies).toHaveLength(2);
    expect(strategies[0]!.constraints).toEqual([{ contextName: 'tenantId', operator: 'IN', values: ['acme-beta', 'globex'], inverted: false, caseInsensitive: false }]);
    const summary = summarize(on(strategies));
    expect(summary.text).toBe('tenantId IN acme-beta,globex: 1.1.0 75%, 1.2.0 25%; everyone else: 1.1.0 100%');
    expect(summary.stable).toBe('1.1.0');
    expect(summary.canary).toEqual({ version: '1.2.0', percent: 25, tenants: ['acme-beta', 'globex'] });
  });
});

describe('summarize', () => {
  it('reads shares from stored weights and rollout, versions from payloads', () => {
    const summary = summarize(
      on([
        {
          name: 'flexibleRollout',
          parameters: { rollout: '50', stickiness: 'userId' },
          variants: [
            { name: 'stable', weight: 800, weightType: 'variable', payload: { type: 'json', value: '{"version":"1.0.0"}' } },
            { name: 'next', weight: 200, weightType: 'fix', payload: { type: 'string', value: '1.1.0' } },
          ],
        },
      ]),
    );
    expect(summary.rules[0]).toMatchObject({ audience: 'everyone', rollout: 50, stickiness: 'userId', shares: [{ version: '1.0.0', percent: 40 }, { version: '1.1.0', percent: 10 }] });
    expect(summary.text).toBe('everyone: 1.0.0 40%, 1.1.0 10%, 50% not matched; everyone else: built-in stable');
    expect(summary.stable).toBeNull();
  });

  it('off, absent and variant-less flags serve the built-in stable', () => {
    expect(summarize(undefined).text).toBe('no flag (built-in stable)');
    expect(summarize({ name: 'file', enabled: false, strategies: [] }).text).toBe('off (built-in stable)');
    expect(summarize(on([{ name: 'default' }])).text).toBe('everyone: no variant');
  });
});

describe('rollback target', () => {
  const state = (stable: string | null, canary?: string) => summarize(stable ? on(canary ? canaryStrategies({ flag, baseline: stable, version: canary, percent: 10, tenants: [], stickiness: 'default', reason: 'r' }) : [allStrategy(flag, stable, 'default', 'x', 'r')]) : undefined);
  const record = (command: ChangeRecord['command'], before: ReturnType<typeof state>, after: ReturnType<typeof state>): ChangeRecord => ({
    specificationVersion: recordSpecification,
    time: '2026-01-01T00:00:00Z',
    actor: 'a',
    command,
    prompt: 'support-reply',
    flag,
    args: {},
    before,
    after,
    reason: 'r',
    forced: [],
  });

  it('from a canary: its baseline', () => {
    expect(rollbackTarget(state('1.0.0', '1.1.0'), [], '1.0.0')).toBe('1.0.0');
  });

  it('after promotions: the stable before, then the one before that; never flip-flopping', () => {
    const history = [
      record('canary', state(null), state('1.0.0', '1.1.0')),
      record('promote', state('1.0.0', '1.1.0'), state('1.1.0')),
      record('canary', state('1.1.0'), state('1.1.0', '1.2.0')),
      record('promote', state('1.1.0', '1.2.0'), state('1.2.0')),
    ];
    expect(stableLineage(history, '1.0.0')).toEqual(['1.0.0', '1.1.0', '1.2.0']);
    expect(rollbackTarget(state('1.2.0'), history, '1.0.0')).toBe('1.1.0');
    const afterOne = [...history, record('rollback', state('1.2.0'), state('1.1.0'))];
    expect(stableLineage(afterOne, '1.0.0')).toEqual(['1.0.0', '1.1.0']);
    expect(rollbackTarget(state('1.1.0'), afterOne, '1.0.0')).toBe('1.0.0');
    const afterTwo = [...afterOne, record('rollback', state('1.1.0'), state('1.0.0'))];
    expect(rollbackTarget(state('1.0.0'), afterTwo, '1.0.0')).toBeUndefined();
  });

  it('with no history: the services\' built-in stable', () => {
    expect(rollbackTarget(state('1.1.0'), [], '1.0.0')).toBe('1.0.0');
    expect(rollbackTarget(state('1.0.0'), [], '1.0.0')).toBeUndefined();
  });
});
