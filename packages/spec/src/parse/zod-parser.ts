import type { z } from 'zod';
import { SpecificationError, type SafeParseResult } from '../errors/specification-error.js';
import { describeValue, readField } from '../json/inspect-value.js';

export interface FormatParser<T> {
  /** Never throws, whatever the input: hostile values come back as a `SpecificationError`. */
  safeParse(value: unknown): SafeParseResult<T>;
  /** `safeParse` that throws the `SpecificationError`. */
  parse(value: unknown): T;
}

/**
 * The `parseX` / `safeParseX` pair of a format checked by a zod schema. The
 * `specificationVersion` is checked first, on its own, so a file of another
 * version says so instead of listing every field that changed.
 */
export function zodParser<T>(format: string, specificationVersion: string | undefined, schema: z.ZodType, hint: string): FormatParser<T> {
  const fail = (path: string, problem: string): SafeParseResult<T> => ({ success: false, error: new SpecificationError(format, path, problem, hint) });
  const safeParse = (value: unknown): SafeParseResult<T> => {
    try {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('', `expected an object, found ${describeValue(value)}`);
      if (specificationVersion !== undefined) {
        const found = readField(value, 'specificationVersion');
        if (found !== specificationVersion) return fail('specificationVersion', `expected "${specificationVersion}", found ${describeValue(found)}`);
      }
      const parsed = schema.safeParse(value);
      if (parsed.success) return { success: true, data: parsed.data as T };
      const issue = parsed.error.issues[0]!;
      return fail(issue.path.map(String).join('.'), issue.message);
    } catch (error) {
      // A getter that throws, a revoked proxy, a stack overflow on absurd nesting.
      return fail('', `it cannot be read (${error instanceof Error ? error.message : 'unknown error'})`);
    }
  };
  return {
    safeParse,
    parse(value) {
      const result = safeParse(value);
      if (!result.success) throw result.error;
      return result.data;
    },
  };
}
