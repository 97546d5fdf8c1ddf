import { z } from 'zod';
import type { SafeParseResult } from '../errors/specification-error.js';
import { safeParseJsonWith } from '../parse/parse-json-with.js';
import { zodParser } from '../parse/zod-parser.js';
import { modelSchema } from '../schema/prompt-spec.js';
import { manifestSpecificationVersion, type PromptManifest } from './manifest.js';

const hash = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" followed by 64 lowercase hex digits');
const jsonSchema = z.record(z.string(), z.unknown());

// Loose objects: a reader of v1 keeps fields a newer build adds instead of dropping them.
export const manifestSchema = z.looseObject({
  specificationVersion: z.literal(manifestSpecificationVersion),
  id: z.string().min(1),
  name: z.string().min(1),
  version: z.string().min(1),
  description: z.string(),
  owners: z.array(z.string()),
  model: modelSchema.loose(),
  variables: jsonSchema,
  output: jsonSchema.nullable(),
  history: z.looseObject({ maxTurns: z.int().positive(), maxChars: z.int().positive() }).optional(),
  hashes: z.looseObject({ policy: hash, fewshots: hash, template: hash, variables: hash, output: hash, model: hash, tools: hash.optional(), history: hash.optional(), evals: hash }),
  contentHash: hash,
  policyHash: hash,
  policy: z.looseObject({
    hash,
    approval: z.looseObject({ by: z.string(), at: z.string() }).nullable(),
    sections: z.array(z.looseObject({ name: z.string(), file: z.string(), hash })),
  }),
  builtWith: z.looseObject({ handlebars: z.string() }),
});

const hint = 'Read the dist/manifest.json that `promptpack build` writes; rebuild the package if it is older.';
const parser = zodParser<PromptManifest>('prompt manifest', manifestSpecificationVersion, manifestSchema, hint);

/** Checks a parsed `dist/manifest.json`; never throws. */
export const safeParseManifest = parser.safeParse;
/** `safeParseManifest` that throws the `SpecificationError`. */
export const parseManifest = parser.parse;
/** `safeParseManifest` of a `dist/manifest.json`'s text: not-JSON is a `SpecificationError` too. Never throws. */
export function safeParseManifestText(text: string): SafeParseResult<PromptManifest> {
  return safeParseJsonWith(text, 'prompt manifest', hint, safeParseManifest);
}
