// Each error class answers isInstance for its own kind only, also when the
// value comes from another copy of the module (a service with two versions).
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMarker } from '../src/errors/error-marker.js';
import { PromptpackError } from '../src/errors/promptpack-error.js';
import { SpecificationError } from '../src/errors/specification-error.js';
import { EvalError, ProviderError, ReplayMissError } from '../../eval/src/eval-error.js';
import { FlagsError } from '../../operate/src/flags-error.js';
import { PromptRuntimeError } from '../../runtime/src/runtime-error.js';

type ErrorClass = { name: string; isInstance(value: unknown): boolean };

const samples: Array<[ErrorClass, () => Error]> = [
  [PromptpackError, () => new PromptpackError('cli/usage', 'bad')],
  [SpecificationError, () => new SpecificationError('manifest', 'id', 'missing', 'rebuild')],
  [EvalError, () => new EvalError('eval/invalid-options', 'bad', 'fix')],
  [ProviderError, () => new ProviderError('provider/http', 'bad', 'retry', { attempts: 1 })],
  [ReplayMissError, () => new ReplayMissError('sha256:0', 'replay.json', 'gpt')],
  [FlagsError, () => new FlagsError('flags/usage', 'bad')],
  [PromptRuntimeError, () => new PromptRuntimeError('runtime/invalid-config', 'bad', 'fix')],
];

// A subclass is also an instance of its parent; nothing else is shared.
const parents = new Map<ErrorClass, ErrorClass>([
  [ProviderError, EvalError],
  [ReplayMissError, EvalError],
]);

describe('error markers', () => {
  it.each(samples.map(([errorClass]) => [errorClass.name, errorClass] as const))('%s.isInstance accepts its own kind and no other', (_name, errorClass) => {
    for (const [other, make] of samples) {
      const expected = other === errorClass || parents.get(other) === errorClass;
      expect({ of: other.name, accepted: errorClass.isInstance(make()) }).toEqual({ of: other.name, accepted: expected });
    }
    expect(errorClass.isInstance(new Error('plain'))).toBe(false);
    expect(errorClass.isInstance({ name: errorClass.name })).toBe(false);
    expect(errorClass.isInstance(null)).toBe(false);
  });

  it('works across two copies of the built module, where instanceof does not', async () => {
    // Two imports of the same file under different URLs are two module instances, as two installed copies are.
    const built = pathToFileURL(path.resolve(import.meta.dirname, '../src/errors/promptpack-error.ts')).href;
    const first = (await import(`${built}?copy=1`)) as typeof import('../src/errors/promptpack-error.js');
    const second = (await import(`${built}?copy=2`)) as typeof import('../src/errors/promptpack-error.js');
    expect(first.PromptpackError).not.toBe(second.PromptpackError);
    const error = new first.PromptpackError('cli/usage', 'bad');
    expect(error).not.toBeInstanceOf(second.PromptpackError);
    expect(second.PromptpackError.isInstance(error)).toBe(true);
    expect(second.PromptpackError.isInstance(new SpecificationError('manifest', '', 'x', 'y'))).toBe(false);
  });

  it('keeps the mark out of JSON and equality', () => {
    const error = new FlagsError('flags/usage', 'bad');
    expect(Object.keys(error)).not.toContain(Symbol.for('promptpack.flags-error'));
    expect(Object.getOwnPropertySymbols(error)).toEqual([Symbol.for('promptpack.flags-error')]);
  });

  it('refuses a kind that is not kebab-case, saying what a right one looks like', () => {
    expect(() => errorMarker('Runtime Error')).toThrow(/not kebab-case; use e\.g\. errorMarker\('runtime-error'\)/);
  });
});
