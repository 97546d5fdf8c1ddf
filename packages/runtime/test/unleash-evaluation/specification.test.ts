// Unleash's client specification, every file, against promptpack's own
// evaluator: each isEnabled test and each getVariant test (name, payload,
// enabled, feature_enabled).
import { describe, expect, test } from 'vitest';
import { createFeaturesEvaluator, type EvaluationContext } from '../../src/unleash-evaluation/index.js';
import { unleashClientDelegate } from '../../src/unleash-client-delegate.js';
import { specificationFiles } from './specification.js';

const files = specificationFiles();

test('the specification is all there: 22 files, 279 cases', () => {
  expect(files).toHaveLength(22);
  expect(files.reduce((sum, file) => sum + file.tests.length + file.variantTests.length, 0)).toBe(279);
});

for (const file of files) {
  describe(file.file, () => {
    const evaluator = createFeaturesEvaluator(file.document, () => unleashClientDelegate(file.document));
    for (const spec of file.tests) {
      test(spec.description, () => {
        const answer = evaluator.evaluate(spec.toggleName, spec.context as EvaluationContext);
        expect(answer.featureEnabled).toBe(spec.expectedResult);
      });
    }
    for (const spec of file.variantTests) {
      test(`variant: ${spec.description}`, () => {
        const answer = evaluator.evaluate(spec.toggleName, spec.context as EvaluationContext);
        const expected = spec.expectedResult;
        expect({
          name: answer.variant?.name ?? 'disabled',
          enabled: answer.variant !== undefined,
          feature_enabled: answer.featureEnabled,
          ...(answer.variant?.payload ? { payload: answer.variant.payload } : {}),
        }).toEqual({
          name: expected.name,
          enabled: expected.enabled,
          feature_enabled: expected.feature_enabled ?? answer.featureEnabled,
          ...(expected.payload ? { payload: expected.payload } : {}),
        });
      });
    }
  });
}

test('flags that need unleash-client are listed with the reason, and nothing else is', () => {
  const delegatedFiles = files.filter((file) => createFeaturesEvaluator(file.document, () => unleashClientDelegate(file.document)).delegated.size > 0).map((file) => file.file);
  expect(delegatedFiles).toEqual([
    '06-remote-address-strategy.json',
    '13-constraint-operators.json', // an unknown operator
    '14-constraint-semver-operators.json',
    '15-global-constraints.json', // SEMVER_EQ inside segments
    '21-regex-constraint-operators.json',
    '22-cidr-constraint-operators.json',
  ]);
  const reasons = new Set(files.flatMap((file) => [...createFeaturesEvaluator(file.document, () => unleashClientDelegate(file.document)).delegated.values()]));
  expect([...reasons].sort()).toEqual([
    'operator IN_CIDR is evaluated by unleash-client',
    'operator NOT_A_VALID_OPERATOR is evaluated by unleash-client',
    'operator REGEX is evaluated by unleash-client',
    'operator SEMVER_EQ is evaluated by unleash-client',
    'operator SEMVER_GT is evaluated by unleash-client',
    'operator SEMVER_GTE is evaluated by unleash-client',
    'operator SEMVER_LT is evaluated by unleash-client',
    'operator SEMVER_LTE is evaluated by unleash-client',
    'strategy "remoteAddress" is evaluated by unleash-client',
  ]);
});
