import { issueMessage } from './issue-message.js';
import type { Issue } from './prompt-definition.js';

/**
 * One run of a generated variables check (emit-checks.ts): the issues so far,
 * the path of the value being checked, and each issue's `continue` flag.
 * zod keeps that flag on an issue until it is finalised and uses it to decide
 * whether the later checks of the value (and of every value enclosing it)
 * still run; the generated check has to decide exactly the same way to report
 * exactly the same issues.
 */
export interface CheckRun {
  readonly issues: Issue[];
  /** Per issue: true = later checks run, false = nothing more runs, undefined = only `when` checks (lengths) run. */
  readonly continues: (boolean | undefined)[];
  /** Pushed and popped around each property and item, so a valid value allocates no path. */
  readonly path: PropertyKey[];
}

export type CheckResult = { success: true; data: Record<string, unknown> } | { success: false; error: { issues: Issue[] } };

// A run that found nothing leaves its three lists empty, so the next check
// reuses it rather than allocating four objects per request. A check that
// is running has taken it: one that starts meanwhile (a getter in the
// variables rendering again) gets its own, and a run whose issues were
// handed out, or whose check threw, is never put back.
let idle: CheckRun | undefined;

export function startCheck(): CheckRun {
  const run = idle ?? { issues: [], continues: [], path: [] };
  idle = undefined;
  return run;
}

/** The result in zod's safeParse shape, so render.ts reads a generated check and a zod schema alike. */
export function finishCheck(run: CheckRun, data: unknown): CheckResult {
  if (run.issues.length > 0) return { success: false, error: { issues: run.issues } };
  // Balanced pushes and pops leave it empty already; setting the length anyway could free its storage.
  if (run.path.length !== 0) run.path.length = 0;
  idle = run;
  return { success: true, data: data as Record<string, unknown> };
}

/**
 * Adds an issue as zod's safeParse returns it: the fields in zod's order, then
 * the path and the English message zod's default locale writes.
 */
export function report(run: CheckRun, fields: Record<string, unknown>, proceed: boolean | undefined, input: unknown, key?: PropertyKey): void {
  const path = run.path.slice();
  if (key !== undefined) path.push(key);
  fields.path = path;
  fields.message = issueMessage(fields, input);
  run.issues.push(fields as unknown as Issue);
  run.continues.push(proceed);
}

/** An issue from `start` on stops the checks that have no `when` (zod's util.aborted). */
export function aborted(run: CheckRun, start: number): boolean {
  for (let index = start; index < run.continues.length; index += 1) if (run.continues[index] !== true) return true;
  return false;
}

/** An issue from `start` on stops even the `when` checks (zod's util.explicitlyAborted). */
export function explicitlyAborted(run: CheckRun, start: number): boolean {
  for (let index = start; index < run.continues.length; index += 1) if (run.continues[index] === false) return true;
  return false;
}

/** Takes back the issues from `mark` on: zod drops an optional key's issues when `key in object` denies the key. */
export function dropIssues(run: CheckRun, mark: number): void {
  run.issues.length = mark;
  run.continues.length = mark;
}
