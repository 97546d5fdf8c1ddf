// Every versioned format: parse rejects another specificationVersion with a
// message naming both, and safeParse never throws, whatever it is given.
import { describe, expect, it } from 'vitest';
import {
  evalRecordVersion,
  evalResultVersion,
  evalsSpecificationVersion,
  flagsChangeSpecificationVersion,
  manifestSpecificationVersion,
  parseChangeRecord,
  parseEvalRecord,
  parseEvalResult,
  parseEvalsManifest,
  parseManifest,
  parsePolicyLock,
  policyLockSpecificationVersion,
  safeParseChangeRecord,
  safeParseCheckReport,
  safeParseEvalRecord,
  safeParseEvalResult,
  safeParseEvalsManifest,
  safeParseEvalsSpec,
  safeParseFewShots,
  safeParseFlagsFile,
  safeParseManifest,
  safeParsePolicyLock,
  safeParsePromptSpec,
  SpecificationError,
  type SafeParseResult,
} from '../src/index.js';

const versioned: Array<{ format: string; version: string; parse: (value: unknown) => unknown; safeParse: (value: unknown) => SafeParseResult<unknown> }> = [
  { format: 'policy lock', version: policyLockSpecificationVersion, parse: parsePolicyLock, safeParse: safeParsePolicyLock },
  { format: 'prompt manifest', version: manifestSpecificationVersion, parse: parseManifest, safeParse: safeParseManifest },
  { format: 'evals manifest', version: evalsSpecificationVersion, parse: parseEvalsManifest, safeParse: safeParseEvalsManifest },
  { format: 'eval result', version: evalResultVersion, parse: parseEvalResult, safeParse: safeParseEvalResult },
  { format: 'eval record', version: evalRecordVersion, parse: parseEvalRecord, safeParse: safeParseEvalRecord },
  { format: 'flags change record', version: flagsChangeSpecificationVersion, parse: parseChangeRecord, safeParse: safeParseChangeRecord },
];

const safeParsers: Array<[string, (value: unknown) => SafeParseResult<unknown>]> = [
  ...versioned.map((entry) => [entry.format, entry.safeParse] as [string, (value: unknown) => SafeParseResult<unknown>]),
  ['prompt.yaml', safeParsePromptSpec],
  ['evals.yaml', safeParseEvalsSpec],
  ['fewshots.yaml', safeParseFewShots],
  ['flags file', safeParseFlagsFile],
  ['check report', safeParseCheckReport],
];

function deeplyNested(depth: number): unknown {
  let value: unknown = {};
  for (let index = 0; index < depth; index++) value = { specificationVersion: 'x', a: value, features: [value] };
  return value;
}

const throwing = new Proxy({}, {
  get() {
    throw new Error('a getter that throws');
  },
  getOwnPropertyDescriptor() {
    throw new Error('a descriptor that throws');
  },
});

const hostile: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['a string', 'promptpack.manifest/v1'],
  ['an array of non-objects', [1, 'x', null]],
  ['a function', () => 1],
  ['a symbol', Symbol('x')],
  ['a bigint', 10n],
  ['__proto__ keys', JSON.parse('{"__proto__": {"specificationVersion": "promptpack.manifest/v1", "polluted": true}, "features": [{"__proto__": {"name": "x"}}]}')],
  ['an object with a null prototype', Object.create(null)],
  ['deep nesting', deeplyNested(20_000)],
  ['a proxy whose getters throw', throwing],
];

describe('specificationVersion', () => {
  it.each(versioned)('$format: parse rejects another version, naming the expected one and the one found', ({ format, version, parse, safeParse }) => {
    const other = version.replace(/\/v1$/, '/v9');
    const result = safeParse({ specificationVersion: other });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.path).toBe('specificationVersion');
    expect(result.error.message).toContain(`Not a valid ${format}: specificationVersion: expected "${version}", found "${other}".`);
    expect(result.error.hint).not.toBe('');
    expect(() => parse({ specificationVersion: other })).toThrow(`expected "${version}", found "${other}"`);
    expect(() => parse({})).toThrow(`expected "${version}", found nothing`);
  });
});

describe('safeParse on hostile input', () => {
  for (const [format, safeParse] of safeParsers) {
    it.each(hostile)(`${format}: %s comes back as a SpecificationError, never a throw`, (_what, value) => {
      let result: SafeParseResult<unknown> | undefined;
      expect(() => (result = safeParse(value))).not.toThrow();
      expect(result!.success).toBe(false);
      if (!result!.success) expect(SpecificationError.isInstance(result!.error)).toBe(true);
    });
  }

  it('does not pollute Object.prototype through __proto__ keys', () => {
    for (const [, safeParse] of safeParsers) safeParse(JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
