import { expect, test } from 'vitest';
import { featuresDecision, payloadVersion } from '../src/features-decision.js';

test('a payload names the version only when it is one', () => {
  expect(payloadVersion({ type: 'json', value: '{"version":"1.5.0"}' })).toBe('1.5.0');
  expect(payloadVersion({ type: 'string', value: ' 1.5.0-rc.1 ' })).toBe('1.5.0-rc.1');
  // The case: variant "1.1.0" carrying a payload of the service's own; the name is the version.
  expect(payloadVersion({ type: 'string', value: 'blue' })).toBeUndefined();
  expect(featuresDecision({ featureEnabled: true, exists: true, variant: { name: '1.1.0', payload: { type: 'string', value: 'blue' } } })).toEqual({
    status: 'variant',
    variant: '1.1.0',
    version: undefined,
  });
  for (const payload of [
    { type: 'json', value: 'not json' },
    { type: 'json', value: 'null' },
    { type: 'json', value: '{"version":7}' },
    { type: 'number', value: '1' },
    { type: 'csv', value: '1.0.0,2.0.0' },
  ]) {
    expect(payloadVersion(payload), JSON.stringify(payload)).toBeUndefined();
  }
});

test('each evaluation maps onto one decision', () => {
  expect(featuresDecision({ featureEnabled: false, exists: false, variant: undefined })).toEqual({ status: 'missing' });
  expect(featuresDecision({ featureEnabled: false, exists: true, variant: undefined })).toEqual({ status: 'disabled' });
  expect(featuresDecision({ featureEnabled: true, exists: true, variant: undefined })).toEqual({ status: 'no-variant' });
});

test('the evaluator\'s frozen variant gets one shared decision; any other variant a fresh one', () => {
  const variant = Object.freeze({ name: '1.1.0', payload: undefined });
  const first = featuresDecision({ featureEnabled: true, exists: true, variant });
  // Same answer, same object: the request path allocates no decision.
  expect(featuresDecision({ featureEnabled: true, exists: true, variant })).toBe(first);
  expect(first).toEqual({ status: 'variant', variant: '1.1.0', version: undefined });
  expect(Object.isFrozen(first)).toBe(true);
  // unleash-client's answers are fresh, unfrozen objects: nothing is remembered for them.
  const fresh = { name: '1.1.0', payload: { type: 'json', value: '{"version":"1.0.0"}' } };
  const decision = featuresDecision({ featureEnabled: true, exists: true, variant: fresh });
  expect(decision).toEqual({ status: 'variant', variant: '1.1.0', version: '1.0.0' });
  expect(featuresDecision({ featureEnabled: true, exists: true, variant: fresh })).not.toBe(decision);
});
