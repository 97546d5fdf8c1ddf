import { locateJsonKey, type Diagnostic } from '@promptpack/spec';

/**
 * `"sideEffects": false` in a prompt's package.json. A built prompt module
 * only declares things, but a bundler cannot know that without the flag: a
 * service that imports render() alone then ships the lazily loaded zod
 * schemas (hundreds of KB) and every eval case with it.
 */
export function checkSideEffects(json: Record<string, unknown>, source: string, file: string): Diagnostic[] {
  if (json.sideEffects === false) return [];
  const present = Object.hasOwn(json, 'sideEffects');
  return [{
    code: 'package/side-effects',
    severity: 'warning',
    file,
    // The key itself when it is there; otherwise the object's start, where the author adds it.
    ...(present ? locateJsonKey(source, 'sideEffects') : { line: 1, column: 1 }),
    path: 'sideEffects',
    message: present
      ? `package.json says "sideEffects": ${JSON.stringify(json.sideEffects)}; a bundler then keeps all of the built prompt (its zod schemas and eval cases) in a service that only renders.`
      : 'package.json does not say "sideEffects": false; a bundler then keeps all of the built prompt (its zod schemas and eval cases) in a service that only renders.',
    expected: '"sideEffects": false',
    hint: 'Add "sideEffects": false to package.json, as `promptpack new` writes it: a built prompt module has no side effects.',
  }];
}
