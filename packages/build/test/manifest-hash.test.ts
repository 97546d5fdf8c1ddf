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
