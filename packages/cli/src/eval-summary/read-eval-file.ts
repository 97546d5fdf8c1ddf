import { existsSync, readFileSync } from 'node:fs';
import { PromptpackError, safeParseEvalRecordText, type EvalResult, type GateThresholds } from '@promptpack/spec';
import { parseResultFile } from '../eval/eval-record.js';

export interface EvalFile {
  result: EvalResult;
  /** The thresholds the gate used, when the file is an eval record (a bare result has none). */
  thresholds?: GateThresholds;
}

/** An eval record (`eval-result.json`) or a bare result (`--report json`), named by the flag it came from in errors. */
export function readEvalFile(file: string, flag: string): EvalFile {
  if (!existsSync(file)) {
    throw new PromptpackError('cli/usage', `${flag} ${file}: no such file.`, { hint: `Pass an eval-result.json or the output of promptpack eval --report json.` });
  }
  const text = readFileSync(file, 'utf8');
  const record = safeParseEvalRecordText(text);
  if (record.success) return { result: record.data.result, thresholds: record.data.gate.thresholds };
  return { result: parseResultFile(text, `${flag} ${file}`) };
}
