// Where flags live: an Unleash server (Admin API) or a flags file. Both
// expose the same small interface, so the commands are written once.
import type { ChangeRecord, Strategy } from '@promptpack/spec/plain';
import type { HistoryEntry } from './change-record.js';
import type { EnvironmentState, FlagView } from './flag-state.js';

/** What a change sets in the target environment; `strategies` undefined keeps them (kill only switches the flag off). */
export interface ChangePlan {
  enabled: boolean;
  strategies?: Strategy[];
}

export interface ChangeRequest {
  flag: string;
  /**
   * Decides the change from the flag's current state in the environment.
   * Runs inside the target's lock (flags file), so concurrent writers each
   * decide on the state the previous one left. May throw a FlagsError.
   */
  decide(current: EnvironmentState | undefined): ChangePlan;
  /** The audit record of the change, from the state before and after. */
  record(before: EnvironmentState | undefined, after: EnvironmentState): ChangeRecord;
}

export interface TargetHistory {
  entries: HistoryEntry[];
  /** promptpack's own records, oldest first (rollback reads the flag's lineage from them). */
  records: ChangeRecord[];
  /** E.g. audit lines that do not parse, or Unleash events made outside promptpack. */
  notes: string[];
}

export interface FlagTarget {
  readonly kind: 'unleash' | 'file';
  /** `Unleash http://127.0.0.1:4242 (project default)` or `flags file ./flags.json`; never a token. */
  readonly label: string;
  /** The environment changes apply to; `file` for a flags file. */
  readonly environment: string;
  list(prefix: string): Promise<FlagView[]>;
  read(flag: string): Promise<FlagView>;
  change(request: ChangeRequest): Promise<ChangeRecord>;
  history(flag: string, options?: { all?: boolean }): Promise<TargetHistory>;
}

export function environmentOf(view: FlagView, environment: string): EnvironmentState | undefined {
  return view.exists ? view.environments.find((candidate) => candidate.name === environment) : undefined;
}
