import { SpecificationError, type SafeParseResult } from '../errors/specification-error.js';
import { describeValue, readField } from '../json/inspect-value.js';

// The flags file is Unleash's client-features JSON (what
// `GET /api/client/features` returns): services read it with `fileFlags()`,
// `promptpack flags --file` changes it. Only the parts promptpack relies on
// are typed; everything else is kept as it is.

export interface Variant {
  name: string;
  /** Out of 1000, as stored (Unleash has already spread `variable` weights). */
  weight: number;
  weightType?: 'variable' | 'fix' | string;
  stickiness?: string;
  payload?: { type: string; value: string };
}

export interface Constraint {
  contextName: string;
  operator: string;
  values?: string[];
  value?: string;
  inverted?: boolean;
  caseInsensitive?: boolean;
}

export interface Strategy {
  id?: string;
  name: string;
  title?: string | null;
  disabled?: boolean | null;
  parameters?: Record<string, string>;
  constraints?: Constraint[];
  variants?: Variant[];
  segments?: number[];
  sortOrder?: number;
}

export interface FlagsFileFeature {
  name: string;
  enabled: boolean;
  strategies?: Strategy[];
  variants?: Variant[];
  [key: string]: unknown;
}

export interface FlagsFile {
  version: number;
  features: FlagsFileFeature[];
  [key: string]: unknown;
}

/** An empty flags file: what a missing file means to `promptpack flags --file`. */
export const emptyFlagsFile = (): FlagsFile => ({ version: 2, features: [] });

export const flagsFileExample = '{"version": 2, "features": [{"name": "prompt.<id>", "enabled": true, "strategies": [...]}]}';

/** Checks a parsed flags file: the parts flag evaluation relies on, so a typo is reported with its place. Never throws. */
export function safeParseFlagsFile(value: unknown): SafeParseResult<FlagsFile> {
  try {
    const problem = shapeProblem(value);
    if (!problem) return { success: true, data: value as FlagsFile };
    return { success: false, error: new SpecificationError('flags file', problem.path, problem.message, `Expected Unleash client-features JSON: ${flagsFileExample}.`) };
  } catch (error) {
    return { success: false, error: new SpecificationError('flags file', '', `it cannot be read (${error instanceof Error ? error.message : 'unknown error'})`, `Expected ${flagsFileExample}.`) };
  }
}

/** `safeParseFlagsFile` that throws the `SpecificationError`. */
export function parseFlagsFile(value: unknown): FlagsFile {
  const result = safeParseFlagsFile(value);
  if (!result.success) throw result.error;
  return result.data;
}

/** The first problem in a flags file, worded for an operator: `features[2] ("prompt.x").enabled must be true or false`. */
export function flagsFileProblem(value: unknown): string | undefined {
  const problem = shapeProblem(value);
  return problem && (problem.path === '' ? problem.message : `${problem.path}${problem.message}`);
}

function shapeProblem(data: unknown): { path: string; message: string } | undefined {
  const at = (path: string, message: string) => ({ path, message });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return at('', 'the top level must be an object');
  const features = readField(data, 'features');
  if (!Array.isArray(features)) return at('"features"', ' must be a list');
  for (const [index, feature] of features.entries()) {
    const where = `features[${index}]`;
    if (feature === null || typeof feature !== 'object' || Array.isArray(feature)) return at(where, ' must be an object');
    const name = readField(feature, 'name');
    if (typeof name !== 'string' || name === '') return at(`${where}.name`, ` must be a non-empty string, found ${describeValue(name)}`);
    const named = `${where} ("${name}")`;
    if (typeof readField(feature, 'enabled') !== 'boolean') return at(`${named}.enabled`, ' must be true or false');
    const strategies = readField(feature, 'strategies');
    if (strategies !== undefined && !Array.isArray(strategies)) return at(`${named}.strategies`, ' must be a list');
    for (const [strategyIndex, strategy] of ((strategies as unknown[] | undefined) ?? []).entries()) {
      if (typeof readField(strategy, 'name') !== 'string') return at(`${named}.strategies[${strategyIndex}]`, ' must be an object with a "name"');
    }
    const variants = readField(feature, 'variants');
    if (variants !== undefined && !Array.isArray(variants)) return at(`${named}.variants`, ' must be a list');
  }
  return undefined;
}
