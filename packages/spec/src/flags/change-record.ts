import { SpecificationError, type SafeParseResult } from '../errors/specification-error.js';
import { describeValue, readField } from '../json/inspect-value.js';

// The audit trail of `promptpack flags`: one record per change, the same for
// both targets (a line of `<flags file>.audit.jsonl`, or the flag
// description Unleash keeps in its event log).

export const flagsChangeSpecificationVersion = 'promptpack.flags-change/v1';

export type ChangeCommand = 'canary' | 'promote' | 'rollback' | 'kill';

export interface OverriddenGuardrail {
  guardrail: string;
  message: string;
}

export interface Share {
  version: string;
  /** Of everyone this rule's audience covers, 0-100 (one decimal). */
  percent: number;
}

export interface RuleSummary {
  /** `everyone`, or the constraints: `tenantId IN acme-beta`. */
  audience: string;
  tenants: string[];
  /** Percent of the audience the strategy matches; the rest falls through to the next rule, then to the built-in stable. */
  rollout: number;
  stickiness: string;
  shares: Share[];
  /** The strategy is not understood (a custom strategy): shares unknown. */
  opaque?: string;
}

/** What a flag state means, in the words an operator uses; what the audit trail records. */
export interface StateSummary {
  exists: boolean;
  enabled: boolean;
  rules: RuleSummary[];
  /** The version everyone not in a canary gets; null = each service's built-in stable. */
  stable: string | null;
  canary: { version: string; percent: number; tenants: string[] } | null;
  text: string;
}

export interface ChangeRecord {
  specificationVersion: typeof flagsChangeSpecificationVersion;
  time: string;
  actor: string;
  command: ChangeCommand;
  prompt: string;
  flag: string;
  /** Unleash environment; absent for a flags file. */
  environment?: string;
  /** The command's own arguments (version, percent, tenants, to). */
  args: Record<string, unknown>;
  before: StateSummary;
  after: StateSummary;
  reason: string;
  /** Guardrails overridden with --force: empty when none were. */
  forced: OverriddenGuardrail[];
  /** What an automatic change was decided on: `promptpack flags guard` keeps its counts, statistics and queries here. */
  evidence?: Record<string, unknown>;
  /**
   * Flags file only: `sha256:<hex>` of the file before this change (null
   * when there was none) and of the file it wrote. The line is flushed
   * before the rename, so a writer killed in between leaves a line whose
   * change never landed; the hashes tell such a line apart.
   */
  fileHashes?: { before: string | null; after: string };
}

const hint = 'Change records are written by `promptpack flags`; a line written by hand or by another tool is skipped.';

/** Checks one change record (a line of the audit log, a flag description in Unleash); never throws. */
export function safeParseChangeRecord(value: unknown): SafeParseResult<ChangeRecord> {
  try {
    const problem = recordProblem(value);
    if (!problem) return { success: true, data: value as ChangeRecord };
    return { success: false, error: new SpecificationError('flags change record', problem.path, problem.message, hint) };
  } catch (error) {
    return { success: false, error: new SpecificationError('flags change record', '', `it cannot be read (${error instanceof Error ? error.message : 'unknown error'})`, hint) };
  }
}

/** `safeParseChangeRecord` that throws the `SpecificationError`. */
export function parseChangeRecord(value: unknown): ChangeRecord {
  const result = safeParseChangeRecord(value);
  if (!result.success) throw result.error;
  return result.data;
}

export function isChangeRecord(value: unknown): value is ChangeRecord {
  return safeParseChangeRecord(value).success;
}

function recordProblem(value: unknown): { path: string; message: string } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { path: '', message: `expected an object, found ${describeValue(value)}` };
  const version = readField(value, 'specificationVersion');
  if (version !== flagsChangeSpecificationVersion) return { path: 'specificationVersion', message: `expected "${flagsChangeSpecificationVersion}", found ${describeValue(version)}` };
  for (const key of ['time', 'command', 'reason']) {
    if (typeof readField(value, key) !== 'string') return { path: key, message: `expected a string, found ${describeValue(readField(value, key))}` };
  }
  for (const key of ['before', 'after']) {
    const state = readField(value, key);
    if (state === null || typeof state !== 'object') return { path: key, message: `expected a state summary object, found ${describeValue(state)}` };
  }
  return undefined;
}
