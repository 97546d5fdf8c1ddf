import { aborted, explicitlyAborted, report, type CheckRun } from './check-run.js';

// The checks a generated variables check calls (emit-checks.ts), each doing
// what the zod check of the same name does in zod 4.6: the same condition,
// the same issue fields in the same order, the same `continue` flag, and the
// same rule for running after an earlier issue (`start` is the index of the
// value's first issue). Everything per prompt (which checks, which limits)
// is decided at build time; this is the part that is the same everywhere.

/** The issue of z.string(), z.boolean(), z.array(), z.object() for a value not of the type. */
export function expectType(run: CheckRun, expected: string, value: unknown): void {
  report(run, { expected, code: 'invalid_type' }, undefined, value);
}

/** z.number(): NaN and the infinities are not numbers either. */
export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && !Number.isNaN(value) && Number.isFinite(value);
}

export function expectNumber(run: CheckRun, value: unknown): void {
  const received = typeof value === 'number' ? (Number.isNaN(value) ? 'NaN' : String(value)) : undefined;
  report(run, received ? { expected: 'number', code: 'invalid_type', received } : { expected: 'number', code: 'invalid_type' }, undefined, value);
}

/** z.int(): a safe integer. */
export function checkInteger(run: CheckRun, start: number, value: number): void {
  if (aborted(run, start)) return;
  if (!Number.isInteger(value)) {
    report(run, { expected: 'int', format: 'safeint', code: 'invalid_type' }, false, value);
    return;
  }
  if (Number.isSafeInteger(value)) return;
  const note = 'Integers must be within the safe integer range.';
  if (value > 0) report(run, { code: 'too_big', maximum: Number.MAX_SAFE_INTEGER, note, origin: 'int', inclusive: true }, true, value);
  else report(run, { code: 'too_small', minimum: Number.MIN_SAFE_INTEGER, note, origin: 'int', inclusive: true }, true, value);
}

/** .gte() (inclusive) and .gt(). */
export function checkMinimum(run: CheckRun, start: number, value: number, minimum: number, inclusive: boolean): void {
  if (aborted(run, start) || (inclusive ? value >= minimum : value > minimum)) return;
  report(run, { origin: 'number', code: 'too_small', minimum, inclusive }, true, value);
}

/** .lte() (inclusive) and .lt(). */
export function checkMaximum(run: CheckRun, start: number, value: number, maximum: number, inclusive: boolean): void {
  if (aborted(run, start) || (inclusive ? value <= maximum : value < maximum)) return;
  report(run, { origin: 'number', code: 'too_big', maximum, inclusive }, true, value);
}

// zod measures a length check on anything with a `length` (its `when`), even
// after a type issue: z.string().min(3) given [1] also says "too small".
function hasLength(run: CheckRun, start: number, value: unknown): value is { length: number } {
  return !explicitlyAborted(run, start) && value !== null && value !== undefined && (value as { length?: unknown }).length !== undefined;
}

/** .min() of a string (in code points) or an array. */
export function checkMinLength(run: CheckRun, start: number, value: unknown, minimum: number): void {
  if (!hasLength(run, start, value)) return;
  const units = value.length;
  const length = typeof value === 'string' && units >= minimum && units < minimum * 2 ? codePointLength(value) : units;
  if (length >= minimum) return;
  report(run, { origin: lengthOrigin(value), code: 'too_small', minimum, inclusive: true }, true, value);
}

/** .max() of a string (in code points) or an array. */
export function checkMaxLength(run: CheckRun, start: number, value: unknown, maximum: number): void {
  if (!hasLength(run, start, value)) return;
  const units = value.length;
  const length = typeof value === 'string' && units > maximum ? codePointLength(value) : units;
  if (length <= maximum) return;
  report(run, { origin: lengthOrigin(value), code: 'too_big', maximum, inclusive: true }, true, value);
}

/** An array longer than its maxItems is refused before any item is read (zod's capSize). */
export function refuseLongArray(run: CheckRun, maximum: number, value: unknown[]): void {
  report(run, { origin: 'array', code: 'too_big', maximum, inclusive: true }, false, value);
}

/** .regex(): the pattern is compiled once, in the generated module. */
export function checkPattern(run: CheckRun, start: number, value: string, pattern: RegExp): void {
  if (aborted(run, start)) return;
  pattern.lastIndex = 0;
  if (pattern.test(value)) return;
  report(run, { origin: 'string', code: 'invalid_format', format: 'regex', pattern: pattern.toString() }, true, value);
}

/** z.enum() and z.literal([...]): values as zod lists them in the issue. */
export function checkValue(run: CheckRun, value: unknown, values: readonly unknown[]): void {
  if (values.includes(value)) return;
  report(run, { code: 'invalid_value', values }, undefined, value);
}

/** A required key whose value passed although `key in object` denies it (a proxy can): zod's "nonoptional". */
export function expectPresent(run: CheckRun, key: string): void {
  report(run, { code: 'invalid_type', expected: 'nonoptional' }, undefined, undefined, key);
}

/** z.strictObject(): the undeclared keys, in for...in order, as one issue. */
export function refuseKeys(run: CheckRun, keys: string[]): void {
  report(run, { code: 'unrecognized_keys', keys }, true, undefined);
}

/** zod's isObject: arrays and null are not objects. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lengthOrigin(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return typeof value === 'string' ? 'string' : 'unknown';
}

const highSurrogate = /[\uD800-\uDBFF]/;

function codePointLength(text: string): number {
  const units = text.length;
  if (!highSurrogate.test(text)) return units;
  let count = units;
  for (let index = 0; index < units - 1; index += 1) {
    if ((text.charCodeAt(index) & 0xfc00) === 0xd800 && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      count -= 1;
      index += 1;
    }
  }
  return count;
}
