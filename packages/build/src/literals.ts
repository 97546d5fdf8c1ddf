/**
 * JavaScript/TypeScript literal text for values the emitters embed. User text
 * reaches generated code only through these: JSON-escaped, with U+2028 and
 * U+2029 escaped too (JSON leaves them raw; they are legal in ES2019 string
 * literals but end a line everywhere else, and older tools disagree), and
 * never inside a comment. Numbers need care because JSON has no -0 or Infinity.
 */
export function numberLiteral(value: number): string {
  if (Object.is(value, -0)) return '-0';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return String(value);
}

export function stringLiteral(value: string): string {
  return escapeLineSeparators(JSON.stringify(value));
}

/** A property name in an object literal or type: bare when it is an identifier, else a string literal. */
export function propertyKey(name: string): string {
  // `__proto__: x` in an object literal sets the prototype (quoted too); a computed key defines the property.
  if (name === '__proto__') return '["__proto__"]';
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : stringLiteral(name);
}

function escapeLineSeparators(json: string): string {
  return json.replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

/** A single-quoted string literal, for TypeScript literal types in declarations. */
export function typeStringLiteral(value: string): string {
  const inner = stringLiteral(value).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${inner}'`;
}

/**
 * Pretty JSON, used as JS source for data the generated module carries. A
 * `"__proto__":` key would set the prototype in a JS object literal, so it
 * becomes a computed key; pretty printing puts every key at a line start,
 * where no string value can be (every line terminator in a string is escaped).
 */
export function jsonLiteral(value: unknown, indent = ''): string {
  return escapeLineSeparators(JSON.stringify(value, null, 2))
    .replace(/^(\s*)"__proto__":/gm, '$1["__proto__"]:')
    .replaceAll('\n', `\n${indent}`);
}
