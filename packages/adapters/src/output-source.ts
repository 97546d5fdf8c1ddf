import { AdapterError } from './adapter-error.js';
import type { RenderedPrompt } from './rendered-prompt.js';

/** A plain JSON Schema object, as a prompt package's `outputJsonSchema` is typed. */
export type JsonSchemaObject = { readonly [key: string]: unknown };

/**
 * Where the output schema comes from: the imported prompt package itself
 * (its `outputJsonSchema`, and `id`/`version` to check it belongs to the
 * render). A package whose prompt declares no output has `outputJsonSchema:
 * null` and does not fit, so asking for structured output from a free-text
 * prompt is a compile error.
 */
export interface OutputSource {
  readonly id?: string;
  readonly version?: string;
  readonly outputJsonSchema: JsonSchemaObject;
}

/**
 * One package, or every installed version of the prompt: with the runtime,
 * the version served changes per request, so passing them all lets the
 * adapter pick the one whose schema matches `meta.version`.
 */
export type OutputSources<Source extends OutputSource = OutputSource> = Source | readonly Source[];

/** The output source that belongs to this render; throws when none does. */
export function selectOutput<Source extends OutputSource>(result: RenderedPrompt, output: OutputSources<Source>, adapter: string): Source {
  const sources: readonly Source[] = Array.isArray(output) ? output : [output as Source];
  const { id, version } = result.meta;
  const matching = sources.filter((source) => (source.id === undefined || source.id === id) && (source.version === undefined || source.version === version));
  const source = matching[0];
  if (source === undefined) {
    const offered = sources.map((item) => `${item.id ?? '?'}@${item.version ?? '?'}`).join(', ') || 'nothing';
    throw new AdapterError(
      'adapters/output-version-mismatch',
      `${adapter}: the render result is ${id}@${version}, but { output } is ${offered}; its schema may not be the one this version's model answers with.`,
      `Pass the package of the version served (result.meta.version), or every installed version: { output: [stable, next] }.`,
    );
  }
  const schema = (source as { outputJsonSchema?: unknown }).outputJsonSchema;
  if (typeof schema !== 'object' || schema === null) {
    throw new AdapterError(
      'adapters/no-output-schema',
      `${adapter}: ${id}@${version} declares no output schema (outputJsonSchema is ${String(schema)}), so there is nothing to ask the model for.`,
      'Declare `output:` in prompt.yaml and rebuild, or call the adapter without { output } for free text.',
    );
  }
  return source;
}
