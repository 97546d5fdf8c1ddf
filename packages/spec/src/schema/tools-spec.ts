import { z } from 'zod';
import { zodParser } from '../parse/zod-parser.js';
import { objectNodeSchema } from './schema-node.js';

// The name rule every provider accepts: OpenAI's function names
// (^[a-zA-Z0-9_-]{1,64}$) are the narrowest of OpenAI, Anthropic and Gemini.
export const toolNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a tool name is 1 to 64 letters, digits, underscores or dashes (the rule every provider accepts)');

/** One tool the model may call. Its description is model-facing text: reviewed and hashed like the policy. */
export const toolSchema = z.strictObject({
  name: toolNameSchema.describe('What the model calls, e.g. lookup_order.'),
  description: z.string().min(1).max(4096).describe('What the tool does and when to use it: the model reads this to pick a tool.'),
  parameters: objectNodeSchema.describe('The arguments the model must pass: an object schema, in the same subset as variables.'),
  /**
   * Ask the provider to hold the model to the schema exactly (OpenAI's
   * strict function calling). Every property must then be required, since
   * strict mode has no optional properties.
   */
  strict: z.boolean().optional(),
});

/** `tools.yaml`: the tools this prompt's model may call, in the order it sees them. */
export const toolsSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  tools: z.array(toolSchema).min(1),
});

export type ToolSpec = z.infer<typeof toolSchema>;
export type ToolsSpec = z.infer<typeof toolsSpecSchema>;

const parser = zodParser<ToolsSpec>('tools.yaml', undefined, toolsSpecSchema, 'tools.yaml lists tools, each with name, description and parameters (an object schema); see docs/prompt-format.md#toolsyaml.');

/** Checks a parsed tools.yaml; never throws. */
export const safeParseToolsSpec = parser.safeParse;
/** `safeParseToolsSpec` that throws the `SpecificationError`. */
export const parseToolsSpec = parser.parse;
