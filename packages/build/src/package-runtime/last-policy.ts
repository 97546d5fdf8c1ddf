/**
 * The system message of the last render, with the values it was rendered
 * from. A service usually passes the same policy values on every request
 * (its company name, its team), so the usual request compares a value or two
 * and reuses the text, without building a cache key (a string per request)
 * or hashing it. Only plain values are remembered: an object is a fresh copy
 * per request (the variables check copies it), so it never compares equal.
 */
export interface LastPolicy {
  /** The policy variables' values, in policyVariables order; undefined until a text is remembered. */
  values: unknown[] | undefined;
  text: string;
}

export function createLastPolicy(): LastPolicy {
  return { values: undefined, text: '' };
}

/** The remembered text when `data` holds the very values it was rendered from. */
export function lastPolicyText(last: LastPolicy, names: readonly string[], data: Record<string, unknown>): string | undefined {
  const { values } = last;
  if (values === undefined) return undefined;
  for (let index = 0; index < names.length; index += 1) if (data[names[index]!] !== values[index]) return undefined;
  return last.text;
}

/** Remembers `text` for these values, unless one of them is an object or a function (see above). */
export function rememberPolicy(last: LastPolicy, names: readonly string[], data: Record<string, unknown>, text: string): void {
  const values = names.map((name) => data[name]);
  const plain = values.every((value) => value === null || (typeof value !== 'object' && typeof value !== 'function'));
  last.values = plain ? values : undefined;
  last.text = plain ? text : '';
}
