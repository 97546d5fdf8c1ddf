import { z } from 'zod';
import { evalManifestSchema } from './evals-spec.js';
import { fewShotsSchema } from './fewshots-spec.js';
import { promptSpecSchema } from './prompt-spec.js';
import { toolsSpecSchema } from './tools-spec.js';

/**
 * JSON Schemas for editors (yaml-language-server), generated from the zod
 * schemas so the two can never disagree. `io: 'input'` describes what an
 * author writes, where defaults make keys optional.
 */
export function editorJsonSchemas(): Record<'prompt' | 'evals' | 'fewshots' | 'tools', object> {
  const convert = (schema: z.ZodType, title: string) => ({ ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title });
  return {
    prompt: convert(promptSpecSchema, 'promptpack prompt.yaml'),
    evals: convert(evalManifestSchema, 'promptpack evals.yaml'),
    fewshots: convert(fewShotsSchema, 'promptpack fewshots.yaml'),
    tools: convert(toolsSpecSchema, 'promptpack tools.yaml'),
  };
}
