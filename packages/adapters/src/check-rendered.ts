import { AdapterError } from './adapter-error.js';
import type { RenderedPrompt } from './rendered-prompt.js';

/**
 * Refuses what a JavaScript caller (no compiler to stop it) may pass instead
 * of a render result: a prompt module, a string, the result of safeRender().
 */
export function checkRendered(result: RenderedPrompt, adapter: string): void {
  const candidate = result as Partial<RenderedPrompt> | null | undefined;
  if (typeof candidate !== 'object' || candidate === null || !Array.isArray(candidate.messages) || typeof candidate.meta?.version !== 'string') {
    throw new AdapterError(
      'adapters/invalid-render-result',
      `${adapter}(result): result is ${describe(candidate)}, not a render result with messages, model and meta.`,
      `Pass what render() or runtime.render() returns, e.g. ${adapter}(prompt.render(variables)); from safeRender(), pass its .data after checking .success.`,
    );
  }
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? `a string (${JSON.stringify(value.slice(0, 40))})` : String(value);
  const keys = Object.keys(value).slice(0, 6);
  return `an object with keys ${keys.length ? keys.join(', ') : '(none)'}`;
}
