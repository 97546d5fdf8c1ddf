import type { LoadedPrompt } from '@promptpack/core';
import type { ObjectNode, StringNode } from '@promptpack/spec';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildManifest } from '../src/manifest.js';
import { buildEvalsManifest } from '../src/evals-manifest.js';
import { copyFixture, loadFixture, scratchDir } from './temp-build.js';

// The hash says "same content" exactly when the model gets the same thing,
// which is also when `check` reports no change.
const scratch = scratchDir();
let prompt: LoadedPrompt;
beforeAll(() => {
  prompt = loadFixture(copyFixture('support-mini', scratch.dir));
});
afterAll(() => scratch.cleanup());

const hashOf = (changed: LoadedPrompt) => buildManifest(changed, buildEvalsManifest(changed), 'test').contentHash;
const withOutput = (output: ObjectNode): LoadedPrompt => ({ ...prompt, spec: { ...prompt.spec, output } });

test('reordering output properties changes the hash: the model receives them in that order', () => {
  const output = prompt.spec.output as ObjectNode;
  const reversed = Object.fromEntries(Object.entries(output.properties).reverse());
  expect(hashOf(withOutput({ ...output, properties: reversed }))).not.toBe(hashOf(prompt));
});

test('reordering variables, which no model sees, keeps the hash', () => {
  const reversed = Object.fromEntries(Object.entries(prompt.spec.variables.properties).reverse());
  expect(hashOf({ ...prompt, spec: { ...prompt.spec, variables: { ...prompt.spec.variables, properties: reversed } } })).toBe(hashOf(prompt));
});

test('reordering an output enum changes the hash (and check reports it as a patch)', () => {
  const output = structuredClone(prompt.spec.output) as ObjectNode;
  (output.properties.decision as StringNode).enum!.reverse();
  expect(hashOf(withOutput(output))).not.toBe(hashOf(prompt));
});

// History limits are prompt config, hashed like the model's; the turns are input (generated-history.test.ts).
test('declaring chat history, or changing one of its limits, changes the hash; leaving it out keeps the old one', () => {
  const withHistory = (maxTurns: number): LoadedPrompt => ({ ...prompt, spec: { ...prompt.spec, history: { maxTurns, maxChars: 20_000 } } });
  const manifest = buildManifest(withHistory(20), buildEvalsManifest(prompt), 'test');
  expect(manifest.hashes.history).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(manifest.history).toEqual({ maxTurns: 20, maxChars: 20_000 });
  expect(hashOf(withHistory(20))).not.toBe(hashOf(prompt));
  expect(hashOf(withHistory(10))).not.toBe(hashOf(withHistory(20)));
  const without = buildManifest(prompt, buildEvalsManifest(prompt), 'test');
  expect(without.hashes).not.toHaveProperty('history');
  expect(without).not.toHaveProperty('history');
});
