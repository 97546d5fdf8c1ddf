import { z } from 'zod';
import { zodParser } from '../parse/zod-parser.js';
import { historySpecSchema } from './history-spec.js';
import { objectNodeSchema, schemaNodeSchema } from './schema-node.js';

/** Model defaults a rendered prompt carries; services may override them per call. */
export const modelSchema = z.strictObject({
  name: z.string().min(1).describe('Model name the prompt was written and evaluated for, e.g. gpt-4o-mini.'),
  provider: z.string().min(1).optional().describe('Provider hint, e.g. openai.'),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.int().positive().optional(),
  topP: z.number().min(0).max(1).optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
  presencePenalty: z.number().min(-2).max(2).optional(),
  seed: z.int().optional(),
  stop: z.array(z.string().min(1)).max(4).optional(),
});

export const promptIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a prompt id is kebab-case: lowercase letters, digits and single dashes');

/** `prompt.yaml`: what the prompt is, who owns it, its model defaults and its interface. */
export const promptSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  id: promptIdSchema.describe('Same as the folder name under prompts/.'),
  description: z.string().min(1),
  owners: z.array(z.string().min(1)).min(1).describe('Teams or people (e.g. @acme/support-eng) who own the prompt.'),
  model: modelSchema,
  variables: objectNodeSchema.describe('The variables render() accepts: an object schema.'),
  output: schemaNodeSchema.optional().describe('Shape of the model output parseOutput() accepts; omit for free text.'),
  history: historySpecSchema
    .optional()
    .describe('The prompt takes prior conversation turns (render(variables, { history })), after the few-shots and before the new user message; omit when it does not. `history: {}` takes the default limits.'),
});

export type ModelDefaults = z.infer<typeof modelSchema>;
export type PromptSpec = z.infer<typeof promptSpecSchema>;

const parser = zodParser<PromptSpec>('prompt.yaml', undefined, promptSpecSchema, 'Start from the prompt.yaml `promptpack new` writes; `promptpack validate` points at each problem with file:line:col.');

/** Checks a parsed prompt.yaml (no YAML here: core's loader reads the file and keeps positions); never throws. */
export const safeParsePromptSpec = parser.safeParse;
/** `safeParsePromptSpec` that throws the `SpecificationError`. */
export const parsePromptSpec = parser.parse;
