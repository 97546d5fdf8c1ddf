// canary, promote, rollback and kill: decide the new flag state, check the
// guardrails, apply it to the target and record it with its reason.
import { flagsChangeSpecificationVersion, type ChangeCommand, type ChangeRecord, type OverriddenGuardrail } from '@promptpack/spec/plain';
import { rollbackTarget } from './change-record.js';
import { type Context, flagOf, packageNameOf, requireKnownPrompt, requireKnownVersion } from './context.js';
import { findEvalRecord } from './eval-records.js';
import { allStrategy, canaryStrategies, currentStickiness, type EnvironmentState, summarize } from './flag-state.js';
import { FlagsError } from './flags-error.js';
import { evalViolations, installationViolations, type Violation } from './guardrails.js';
import { builtInStable, hashesOf } from './inventory.js';
import type { ChangePlan } from './target.js';

export type ChangeArgs =
  | { command: 'canary'; id: string; version: string; percent: number; tenants: string[]; stable?: string; stickiness?: string }
  | { command: 'promote'; id: string; version: string; stickiness?: string }
  | { command: 'rollback'; id: string; to?: string }
  | { command: 'kill'; id: string };

export interface ChangeSettings {
  reason: string;
  actor: string;
  force: boolean;
  now?: () => Date;
  /** What the change was decided on (the guard's counts, statistics and queries); kept in the record. */
  evidence?: Record<string, unknown>;
  /**
   * Checked inside the target's lock, on the state the change would replace:
   * throws (a `flags/nothing-to-do` FlagsError) when the flag moved since the
   * caller decided, so the guard never undoes an operator's change.
   */
  precondition?: (current: EnvironmentState | undefined) => void;
}

/** What a change did: nothing (the flag already served that), or the record it wrote. */
export type ChangeOutcome =
  | { changed: false; message: string }
  | { changed: true; record: ChangeRecord; forced: OverriddenGuardrail[]; elapsedMs: number };

/** Called with what an operator should know while a change goes through (a forced guardrail, a version no service installed). */
export type Warn = (message: string) => void;

/**
 * canary, promote, rollback or kill: decides the new state, runs the
 * guardrails (throws `flags/refused` unless forced), applies it under the
 * target's lock and records it.
 */
export async function applyChange(context: Context, args: ChangeArgs, settings: ChangeSettings, warn: Warn): Promise<ChangeOutcome> {
  const started = performance.now();
  const flag = flagOf(args.id, context.flagPrefix);
  const view = await context.target.read(flag);
  await requireKnownPrompt(context, args.id, view);
  const version = args.command === 'canary' || args.command === 'promote' ? args.version : args.command === 'rollback' ? args.to : undefined;
  if (version) requireKnownVersion(context, args.id, version, view);
  if (args.command === 'canary' && args.stable) requireKnownVersion(context, args.id, args.stable, view);

  const forced = gate(context, args, settings, warn);
  const stables = builtInStable(context.inventories, args.id);
  const records = args.command === 'rollback' ? (await context.target.history(flag)).records.filter((record) => record.environment === undefined || record.environment === context.target.environment) : [];

  let record: ChangeRecord;
  try {
    record = await context.target.change({
      flag,
      decide: (current) => {
        settings.precondition?.(current);
        return plan(args, current, { builtIn: stables.version, records, reason: settings.reason, flag });
      },
      record: (before, after) => ({
        specificationVersion: flagsChangeSpecificationVersion,
        time: (settings.now?.() ?? new Date()).toISOString(),
        actor: settings.actor,
        command: args.command as ChangeCommand,
        prompt: args.id,
        flag,
        ...(context.target.kind === 'unleash' ? { environment: context.target.environment } : {}),
        args: argsOf(args, after),
        before: summarize(before),
        after: summarize(after),
        reason: settings.reason,
        forced,
        ...(settings.evidence ? { evidence: settings.evidence } : {}),
      }),
    });
  } catch (error) {
    if (FlagsError.isInstance(error) && error.code === 'flags/nothing-to-do') return { changed: false, message: error.message };
    throw error;
  }
  return { changed: true, record, forced, elapsedMs: Math.round(performance.now() - started) };
}

/** Runs the guardrails for canary and promote; returns what --force overrode, or throws the refusal. */
function gate(context: Context, args: ChangeArgs, settings: ChangeSettings, warn: Warn): OverriddenGuardrail[] {
  if (args.command !== 'canary' && args.command !== 'promote') {
    // Roll back and kill are never blocked: they are how traffic leaves a bad version. Say what looks wrong, though.
    if (args.command === 'rollback' && args.to) for (const violation of installationViolations(args.id, args.to, context.inventories).filter((v) => v.guardrail === 'not-installed')) warn(violation.message);
    return [];
  }
  const hashes = hashesOf(context.inventories, args.id, args.version);
  const contentHash = hashes.size === 1 ? [...hashes.keys()][0] : undefined;
  const verdict = findEvalRecord({ id: args.id, name: packageNameOf(context, args.id), version: args.version, contentHash }, context.evalLookup);
  const violations: Violation[] = [...installationViolations(args.id, args.version, context.inventories), ...evalViolations(args.id, args.version, verdict, contentHash)];
  if (violations.length === 0) return [];
  const listing = violations.map((violation) => `  - [${violation.guardrail}] ${violation.message}\n    ${violation.hint}`).join('\n');
  if (!settings.force) {
    throw new FlagsError(
      'flags/refused',
      `Refused: ${args.command} ${args.id} ${args.version} did not pass ${violations.length === 1 ? 'a guardrail' : `${violations.length} guardrails`}:\n${listing}`,
      `Fix the above, or override with --force --reason "<why it is safe>" (the override is recorded with the change).`,
    );
  }
  warn(`--force overrides ${violations.length === 1 ? 'a guardrail' : `${violations.length} guardrails`} (recorded):\n${listing}`);
  return violations.map((violation) => ({ guardrail: violation.guardrail, message: violation.message }));
}

interface PlanInputs {
  builtIn: string | undefined;
  records: ChangeRecord[];
  reason: string;
  /** The flag's name; `prompt.<id>` by default. */
  flag?: string;
}

/** The new state from the current one. Runs inside the target's lock: everything it reads of the flag is `current`. */
export function plan(args: ChangeArgs, current: EnvironmentState | undefined, inputs: PlanInputs): ChangePlan {
  const now = summarize(current);
  const flag = inputs.flag ?? flagOf(args.id);
  switch (args.command) {
    case 'canary': {
      const baseline = args.stable ?? now.stable ?? inputs.builtIn;
      if (!baseline) {
        throw new FlagsError('flags/usage', `Cannot tell which version is stable for ${args.id}: the flag serves no single stable and the services do not agree on (or did not report) their built-in stable.`, 'Pass --stable <version>: the version everyone outside the canary gets.');
      }
      if (baseline === args.version) throw new FlagsError('flags/nothing-to-do', `${args.version} is already the stable of ${flag} (${now.text}); a canary needs a different version.`);
      const stickiness = args.stickiness ?? currentStickiness(current) ?? 'default';
      const strategies = canaryStrategies({ flag, baseline, version: args.version, percent: args.percent, tenants: args.tenants, stickiness, reason: inputs.reason });
      if (current?.enabled && sameStrategies(current, strategies)) throw new FlagsError('flags/nothing-to-do', `${flag} already serves ${now.text}.`);
      return { enabled: true, strategies };
    }
    case 'promote': {
      if (now.enabled && now.stable === args.version && !now.canary && now.rules.length === 1) throw new FlagsError('flags/nothing-to-do', `${flag} already serves ${args.version} to everyone.`);
      const stickiness = args.stickiness ?? currentStickiness(current) ?? 'default';
      return { enabled: true, strategies: [allStrategy(flag, args.version, stickiness, `${args.version} for everyone`, inputs.reason)] };
    }
    case 'rollback': {
      if (!args.to && (!current || !current.enabled)) {
        throw new FlagsError('flags/nothing-to-do', `${flag} is ${current ? 'off' : 'not set'}: every service already serves its built-in stable${inputs.builtIn ? ` (${inputs.builtIn})` : ''}. Use --to <version> to serve a version through the flag.`);
      }
      const to = args.to ?? rollbackTarget(now, inputs.records, inputs.builtIn);
      if (!to) {
        throw new FlagsError('flags/usage', `No previous stable for ${flag}: its history names none older than ${now.stable ?? 'what it serves'}, and the services report no other built-in stable.`, `Pass --to <version>, or \`promptpack flags kill ${args.id}\` to serve every service's built-in stable.`);
      }
      if (now.enabled && now.stable === to && !now.canary && now.rules.length === 1) throw new FlagsError('flags/nothing-to-do', `${flag} already serves ${to} to everyone.`);
      const stickiness = currentStickiness(current) ?? 'default';
      return { enabled: true, strategies: [allStrategy(flag, to, stickiness, `rolled back to ${to}`, inputs.reason)] };
    }
    case 'kill':
      if (!current || !current.enabled) throw new FlagsError('flags/nothing-to-do', `${flag} is already ${current ? 'off' : 'absent'}: every service serves its built-in stable.`);
      return { enabled: false };
  }
}

function sameStrategies(current: EnvironmentState, wanted: ReturnType<typeof canaryStrategies>): boolean {
  const shape = (strategies: EnvironmentState['strategies']) =>
    JSON.stringify(
      strategies
        .filter((s) => !s.disabled)
        .map((s) => [s.parameters?.rollout, s.parameters?.stickiness, (s.constraints ?? []).map((c) => [c.contextName, c.operator, [...(c.values ?? [])].sort(), c.inverted ?? false]), (s.variants ?? []).map((v) => [v.name, v.weight, v.weightType])]),
    );
  return shape(current.strategies) === shape(wanted);
}

function argsOf(args: ChangeArgs, after: EnvironmentState): Record<string, unknown> {
  switch (args.command) {
    case 'canary':
      return { version: args.version, percent: args.percent, tenants: args.tenants, stable: summarize(after).stable };
    case 'promote':
      return { version: args.version };
    case 'rollback':
      return { to: summarize(after).stable, explicit: args.to !== undefined };
    case 'kill':
      return {};
  }
}
