import { z } from 'zod';
import { zodParser } from '../parse/zod-parser.js';
import { evalManifestSchema } from '../schema/evals-spec.js';
import { evalsSpecificationVersion, type EvalsManifest } from './evals-manifest.js';

export const evalsManifestSchema = evalManifestSchema.omit({ $schema: true }).extend({ specificationVersion: z.literal(evalsSpecificationVersion) });

const parser = zodParser<EvalsManifest>('evals manifest', evalsSpecificationVersion, evalsManifestSchema, 'Read the dist/evals.json that `promptpack build` writes; rebuild the package if it is older.');

/** Checks a parsed `dist/evals.json`; never throws. */
export const safeParseEvalsManifest = parser.safeParse;
/** `safeParseEvalsManifest` that throws the `SpecificationError`. */
export const parseEvalsManifest = parser.parse;
