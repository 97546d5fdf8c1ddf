import type { FlagContext, FlagDecision, FlagSource } from './flag-source.js';

/** A fixed answer per flag, or a function of the context; for tests and local overrides. */
export type StaticFlagValue = string | false | ((context: FlagContext) => string | false);

/**
 * Flags from a plain map: a version string selects that version, `false`
 * disables the flag. No weights or stickiness: use fileFlags for those.
 */
export function staticFlags(values: Record<string, StaticFlagValue>): FlagSource {
  return {
    name: 'static',
    evaluate(flag: string, context: FlagContext): FlagDecision {
      if (!Object.hasOwn(values, flag)) return { status: 'missing' };
      const entry = values[flag]!;
      const value = typeof entry === 'function' ? entry(context) : entry;
      return value === false ? { status: 'disabled' } : { status: 'variant', variant: value, version: undefined };
    },
    subscribe: () => () => {},
    close: async () => {},
  };
}
