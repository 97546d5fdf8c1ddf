import type { SchemaNode } from '@promptpack/spec';
import { numberLiteral, propertyKey, stringLiteral } from './literals.js';

/**
 * Zod source code for a schema declaration, for a module that has `z` in
 * scope. It must mean exactly what core's `schemaToZod` builds at run time
 * (test/emit-zod-conformance.test.ts holds the two together), so the mapping
 * mirrors it call for call.
 */
export function emitZod(node: SchemaNode, indent = ''): string {
  switch (node.type) {
    case 'string': {
      if (node.enum) return `z.enum([${node.enum.map(stringLiteral).join(', ')}])`;
      let code = 'z.string()';
      if (node.minLength !== undefined) code += `.min(${numberLiteral(node.minLength)})`;
      if (node.maxLength !== undefined) code += `.max(${numberLiteral(node.maxLength)})`;
      // `new RegExp(text)` rather than a /literal/: the pattern is JSON Schema
      // text, and a literal would need its own escaping of `/`.
      if (node.pattern !== undefined) code += `.regex(new RegExp(${stringLiteral(node.pattern)}))`;
      return code;
    }
    case 'number':
    case 'integer': {
      if (node.enum) return `z.literal([${node.enum.map(numberLiteral).join(', ')}])`;
      let code = node.type === 'integer' ? 'z.int()' : 'z.number()';
      if (node.minimum !== undefined) code += `.gte(${numberLiteral(node.minimum)})`;
      if (node.maximum !== undefined) code += `.lte(${numberLiteral(node.maximum)})`;
      if (node.exclusiveMinimum !== undefined) code += `.gt(${numberLiteral(node.exclusiveMinimum)})`;
      if (node.exclusiveMaximum !== undefined) code += `.lt(${numberLiteral(node.exclusiveMaximum)})`;
      return code;
    }
    case 'boolean':
      return 'z.boolean()';
    case 'array': {
      let code = `z.array(${emitZod(node.items, indent)})`;
      if (node.minItems !== undefined) code += `.min(${numberLiteral(node.minItems)})`;
      if (node.maxItems !== undefined) code += `.max(${numberLiteral(node.maxItems)})`;
      return code;
    }
    case 'object': {
      const keys = Object.keys(node.properties);
      if (keys.length === 0) return 'z.strictObject({})';
      const required = new Set(node.required ?? []);
      const inner = `${indent}  `;
      const members = keys.map((key) => {
        const child = emitZod(node.properties[key]!, inner);
        return `${inner}${propertyKey(key)}: ${child}${required.has(key) ? '' : '.optional()'},`;
      });
      return `z.strictObject({\n${members.join('\n')}\n${indent}})`;
    }
  }
}
