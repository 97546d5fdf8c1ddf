import type { JsonSchemaObject } from '../output-source.js';
import type { RenderedPrompt } from '../rendered-prompt.js';
import { openAIStrictness } from './strict-schema.js';

/** The `json_schema` block both OpenAI APIs take, chat completions (`response_format`) and responses (`text.format`). */
export interface OpenAIJsonSchemaFormat {
  name: string;
  schema: Record<string, unknown>;
  /**
   * True only when the schema fits OpenAI's strict subset (see
   * openAIStrictness): `strict: true` with, say, an optional property or a
   * `minLength` makes the API reject the request (400), so such a schema is
   * sent as a guide the model follows without guarantee. parseOutput()
   * validates the answer either way.
   */
  strict: boolean;
  description?: string;
}

export function jsonSchemaFormat(result: RenderedPrompt, schema: JsonSchemaObject): OpenAIJsonSchemaFormat {
  const format: OpenAIJsonSchemaFormat = { name: schemaName(result.meta.id), schema: { ...schema }, strict: openAIStrictness(schema).strict };
  if (typeof schema.description === 'string') format.description = schema.description;
  return format;
}

/** OpenAI allows `^[a-zA-Z0-9_-]{1,64}$`; a prompt id (kebab-case) already fits, this keeps any id valid. */
function schemaName(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'output';
}
