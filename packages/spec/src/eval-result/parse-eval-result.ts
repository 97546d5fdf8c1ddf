import { SpecificationError, type SafeParseResult } from '../errors/specification-error.js';
import { describeValue, readField } from '../json/inspect-value.js';
import { safeParseJsonWith } from '../parse/parse-json-with.js';
import { evalResultVersion, tiers, type EvalResult } from './eval-result.js';

const hint = `Use a result file written by promptpack eval (specificationVersion "${evalResultVersion}").`;

/** Checks JSON read from a file (a baseline, a shipped result) is an eval result this version reads. Never throws. */
export function safeParseEvalResult(value: unknown): SafeParseResult<EvalResult> {
  try {
    const problem = findProblem(value);
    if (!problem) return { success: true, data: value as EvalResult };
    return { success: false, error: new SpecificationError('eval result', problem.path, problem.message, hint) };
  } catch (error) {
    return { success: false, error: new SpecificationError('eval result', '', `it cannot be read (${(error as Error).message})`, hint) };
  }
}

/** `safeParseEvalResult` of a result file's text: not-JSON is a `SpecificationError` too. Never throws. */
export function safeParseEvalResultText(text: string): SafeParseResult<EvalResult> {
  return safeParseJsonWith(text, 'eval result', hint, safeParseEvalResult);
}

/** `safeParseEvalResult` that throws the `SpecificationError`. */
export function parseEvalResult(value: unknown): EvalResult {
  const result = safeParseEvalResult(value);
  if (!result.success) throw result.error;
  return result.data;
}

/** The first thing wrong with an eval result, or undefined. Also checks the `result` inside an eval record. */
export function findProblem(value: unknown, prefix = ''): { path: string; message: string } | undefined {
  const at = (path: string, message: string) => ({ path: prefix === '' ? path : path === '' ? prefix : `${prefix}.${path}`, message });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return at('', `expected an object, found ${describeValue(value)}`);
  const version = readField(value, 'specificationVersion');
  if (version !== evalResultVersion) return at('specificationVersion', `expected "${evalResultVersion}", found ${describeValue(version)}`);
  const prompt = readField(value, 'prompt');
  if (typeof readField(prompt, 'id') !== 'string' || typeof readField(prompt, 'version') !== 'string') return at('prompt', 'prompt.id and prompt.version must be strings');
  if (!Array.isArray(readField(value, 'cases'))) return at('cases', 'expected an array');
  const rates = readField(value, 'rates');
  for (const tier of tiers) {
    const tierRates = readField(rates, tier);
    if (['count', 'hardPass', 'pass'].some((key) => typeof readField(tierRates, key) !== 'number')) return at(`rates.${tier}`, 'expected an object with numbers count, hardPass and pass');
  }
  return undefined;
}
