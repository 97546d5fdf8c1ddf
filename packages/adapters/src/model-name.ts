import { AdapterError } from './adapter-error.js';
import type { RenderedPrompt } from './rendered-prompt.js';

/** The model to call: the caller's choice, else the one the prompt was written and evaluated for. */
export function modelName(result: RenderedPrompt, override: string | undefined, adapter: string): string {
  const name = override ?? result.model?.name;
  if (typeof name === 'string' && name.length > 0) return name;
  throw new AdapterError(
    'adapters/missing-model',
    `${adapter}: ${result.meta.id}@${result.meta.version} names no model (model.name in prompt.yaml) and no { model } option was given.`,
    `Pass the model to call, e.g. ${adapter}(result, { model: 'gpt-4o-mini' }).`,
  );
}
