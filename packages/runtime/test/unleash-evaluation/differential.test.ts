// promptpack's evaluator against unleash-client's public getVariant on random
// documents and contexts: same featureEnabled, variant name and payload for
// every evaluation. The seed is printed with any difference, to reproduce it.
import { expect, test } from 'vitest';
import { createFeaturesEvaluator, type EvaluationContext } from '../../src/unleash-evaluation/index.js';
import { unleashClientDelegate } from '../../src/unleash-client-delegate.js';
import { randomContext, randomDocument, randomFlagName, seeded } from './random-documents.js';

const documents = 1000;
const evaluationsPerDocument = 24;

test(`agrees with unleash-client getVariant on ${documents} random documents x ${evaluationsPerDocument} contexts`, { timeout: 120_000 }, () => {
  const differences: string[] = [];
  let evaluated = 0;
  let enabled = 0;
  let withVariant = 0;
  for (let seed = 1; seed <= documents && differences.length < 5; seed++) {
    const random = seeded(seed);
    const document = randomDocument(random);
    const reference = unleashClientDelegate(document);
    const ours = createFeaturesEvaluator(document, () => {
      throw new Error('the generator only uses what promptpack evaluates');
    });
    for (let index = 0; index < evaluationsPerDocument; index++) {
      const flag = randomFlagName(random, document);
      const context: EvaluationContext = randomContext(random);
      const expected = reference.evaluate(flag, context);
      const actual = ours.evaluate(flag, context);
      evaluated++;
      if (expected.featureEnabled) enabled++;
      if (expected.variant) withVariant++;
      const same =
        actual.featureEnabled === expected.featureEnabled &&
        actual.variant?.name === expected.variant?.name &&
        JSON.stringify(actual.variant?.payload) === JSON.stringify(expected.variant?.payload);
      if (!same) {
        differences.push(`seed ${seed}, flag ${flag}, context ${JSON.stringify(context)}:\n  unleash-client ${JSON.stringify(expected)}\n  promptpack     ${JSON.stringify(actual)}\n  document ${JSON.stringify(document)}`);
      }
    }
    reference.close();
  }
  expect(differences.join('\n\n')).toBe('');
  // The corpus exercises every outcome, not only "off".
  expect(evaluated).toBe(documents * evaluationsPerDocument);
  expect(enabled / evaluated).toBeGreaterThan(0.3);
  expect(withVariant / evaluated).toBeGreaterThan(0.1);
});
