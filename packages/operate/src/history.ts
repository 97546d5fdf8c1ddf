// `flags history <id>`: the flag's changes, with who, why and what each
// overrode. Data only; the CLI prints it.
import type { HistoryEntry } from './change-record.js';
import { type Context, flagOf } from './context.js';

/** `--json` of `flags history`, and what its table is printed from. */
export interface HistoryReport {
  target: string;
  flag: string;
  entries: HistoryEntry[];
  /** Lines of the audit trail that were skipped, and why. */
  notes: string[];
}

export async function flagHistory(context: Context, id: string, options: { all: boolean }): Promise<HistoryReport> {
  const flag = flagOf(id, context.flagPrefix);
  const history = await context.target.history(flag, { all: options.all });
  return { target: context.target.label, flag, entries: history.entries, notes: history.notes };
}
