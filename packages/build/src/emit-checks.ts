import type { ArrayNode, NumberNode, ObjectNode, SchemaNode, StringNode } from '@promptpack/spec';
import { numberLiteral, stringLiteral } from './literals.js';

/**
 * Plain JavaScript that validates a value exactly as the zod schema emitZod
 * writes for the same declaration: the same issues (code, path, message and
 * every other field, in zod's order) and the same parsed copy (shape-ordered
 * keys, fresh arrays). render() runs it on every request, so it never loads
 * zod; the decisions zod makes per parse (which checks, which limits, which
 * keys) are made here, once, and the generated code only compares.
 *
 * Declares `function <name>(input)` returning zod's safeParse shape, plus one
 * function per schema node (`<name>_<n>`), for a module that has the checks of
 * ./package-runtime/value-checks.ts in scope. test/variable-checks/emit-checks-differential.test.ts
 * compares it with zod on random schemas and values.
 */
export function emitChecks(node: SchemaNode, name: string): string {
  const functions: string[] = [];
  let count = 0;
  // Children are emitted before their parent; function declarations are hoisted, so order does not matter.
  const emit = (child: SchemaNode): string => {
    const id = `${name}_${count++}`;
    functions.push(emitNode(child, id, emit));
    return id;
  };
  const root = emit(node);
  return [
    `function ${name}(input) {`,
    '  const run = startCheck();',
    `  return finishCheck(run, ${root}(input, run));`,
    '}',
    ...functions,
  ].join('\n');
}

type Emit = (node: SchemaNode) => string;

function emitNode(node: SchemaNode, id: string, emit: Emit): string {
  switch (node.type) {
    case 'string':
      return node.enum ? emitEnum(id, stringEnumValues(node.enum)) : emitString(node, id);
    case 'number':
    case 'integer':
      return node.enum ? emitEnum(id, node.enum) : emitNumber(node, id);
    case 'boolean':
      return nodeFunction(id, ["  if (typeof value !== 'boolean') expectType(run, 'boolean', value);", '  return value;']);
    case 'array':
      return emitArray(node, id, emit(node.items));
    case 'object':
      return emitObject(node, id, emit);
  }
}

function nodeFunction(id: string, body: string[], before: string[] = []): string {
  return [...before, `function ${id}(value, run) {`, ...body, '}'].join('\n');
}

// z.enum keys its values by an object, so they come back in property order
// (integer-like strings first) and once each; z.literal keeps the list as given.
function stringEnumValues(values: readonly string[]): string[] {
  return Object.keys(Object.fromEntries(values.map((value) => [value, value])));
}

function emitEnum(id: string, values: readonly (string | number)[]): string {
  const list = values.map((value) => (typeof value === 'string' ? stringLiteral(value) : numberLiteral(value)));
  return nodeFunction(id, [`  checkValue(run, value, ${id}_values);`, '  return value;'], [`const ${id}_values = [${list.join(', ')}];`]);
}

function emitString(node: StringNode, id: string): string {
  const body = ['  const start = run.issues.length;', "  if (typeof value !== 'string') expectType(run, 'string', value);"];
  const before: string[] = [];
  if (node.minLength !== undefined) body.push(`  checkMinLength(run, start, value, ${numberLiteral(node.minLength)});`);
  if (node.maxLength !== undefined) body.push(`  checkMaxLength(run, start, value, ${numberLiteral(node.maxLength)});`);
  if (node.pattern !== undefined) {
    // `new RegExp(text)`, as emitZod writes it: the same flags and the same `/.../` text in the issue.
    before.push(`const ${id}_pattern = new RegExp(${stringLiteral(node.pattern)});`);
    body.push(`  checkPattern(run, start, value, ${id}_pattern);`);
  }
  body.push('  return value;');
  return nodeFunction(id, body, before);
}

function emitNumber(node: NumberNode, id: string): string {
  // In emitZod's order; after a type issue zod runs none of them.
  const checks: string[] = [];
  if (node.type === 'integer') checks.push('checkInteger(run, start, value);');
  if (node.minimum !== undefined) checks.push(`checkMinimum(run, start, value, ${numberLiteral(node.minimum)}, true);`);
  if (node.maximum !== undefined) checks.push(`checkMaximum(run, start, value, ${numberLiteral(node.maximum)}, true);`);
  if (node.exclusiveMinimum !== undefined) checks.push(`checkMinimum(run, start, value, ${numberLiteral(node.exclusiveMinimum)}, false);`);
  if (node.exclusiveMaximum !== undefined) checks.push(`checkMaximum(run, start, value, ${numberLiteral(node.exclusiveMaximum)}, false);`);
  if (checks.length === 0) return nodeFunction(id, ['  if (!isNumber(value)) expectNumber(run, value);', '  return value;']);
  return nodeFunction(id, [
    '  if (!isNumber(value)) {',
    '    expectNumber(run, value);',
    '    return value;',
    '  }',
    '  const start = run.issues.length;',
    ...checks.map((check) => `  ${check}`),
    '  return value;',
  ]);
}

function emitArray(node: ArrayNode, id: string, item: string): string {
  const lengthChecks = (target: string) => [
    ...(node.minItems !== undefined ? [`checkMinLength(run, start, ${target}, ${numberLiteral(node.minItems)});`] : []),
    ...(node.maxItems !== undefined ? [`checkMaxLength(run, start, ${target}, ${numberLiteral(node.maxItems)});`] : []),
  ];
  return nodeFunction(id, [
    '  const start = run.issues.length;',
    '  if (!Array.isArray(value)) {',
    "    expectType(run, 'array', value);",
    // Not a no-op: zod measures anything with a length, a string given for an array included.
    ...lengthChecks('value').map((check) => `    ${check}`),
    '    return value;',
    '  }',
    ...(node.maxItems !== undefined ? [`  if (value.length > ${numberLiteral(node.maxItems)}) {`, `    refuseLongArray(run, ${numberLiteral(node.maxItems)}, value);`, '    return value;', '  }'] : []),
    '  const items = new Array(value.length);',
    '  for (let index = 0; index < value.length; index += 1) {',
    '    run.path.push(index);',
    `    items[index] = ${item}(value[index], run);`,
    '    run.path.pop();',
    '  }',
    ...lengthChecks('items').map((check) => `  ${check}`),
    '  return items;',
  ]);
}

function emitObject(node: ObjectNode, id: string, emit: Emit): string {
  const keys = Object.keys(node.properties);
  const required = new Set(node.required ?? []);
  const body = ['  if (!isObject(value)) {', "    expectType(run, 'object', value);", '    return value;', '  }', `  const data = ${copyLiteral(keys, required)};`, '  let mark;'];
  keys.forEach((key, index) => {
    // zod never reads a declared __proto__ (and still counts it as declared below).
    if (key === '__proto__') return;
    const check = emit(node.properties[key]!);
    const literal = stringLiteral(key);
    const read = `value[${literal}]`;
    const variable = `value${index}`;
    // zod reads the value before asking `key in value`; a getter or proxy sees the same order.
    if (required.has(key)) {
      body.push(
        `  run.path.push(${literal});`,
        '  mark = run.issues.length;',
        `  const ${variable} = ${check}(${read}, run);`,
        '  run.path.pop();',
        `  if (${literal} in value) data[${literal}] = ${variable};`,
        `  else if (run.issues.length === mark) expectPresent(run, ${literal});`,
      );
    } else {
      body.push(
        `  const ${variable} = ${read};`,
        `  if (${variable} === undefined) {`,
        `    if (${literal} in value) data[${literal}] = undefined;`,
        '  } else {',
        `    run.path.push(${literal});`,
        '    mark = run.issues.length;',
        `    const checked = ${check}(${variable}, run);`,
        '    run.path.pop();',
        `    if (${literal} in value) data[${literal}] = checked;`,
        '    else dropIssues(run, mark);',
        '  }',
      );
    }
  });
  const declared = keys.map((key) => `key !== ${stringLiteral(key)}`).join(' && ');
  body.push(
    '  let unknown;',
    `  for (const key in value) ${declared ? `if (${declared}) ` : ''}(unknown ??= []).push(key);`,
    '  if (unknown !== undefined) refuseKeys(run, unknown);',
    '  return data;',
  );
  return nodeFunction(id, body);
}

/**
 * The start of zod's copy of an object: its declared keys in declaration
 * order. The required keys before the first optional one are in every copy
 * a successful check returns (a missing one is an issue, and the copy of a
 * check with issues is dropped), so the copy starts as a literal holding
 * them: allocated at its final size, with no property added per request.
 * A declared __proto__ is never copied, and in a literal it would set the
 * prototype.
 */
function copyLiteral(keys: readonly string[], required: ReadonlySet<string>): string {
  const leading: string[] = [];
  for (const key of keys) {
    if (key === '__proto__') continue;
    if (!required.has(key)) break;
    leading.push(`${stringLiteral(key)}: undefined`);
  }
  return leading.length === 0 ? '{}' : `{ ${leading.join(', ')} }`;
}
