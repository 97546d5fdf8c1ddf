import { z } from 'zod';
import type { SchemaNode } from '@promptpack/spec';

/**
 * Builds the zod validator a schema declaration means. The build emits the
 * same mapping as source code (packages/build emit-zod); a conformance test
 * keeps the two in step.
 */
export function schemaToZod(node: SchemaNode): z.ZodType {
  switch (node.type) {
    case 'string': {
      if (node.enum) return z.enum(node.enum as [string, ...string[]]);
      let schema = z.string();
      if (node.minLength !== undefined) schema = schema.min(node.minLength);
      if (node.maxLength !== undefined) schema = schema.max(node.maxLength);
      if (node.pattern !== undefined) schema = schema.regex(new RegExp(node.pattern));
      return schema;
    }
    case 'number':
    case 'integer': {
      if (node.enum) return z.literal(node.enum);
      let schema = node.type === 'integer' ? z.int() : z.number();
      if (node.minimum !== undefined) schema = schema.gte(node.minimum);
      if (node.maximum !== undefined) schema = schema.lte(node.maximum);
      if (node.exclusiveMinimum !== undefined) schema = schema.gt(node.exclusiveMinimum);
      if (node.exclusiveMaximum !== undefined) schema = schema.lt(node.exclusiveMaximum);
      return schema;
    }
    case 'boolean':
      return z.boolean();
    case 'array': {
      let schema = z.array(schemaToZod(node.items));
      if (node.minItems !== undefined) schema = schema.min(node.minItems);
      if (node.maxItems !== undefined) schema = schema.max(node.maxItems);
      return schema;
    }
    case 'object': {
      const required = new Set(node.required ?? []);
      const shape = Object.fromEntries(
        Object.entries(node.properties).map(([key, child]) => {
          const schema = schemaToZod(child);
          return [key, required.has(key) ? schema : schema.optional()];
        }),
      );
      return z.strictObject(shape);
    }
  }
}
