import type { ObjectNode, SchemaNode } from '@promptpack/spec';
import { numberLiteral, propertyKey, typeStringLiteral } from './literals.js';

/** TypeScript type text for a schema declaration: what render() accepts or parseOutput() returns. */
export function emitType(node: SchemaNode, indent = ''): string {
  switch (node.type) {
    case 'string':
      return node.enum ? node.enum.map(typeStringLiteral).join(' | ') : 'string';
    case 'number':
    case 'integer':
      return node.enum ? node.enum.map(numberLiteral).join(' | ') : 'number';
    case 'boolean':
      return 'boolean';
    case 'array': {
      const item = emitType(node.items, indent);
      return /^[A-Za-z]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
    }
    case 'object':
      return `{\n${emitMembers(node, `${indent}  `)}${indent}}`;
  }
}

/** The members of an object type, one per line with JSDoc from `description`, for `interface X {...}` or `{...}`. */
export function emitMembers(node: ObjectNode, indent: string): string {
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties)
    .map(([key, child]) => {
      const doc = child.description ? jsDoc(child.description, indent) : '';
      return `${doc}${indent}${propertyKey(key)}${required.has(key) ? '' : '?'}: ${emitType(child, indent)};\n`;
    })
    .join('');
}

/** A JSDoc block; `*\/` in a description would end the comment early, so it is broken up. */
export function jsDoc(text: string, indent: string): string {
  const lines = text.trim().replaceAll('*/', '*\\/').split(/\r?\n/);
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? ` ${line}` : ''}\n`).join('')}${indent} */\n`;
}
