// The generated package declares its manifest as text (emit-declarations.ts),
// the one place the shape is written outside @promptpack/spec. These checks
// keep the two equal: same keys at every level, and the generated type is a
// (readonly) spec PromptManifest.
import type { ManifestHashes, ManifestPolicy, PromptManifest } from '@promptpack/spec';
import { describe, expectTypeOf, test } from 'vitest';
import type { manifest } from './__snapshots__/support-mini/index.js';

type Generated = typeof manifest;
type DeepReadonly<T> = T extends readonly (infer Item)[] ? readonly DeepReadonly<Item>[] : T extends object ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> } : T;

describe('the generated Manifest type', () => {
  test('has exactly the fields of spec\'s PromptManifest, at every level', () => {
    expectTypeOf<keyof Generated>().toEqualTypeOf<keyof PromptManifest>();
    expectTypeOf<keyof Generated['hashes']>().toEqualTypeOf<keyof ManifestHashes>();
    expectTypeOf<keyof Generated['policy']>().toEqualTypeOf<keyof ManifestPolicy>();
    expectTypeOf<keyof NonNullable<Generated['policy']['approval']>>().toEqualTypeOf<keyof NonNullable<ManifestPolicy['approval']>>();
  });

  test('is assignable to a readonly PromptManifest', () => {
    expectTypeOf<Generated>().toExtend<DeepReadonly<PromptManifest>>();
  });

  test('a manifest type that drops or retypes a field does not pass the same check', () => {
    // @ts-expect-error -- no contentHash
    expectTypeOf<Omit<Generated, 'contentHash'>>().toExtend<DeepReadonly<PromptManifest>>();
    // @ts-expect-error -- contentHash must be a string
    expectTypeOf<Omit<Generated, 'contentHash'> & { readonly contentHash: number }>().toExtend<DeepReadonly<PromptManifest>>();
  });
});
