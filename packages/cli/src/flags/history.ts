// Prints `promptpack flags history <id>`; @promptpack/operate reads it.
import { flagHistory, type Context } from '@promptpack/operate';
import type { Io } from '../output.js';
import { printable } from './printable.js';
import { table } from './table.js';

export async function historyCommand(context: Context, id: string, options: { json: boolean; all: boolean }, io: Io): Promise<number> {
  const history = await flagHistory(context, id, { all: options.all });
  if (options.json) {
    io.out(JSON.stringify(history, null, 2));
    return 0;
  }
  io.out(`${history.flag} in ${history.target}: ${history.entries.length} change${history.entries.length === 1 ? '' : 's'}`);
  if (history.entries.length > 0) {
    const rows = history.entries.map((entry) => [
      entry.time.replace(/\.\d+Z$/, 'Z'),
      entry.actor,
      [entry.command, entry.environment].filter(Boolean).join(' @ '),
      // The note under the table says why; the row must not read as a change that happened.
      entry.landed === false ? `NOT APPLIED ${entry.change}` : entry.change,
      entry.forced.length > 0 ? `FORCED (${entry.forced.map((forced) => forced.guardrail).join(', ')}) ${entry.reason}` : entry.reason,
    ]);
    io.out(table(['TIME', 'ACTOR', 'COMMAND', 'CHANGE', 'REASON'], rows).join('\n'));
  }
  for (const note of history.notes) io.err(`note: ${printable(note)}`);
  return 0;
}
