import { z } from 'zod';

/**
 * The JSON-Schema subset prompts declare variables and output with. One
 * declaration feeds TypeScript types, runtime validation (zod) and the JSON
 * Schema sent to a model, so only keywords all three can honour are allowed.
 */
export type SchemaNode = StringNode | NumberNode | BooleanNode | ArrayNode | ObjectNode;

interface Described {
  description?: string;
}

export interface StringNode extends Described {
  type: 'string';
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

export interface NumberNode extends Described {
  type: 'number' | 'integer';
  enum?: number[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export interface BooleanNode extends Described {
  type: 'boolean';
}

export interface ArrayNode extends Described {
  type: 'array';
  items: SchemaNode;
  minItems?: number;
  maxItems?: number;
}

export interface ObjectNode extends Described {
  type: 'object';
  properties: Record<string, SchemaNode>;
  required?: string[];
  /** Always false in effect: unknown keys are rejected. Accepted so JSON Schema copied from elsewhere reads. */
  additionalProperties?: false;
}

const description = z.string().min(1).optional();

// Handlebars resolves a bare name as a helper before a value, so a variable
// called `log` or `each` would call the helper instead of printing the value.
const handlebarsHelperNames = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'helperMissing', 'blockHelperMissing']);
// Every JavaScript object already has these (`constructor`, `toString`,
// `__proto__`...): zod reads an absent `constructor` as the inherited
// function, a parsed `__proto__` key is dropped, and Handlebars refuses to
// print them. Refusing the names is the one place that keeps render,
// parseOutput, eval cases, the generated types and the impact rules right.
const builtInMemberNames = new Set(Object.getOwnPropertyNames(Object.prototype));
const propertyName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a property name is a letter or _ followed by letters, digits or _')
  .refine((name) => !handlebarsHelperNames.has(name), {
    message: `a property name must not be a Handlebars helper name (${[...handlebarsHelperNames].join(', ')})`,
  })
  .refine((name) => !builtInMemberNames.has(name), {
    message: `a property name must not be a member every JavaScript object has (${[...builtInMemberNames].sort().join(', ')}); rename it, e.g. constructor to builder`,
  });
const count = z.int().nonnegative().optional();

export const schemaNodeSchema: z.ZodType<SchemaNode> = z.lazy(() =>
  // The object branch is declared below (its own export); the cast keeps the
  // recursive union typed as SchemaNode without spelling out zod's internals.
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('string'),
      description,
      enum: z.array(z.string()).min(1).optional(),
      minLength: count,
      maxLength: count,
      pattern: z.string().optional(),
    }),
    z.strictObject({
      type: z.enum(['number', 'integer']),
      description,
      enum: z.array(z.number()).min(1).optional(),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
      exclusiveMinimum: z.number().optional(),
      exclusiveMaximum: z.number().optional(),
    }),
    z.strictObject({ type: z.literal('boolean'), description }),
    z.strictObject({
      type: z.literal('array'),
      description,
      items: schemaNodeSchema,
      minItems: count,
      maxItems: count,
    }),
    objectNodeSchema as unknown as z.ZodObject<{ type: z.ZodLiteral<'object'> }>,
  ]) as unknown as z.ZodType<SchemaNode>,
);

export const objectNodeSchema: z.ZodType<ObjectNode> = z.strictObject({
  type: z.literal('object'),
  description,
  properties: z.record(propertyName, z.lazy(() => schemaNodeSchema)),
  required: z.array(z.string()).optional(),
  additionalProperties: z.literal(false).optional(),
});
