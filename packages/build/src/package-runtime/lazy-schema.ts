/**
 * A stand-in for a zod schema that builds the real one on first touch.
 *
 * Why: importing zod costs more than everything else a prompt package does
 * at start-up, and render() no longer needs it (it runs the generated
 * checks). The schemas are still exported as values, `variablesSchema` and
 * `outputSchema`, so ESM needs a binding at load time; this proxy is that
 * binding. Every operation a caller (or zod itself, composing it into
 * z.object({...})) performs is forwarded to the schema, built once from
 * dist/schemas.cjs, whose `require('zod')` is the only place zod is loaded.
 * A CommonJS file because its require is synchronous in Node's ESM and CJS
 * alike and every bundler follows it, while ESM has no synchronous import.
 *
 * The target holds nothing but the inspect hook: a proxy must not report a
 * property as non-configurable unless its target has it so, hence
 * `configurable: true`.
 */
export function lazySchema<Schema extends object>(build: () => Schema): Schema {
  let built: Schema | undefined;
  const schema = (): Schema => (built ??= build());
  // Node's util.inspect (console.log) reads a proxy's target, not through the traps: show the schema, not `{}`.
  const target = { [Symbol.for('nodejs.util.inspect.custom')]: (_depth: number, options: object, inspect: (value: unknown, options: object) => string) => inspect(schema(), options) };
  return new Proxy(target as unknown as Schema, {
    get: (_target, key) => Reflect.get(schema(), key),
    set: (_target, key, value) => Reflect.set(schema(), key, value),
    has: (_target, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
