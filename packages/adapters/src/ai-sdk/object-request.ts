import type { FlexibleSchema } from 'ai';
import { checkRendered } from '../check-rendered.js';
import { selectOutput, type OutputSource, type OutputSources } from '../output-source.js';
import type { RenderedPrompt } from '../rendered-prompt.js';
import { toAiSdkText, type AiSdkRequestOptions, type AiSdkTextRequest } from './text-request.js';

/** A prompt package with an output schema: its zod `outputSchema` is what generateObject validates against. */
export interface ObjectOutputSource extends OutputSource {
  readonly outputSchema: FlexibleSchema<unknown>;
}

/** What `generateObject()` takes besides `model`; `Schema` is the package's zod schema, so the object is typed. */
export type AiSdkObjectRequest<Schema> = Omit<AiSdkTextRequest, 'stopSequences' | 'tools'> & {
  schema: Schema;
  schemaName: string;
  schemaDescription?: string;
  output: 'object';
};

/**
 * The options of `generateObject({ model, ...toAiSdkObject(result, prompt) })`:
 * toAiSdkText() plus the prompt package's zod output schema, so the SDK asks
 * the model for JSON of that shape and returns the parsed, typed object.
 * generateObject takes no stop sequences and no tools, so prompt.yaml's
 * `stop` and tools.yaml's tools are not sent (generateText with an `output`
 * takes both).
 * AI SDK 6 deprecates generateObject for `generateText` with an `output`:
 * `generateText({ model, ...toAiSdkText(result), output: Output.object({ schema: prompt.outputSchema }) })`
 * works the same (test/ai-sdk.test.ts shows both).
 */
export function toAiSdkObject<Source extends ObjectOutputSource>(
  result: RenderedPrompt,
  output: OutputSources<Source>,
  options: AiSdkRequestOptions = {},
): AiSdkObjectRequest<Source['outputSchema']> {
  checkRendered(result, 'toAiSdkObject');
  const source = selectOutput(result, output, 'toAiSdkObject');
  const { stopSequences: _stop, tools: _tools, ...text } = toAiSdkText(result, options);
  const request: AiSdkObjectRequest<Source['outputSchema']> = { ...text, schema: source.outputSchema, schemaName: result.meta.id, output: 'object' };
  if (typeof source.outputJsonSchema.description === 'string') request.schemaDescription = source.outputJsonSchema.description;
  return request;
}
