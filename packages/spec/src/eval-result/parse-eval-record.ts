import { SpecificationError, type SafeParseResult } from '../errors/specification-error.js';
import { describeValue, readField } from '../json/inspect-value.js';
import { evalRecordVersion, type EvalRecord } from './eval-record.js';
import { findProblem } from './parse-eval-result.js';
import { safeParseJsonWith } from '../parse/parse-json-with.js';

const hint = `Write it with \`promptpack eval <id> --gate\` (specificationVersion "${evalRecordVersion}"); never edit it by hand.`;
const tierKeys = ['count', 'hardPass', 'pass', 'hardPassRate', 'passRate'];

/**
 * The one reader of `eval-result.json` records: the release gate, the
 * changelog, `flags` guardrails and `--baseline` all go through it. Never throws.
 */
export function safeParseEvalRecord(value: unknown): SafeParseResult<EvalRecord> {
  try {
    const problem = recordProblem(value);
    if (!problem) return { success: true, data: value as EvalRecord };
    return { success: false, error: new SpecificationError('eval record', problem.path, problem.message, hint) };
  } catch (error) {
    return { success: false, error: new SpecificationError('eval record', '', `it cannot be read (${(error as Error).message})`, hint) };
  }
}

/** `safeParseEvalRecord` of an `eval-result.json`'s text: not-JSON is a `SpecificationError` too. Never throws. */
export function safeParseEvalRecordText(text: string): SafeParseResult<EvalRecord> {
  return safeParseJsonWith(text, 'eval record', hint, safeParseEvalRecord);
}

/** `safeParseEvalRecord` that throws the `SpecificationError`. */
export function parseEvalRecord(value: unknown): EvalRecord {
  const result = safeParseEvalRecord(value);
  if (!result.success) throw result.error;
  return result.data;
}

function recordProblem(value: unknown): { path: string; message: string } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { path: '', message: `expected an object, found ${describeValue(value)}` };
  const version = readField(value, 'specificationVersion');
  if (version !== evalRecordVersion) return { path: 'specificationVersion', message: `expected "${evalRecordVersion}", found ${describeValue(version)}` };
  const prompt = readField(value, 'prompt');
  for (const key of ['id', 'name', 'version', 'contentHash', 'evalsHash']) {
    if (typeof readField(prompt, key) !== 'string') return { path: `prompt.${key}`, message: `expected a string, found ${describeValue(readField(prompt, key))}` };
  }
  for (const key of ['provider', 'model', 'recordedAt']) {
    if (typeof readField(value, key) !== 'string') return { path: key, message: `expected a string, found ${describeValue(readField(value, key))}` };
  }
  const summary = readField(value, 'summary');
  for (const key of ['cases', 'repeats']) {
    if (typeof readField(summary, key) !== 'number') return { path: `summary.${key}`, message: `expected a number, found ${describeValue(readField(summary, key))}` };
  }
  for (const tier of ['blocking', 'all']) {
    const missing = tierKeys.find((key) => typeof readField(readField(summary, tier), key) !== 'number');
    if (missing) return { path: `summary.${tier}.${missing}`, message: 'expected a number' };
  }
  const gate = readField(value, 'gate');
  if (typeof readField(gate, 'passed') !== 'boolean') return { path: 'gate.passed', message: `expected true or false, found ${describeValue(readField(gate, 'passed'))}` };
  if (!Array.isArray(readField(gate, 'reasons'))) return { path: 'gate.reasons', message: 'expected an array of strings' };
  return findProblem(readField(value, 'result'), 'result');
}
