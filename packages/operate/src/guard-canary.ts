// Which canary the guard watches and since when, read from the flag and its
// audit trail alone, so `flags guard --once` from a scheduler needs no state
// of its own: the canary started with the oldest record of the unbroken run
// of records that served this canary version over this stable, and its
// current step with the newest. Pure.
import type { ChangeRecord, StateSummary } from '@promptpack/spec/plain';
import { FlagsError } from './flags-error.js';

export interface CanaryRun {
  version: string;
  stable: string;
  percent: number;
  tenants: string[];
  /** When the canary first got traffic over this stable. */
  started: Date;
  /** When it got its current percentage. */
  stepStarted: Date;
}

/** The canary the flag serves now, or undefined when it serves none (rolled back, promoted, killed). */
export function canaryRun(flag: string, summary: StateSummary, records: readonly ChangeRecord[]): CanaryRun | undefined {
  const canary = summary.canary;
  if (!canary || !summary.stable) return undefined;
  const same = (record: ChangeRecord) => record.after.canary?.version === canary.version && record.after.stable === summary.stable;
  let index = records.length - 1;
  if (index < 0 || !same(records[index]!)) {
    throw new FlagsError(
      'flags/usage',
      `${flag} serves ${canary.version} to ${canary.percent}% over ${summary.stable}, but its audit trail has no \`promptpack flags canary\` record of that canary (the last record: ${records.at(-1) ? `${records.at(-1)!.command} at ${records.at(-1)!.time}` : 'none'}), so the guard cannot tell when it started.`,
      `Start the canary with \`promptpack flags canary ${flag.replace(/^prompt\./, '')} ${canary.version} --percent ${canary.percent} --reason "..."\` (it records the start), then run the guard.`,
    );
  }
  const stepStarted = new Date(records[index]!.time);
  while (index > 0 && same(records[index - 1]!)) index--;
  return { version: canary.version, stable: summary.stable, percent: canary.percent, tenants: canary.tenants, started: new Date(records[index]!.time), stepStarted };
}
