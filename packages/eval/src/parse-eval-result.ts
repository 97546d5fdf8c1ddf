import { EvalError } from './eval-error.js';
import { evalResultVersion, tiers, type EvalResult } from './eval-result.js';

/** Checks that JSON read from a file (a baseline, a shipped result) is an eval result this version reads. */
export function safeParseEvalResult(value: unknown): { success: true; data: EvalResult } | { success: false; error: EvalError } {
  const problem = findProblem(value);
  if (!problem) return { success: true, data: value as EvalResult };
  return {
    success: false,
    error: new EvalError('eval/invalid-result', `Not an eval result: ${problem}.`, `Use a result file written by promptpack eval (specificationVersion "${evalResultVersion}").`),
  };
}

/** `safeParseEvalResult` that throws the `EvalError`. */
export function parseEvalResult(value: unknown): EvalResult {
  const result = safeParseEvalResult(value);
  if (!result.success) throw result.error;
  return result.data;
}

function findProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return `expected an object, found ${value === null ? 'null' : typeof value}`;
  const result = value as Partial<EvalResult>;
  if (result.specificationVersion !== evalResultVersion) return `specificationVersion is ${JSON.stringify(result.specificationVersion)}, expected "${evalResultVersion}"`;
  if (typeof result.prompt?.id !== 'string' || typeof result.prompt.version !== 'string') return 'prompt.id and prompt.version must be strings';
  if (!Array.isArray(result.cases)) return 'cases must be an array';
  for (const tier of tiers) {
    const rates = result.rates?.[tier];
    if (!rates || typeof rates.count !== 'number' || typeof rates.hardPass !== 'number' || typeof rates.pass !== 'number') return `rates.${tier} must hold count, hardPass and pass`;
  }
  return undefined;
}
