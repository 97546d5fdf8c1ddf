// Random client-features documents and contexts for the differential test,
// from a seeded generator so a failure names its seed and reproduces. Only
// deterministic evaluations: every context has a userId, a sessionId and the
// custom fields used as stickiness, and no strategy or stickiness is random.
import type { EvaluationContext, FeaturesDocument } from '../../src/unleash-evaluation/index.js';

export type Random = () => number;

/** mulberry32: a tiny, well-known seeded generator. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const count = (random: Random, max: number) => Math.floor(random() * (max + 1));
const chance = (random: Random, p: number) => random() < p;

const stickyFields = ['tenantId', 'plan'];
const plainFields = ['region', 'version', 'beta', 'age'];
const fieldValues: Record<string, string[]> = {
  userId: ['1', '2', '17', '123', '999', 'ada', 'grace@example.com', 'Ünïcødé', '😊'],
  sessionId: ['s1', 's2', 'abc', 'zzz', '42'],
  appName: ['web', 'api', 'promptpack'],
  environment: ['development', 'production'],
  tenantId: ['acme', 'globex', 'initech', 'ACME'],
  plan: ['free', 'pro', 'enterprise'],
  region: ['eu', 'us', 'EU-West', ''],
  version: ['1', '2.5', '10', '-3', 'x', ''],
  beta: ['true', 'false'],
  age: ['0', '17', '18', '65', '1e3', ' 7 '],
};
const dates = ['2020-01-01T00:00:00.000Z', '2024-06-15T12:00:00.000Z', '2030-01-01T00:00:00.000Z', 'not a date'];
const operators = ['IN', 'NOT_IN', 'STR_STARTS_WITH', 'STR_ENDS_WITH', 'STR_CONTAINS', 'NUM_EQ', 'NUM_GT', 'NUM_GTE', 'NUM_LT', 'NUM_LTE', 'DATE_AFTER', 'DATE_BEFORE'];
const flagNames = ['prompt.support-reply', 'prompt.refund-triage', 'Feature.A', 'feature.ø', 'a/b', 'prompt.x'];

function constraint(random: Random) {
  const operator = pick(random, operators);
  const contextName = operator.startsWith('DATE') ? 'currentTime' : pick(random, ['userId', 'sessionId', 'appName', 'environment', ...stickyFields, ...plainFields, 'missing']);
  const pool = fieldValues[contextName] ?? ['x', 'y'];
  const single = operator.startsWith('NUM') || operator.startsWith('DATE');
  return {
    contextName,
    operator,
    ...(single
      ? { value: operator.startsWith('DATE') ? pick(random, dates) : pick(random, ['0', '2', '17.5', '18', 'abc', '']) }
      : { values: Array.from({ length: count(random, 3) }, () => (chance(random, 0.2) ? ` ${pick(random, pool)} ` : pick(random, pool))) }),
    ...(chance(random, 0.3) ? { inverted: true } : {}),
    ...(chance(random, 0.3) ? { caseInsensitive: true } : {}),
  };
}

function variants(random: Random, withOverrides: boolean) {
  const stickiness = pick(random, [undefined, 'default', 'userId', 'sessionId', ...stickyFields]);
  return Array.from({ length: count(random, 4) }, (_, index) => ({
    name: `v${index}`,
    weight: pick(random, [0, 1, 33, 100, 500, 1000]),
    weightType: 'variable',
    ...(stickiness === undefined ? {} : { stickiness }),
    ...(chance(random, 0.5) ? { payload: { type: pick(random, ['string', 'json']), value: chance(random, 0.5) ? `1.${index}.0` : '{"version":"2.0.0"}' } } : {}),
    ...(withOverrides && chance(random, 0.2) ? { overrides: [{ contextName: pick(random, ['userId', 'tenantId']), values: [pick(random, fieldValues.userId!), 'acme'] }] } : {}),
  }));
}

function strategy(random: Random) {
  const name = pick(random, ['default', 'userWithId', 'gradualRolloutUserId', 'gradualRolloutSessionId', 'flexibleRollout', 'flexibleRollout', 'applicationHostname']);
  const parameters: Record<string, string> = {};
  if (name === 'userWithId') parameters.userIds = Array.from({ length: count(random, 3) }, () => pick(random, fieldValues.userId!)).join(pick(random, [',', ', ', ' ,']));
  if (name.startsWith('gradual')) parameters.percentage = pick(random, ['0', '1', '10', '50', '99', '100']);
  if (name === 'flexibleRollout') {
    parameters.rollout = pick(random, ['0', '1', '10', '50', '100']);
    parameters.stickiness = pick(random, ['default', 'userId', 'sessionId', ...stickyFields]);
  }
  if (name === 'applicationHostname') parameters.hostNames = pick(random, ['localhost', 'nowhere.example']);
  if (name !== 'default' && chance(random, 0.6)) parameters.groupId = pick(random, ['', 'prompt.x', 'g']);
  return {
    name,
    parameters,
    constraints: Array.from({ length: chance(random, 0.5) ? 0 : count(random, 2) }, () => constraint(random)),
    ...(chance(random, 0.2) ? { segments: [pick(random, [1, 2, 3])] } : {}),
    ...(chance(random, 0.4) ? { variants: variants(random, false) } : {}),
  };
}

export function randomDocument(random: Random): FeaturesDocument {
  const names = [...new Set(Array.from({ length: 1 + count(random, 3) }, () => pick(random, flagNames)))];
  const features = names.map((name) => ({
    name,
    enabled: chance(random, 0.85),
    strategies: Array.from({ length: count(random, 3) }, () => strategy(random)),
    variants: chance(random, 0.6) ? variants(random, true) : [],
    ...(chance(random, 0.25)
      ? {
          dependencies: [
            {
              feature: pick(random, [...flagNames, 'absent']),
              ...(chance(random, 0.3) ? { enabled: false } : {}),
              ...(chance(random, 0.3) ? { variants: ['v0', 'v1'] } : {}),
            },
          ],
        }
      : {}),
  }));
  const segments = [1, 2].map((id) => ({ id, constraints: Array.from({ length: count(random, 2) }, () => constraint(random)) }));
  return { version: 2, features, segments };
}

export function randomContext(random: Random): EvaluationContext {
  const properties: Record<string, string> = {};
  for (const field of stickyFields) properties[field] = pick(random, fieldValues[field]!);
  for (const field of plainFields) if (chance(random, 0.6)) properties[field] = pick(random, fieldValues[field]!);
  return {
    userId: pick(random, fieldValues.userId!),
    sessionId: pick(random, fieldValues.sessionId!),
    appName: pick(random, fieldValues.appName!),
    environment: pick(random, fieldValues.environment!),
    currentTime: pick(random, dates.slice(0, 3)),
    properties,
  };
}

/** Mostly a flag of the document, sometimes one it lacks. */
export const randomFlagName = (random: Random, document: FeaturesDocument) =>
  chance(random, 0.85) ? pick(random, document.features).name : pick(random, [...flagNames, 'absent']);
