import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { median } from './measure.js';

export interface ColdStart {
  milliseconds: number;
  /** Length of the first render's messages as JSON: every row must build the same text. */
  length: number;
}

/** The consumer run in 7 fresh Node processes: the median of what each reports. */
export function coldStart(file: string, source: string, cwd: string): ColdStart {
  writeFileSync(file, source);
  const runs = Array.from({ length: 7 }, () => JSON.parse(execFileSync(process.execPath, [file], { cwd, encoding: 'utf8' }).trim().split('\n').at(-1)!) as ColdStart);
  return { milliseconds: median(runs.map((run) => run.milliseconds)), length: runs[0]!.length };
}
