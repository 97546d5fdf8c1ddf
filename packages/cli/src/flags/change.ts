// Prints `promptpack flags canary|promote|rollback|kill`; @promptpack/operate
// decides, checks the guardrails, applies and records the change.
import { applyChange, type ChangeArgs, type ChangeSettings, type Context } from '@promptpack/operate';
import type { Io } from '../output.js';
import { printable } from './printable.js';

export type { ChangeArgs } from '@promptpack/operate';

export async function changeCommand(context: Context, args: ChangeArgs, settings: ChangeSettings & { json: boolean }, io: Io): Promise<number> {
  const outcome = await applyChange(context, args, settings, (message) => io.err(`warning: ${message}`));
  if (!outcome.changed) {
    if (settings.json) io.out(JSON.stringify({ changed: false, message: outcome.message }, null, 2));
    else io.out(`nothing to do: ${outcome.message}`);
    return 0;
  }
  const { record, forced, elapsedMs } = outcome;
  if (settings.json) {
    io.out(JSON.stringify({ changed: true, target: context.target.label, elapsedMs, record }, null, 2));
    return 0;
  }
  const where = context.target.kind === 'unleash' ? `${record.flag} in ${context.target.environment}` : record.flag;
  io.out(`${args.command} ${where}: ${record.after.text}`);
  io.out(`  was: ${record.before.text}`);
  io.out(`  recorded: ${printable(settings.actor)}, "${printable(settings.reason)}"${forced.length > 0 ? `, FORCED past ${forced.map((entry) => entry.guardrail).join(', ')}` : ''} (${context.target.kind === 'file' ? 'audit log next to the file' : "flag description + Unleash's event log"}; \`promptpack flags history ${args.id}\`)`);
  io.out(`  done in ${elapsedMs} ms; services see it within ${context.target.kind === 'unleash' ? 'about two seconds (their refreshInterval plus Unleash\'s one-second refresh)' : 'their pollInterval (250 ms by default)'}.`);
  return 0;
}
