/**
 * JavaScript/TypeScript literal text for values the emitters embed. JSON is
 * valid JS for strings, arrays and plain objects (ES2019 allows U+2028/2029 in
 * strings); numbers need care because JSON has no -0 or Infinity.
 */
export function numberLiteral(value: number): string {
  if (Object.is(value, -0)) return '-0';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return String(value);
}

export function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

/** A single-quoted string literal, for TypeScript literal types in declarations. */
export function typeStringLiteral(value: string): string {
  const inner = JSON.stringify(value).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${inner}'`;
}

/**
 * Pretty JSON, used as JS source for data the generated module carries. A
 * `"__proto__":` key would set the prototype in a JS object literal, so it
 * becomes a computed key; pretty printing puts every key at a line start,
 * where no string value can be (newlines in strings are escaped).
 */
export function jsonLiteral(value: unknown, indent = ''): string {
  return JSON.stringify(value, null, 2)
    .replace(/^(\s*)"__proto__":/gm, '$1["__proto__"]:')
    .replaceAll('\n', `\n${indent}`);
}
