// The history questions asked of the audit trail (the change record format
// itself is @promptpack/spec's). Pure.
import type { ChangeRecord, OverriddenGuardrail, StateSummary } from '@promptpack/spec/plain';

/** A row of `flags history`: a promptpack change, or a change made elsewhere (the Unleash UI) that Unleash logged. */
export interface HistoryEntry {
  time: string;
  actor: string;
  command: string;
  environment?: string;
  change: string;
  reason: string;
  forced: OverriddenGuardrail[];
  record?: ChangeRecord;
  /**
   * Flags file only: true when the change is known to have landed, false
   * when it is known not to have (its writer was killed after recording it);
   * absent when that cannot be told (a hand edit since, or an older line).
   */
  landed?: boolean;
}

export function historyEntry(record: ChangeRecord): HistoryEntry {
  return {
    time: record.time,
    actor: record.actor,
    command: describeCommand(record),
    environment: record.environment,
    change: `${record.before.text} -> ${record.after.text}`,
    reason: record.reason,
    forced: record.forced,
    record,
  };
}

function describeCommand(record: ChangeRecord): string {
  const args = record.args as { version?: string; percent?: number; tenants?: string[]; to?: string };
  switch (record.command) {
    case 'canary':
      return `canary ${args.version} ${args.percent}%${args.tenants?.length ? ` (${args.tenants.join(', ')})` : ''}`;
    case 'promote':
      return `promote ${args.version}`;
    case 'rollback':
      return `rollback to ${args.to ?? record.after.stable ?? 'built-in stable'}`;
    case 'kill':
      return 'kill';
  }
}

/**
 * The stable versions a flag has served, oldest first, as a stack: a change
 * that moves the stable pushes it, a rollback pops back to its target. The
 * previous stable is the entry below the top, so two rollbacks in a row walk
 * back through releases instead of flip-flopping between the last two.
 */
export function stableLineage(records: readonly ChangeRecord[], builtInStable: string | undefined): string[] {
  const stack: string[] = builtInStable ? [builtInStable] : [];
  for (const record of records) {
    if (stack.length === 0 && record.before.stable) stack.push(record.before.stable);
    const next = record.after.stable;
    if (!next || next === stack.at(-1)) continue;
    if (record.command === 'rollback') {
      const index = stack.lastIndexOf(next);
      if (index >= 0) {
        stack.length = index + 1;
        continue;
      }
    }
    stack.push(next);
  }
  return stack;
}

/**
 * Where `rollback` goes without `--to`: from a canary, its baseline (the
 * canary's traffic returns to what everyone else gets); from a fully served
 * version, the stable before it in the flag's history, else the services'
 * built-in stable. Undefined when there is nothing older.
 */
export function rollbackTarget(current: StateSummary, records: readonly ChangeRecord[], builtInStable: string | undefined): string | undefined {
  if (current.canary && current.stable) return current.stable;
  const lineage = stableLineage(records, builtInStable);
  const serving = current.stable ?? lineage.at(-1);
  if (lineage.at(-1) !== serving && serving !== undefined) lineage.push(serving);
  for (let index = lineage.length - 2; index >= 0; index--) if (lineage[index] !== serving) return lineage[index];
  if (builtInStable && builtInStable !== serving) return builtInStable;
  return undefined;
}
