// Reads Unleash's official client specification (@unleash/client-specification):
// every file its index lists, with the state each file's tests run against.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { applyDelta, type DeltaEvent, type FeaturesDocument } from '../../src/unleash-evaluation/index.js';

export interface SpecificationTest {
  description: string;
  context: Record<string, unknown>;
  toggleName: string;
  expectedResult: boolean;
}

export interface SpecificationVariantTest {
  description: string;
  context: Record<string, unknown>;
  toggleName: string;
  expectedResult: { name: string; enabled: boolean; feature_enabled?: boolean; payload?: { type: string; value: string } };
}

export interface SpecificationFile {
  file: string;
  name: string;
  /** The state as a full client-features document (delta-format states applied). */
  document: FeaturesDocument;
  tests: SpecificationTest[];
  variantTests: SpecificationVariantTest[];
}

const folder = path.dirname(createRequire(import.meta.url).resolve('@unleash/client-specification/specifications/index.json'));

export function specificationFiles(): SpecificationFile[] {
  const index = JSON.parse(readFileSync(path.join(folder, 'index.json'), 'utf8')) as string[];
  return index.map((file) => {
    const spec = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as {
      name: string;
      state: FeaturesDocument | { events: DeltaEvent[] };
      tests?: SpecificationTest[];
      variantTests?: SpecificationVariantTest[];
    };
    const state = spec.state as { events?: DeltaEvent[] };
    const document = state.events ? applyDelta(state.events) : (spec.state as FeaturesDocument);
    return { file, name: spec.name, document, tests: spec.tests ?? [], variantTests: spec.variantTests ?? [] };
  });
}
