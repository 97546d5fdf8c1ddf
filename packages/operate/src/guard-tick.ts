// One evaluation of `promptpack flags guard`: read the flag and its audit
// trail (no lock), read Prometheus (no lock), decide, and act through the
// very `applyChange` that `flags rollback`, `flags canary` and `flags
// promote` use: same guardrails, same lock, same audit record, plus the
// evidence. The lock is taken only for the write, never while Prometheus is
// slow, so a manual rollback always gets through; a precondition checked
// inside the lock makes the guard leave a flag someone changed meanwhile.
import type { ChangeRecord } from '@promptpack/spec/plain';
import { applyChange, type ChangeArgs, type Warn } from './change.js';
import { type Context, flagOf } from './context.js';
import { type CanaryRun, canaryRun } from './guard-canary.js';
import { type Decision, decide, type GuardSettings } from './guard-decision.js';
import { observe } from './guard-observe.js';
import { type EnvironmentState, summarize } from './flag-state.js';
import { FlagsError } from './flags-error.js';
import type { PrometheusClient } from './prometheus-client.js';
import { PrometheusError } from './prometheus-error.js';
import { environmentOf } from './target.js';

export interface GuardOptions {
  id: string;
  settings: GuardSettings;
  /** PromQL for the age of the prompt's newest sample, in seconds. */
  freshnessQuery: string;
  /** Label matchers added to every query (`job="checkout"`), from parseMatchers: only one service's series. */
  match?: string;
  prometheus: PrometheusClient;
  actor: string;
  now?: () => Date;
}

export type TickReport =
  /** The flag serves no canary (never started, rolled back, promoted or killed, by anyone): nothing to guard. */
  | { outcome: 'no-canary'; message: string }
  /** No decision: Prometheus failed, or its data is missing or stale. */
  | { outcome: 'held'; run: CanaryRun; message: string; decision?: Decision }
  | { outcome: 'watching'; run: CanaryRun; message: string; decision: Decision }
  | { outcome: 'rolled-back' | 'stepped' | 'promoted'; run: CanaryRun; message: string; decision: Decision; record: ChangeRecord }
  /** The flag changed between the read and the write: the guard left it as it is. */
  | { outcome: 'moved'; run: CanaryRun; message: string }
  /** A guardrail refused the step up (the guard never forces); it keeps watching at the current step. */
  | { outcome: 'refused'; run: CanaryRun; message: string; decision: Decision };

export async function guardTick(context: Context, options: GuardOptions, warn: Warn): Promise<TickReport> {
  const flag = flagOf(options.id, context.flagPrefix);
  const now = options.now?.() ?? new Date();
  const summary = summarize(environmentOf(await context.target.read(flag), context.target.environment));
  const history = await context.target.history(flag);
  const records = history.records.filter((record) => record.environment === undefined || record.environment === context.target.environment);
  const run = canaryRun(flag, summary, records);
  if (!run) return { outcome: 'no-canary', message: `${flag} serves no canary (${summary.text}): nothing to guard` };

  let decision: Decision;
  let queries: string[];
  try {
    const observed = await observe(options.prometheus, { id: options.id, run, metrics: options.settings.metrics, freshnessQuery: options.freshnessQuery, match: options.match, now });
    decision = decide(observed.observations, options.settings);
    queries = observed.queries;
  } catch (error) {
    if (!(error instanceof PrometheusError)) throw error;
    return { outcome: 'held', run, message: `held: no data: ${error.message} Not promoting, not rolling back.` };
  }
  if (decision.action === 'hold') return { outcome: 'held', run, message: decision.message, decision };
  if (decision.action === 'watch') return { outcome: 'watching', run, message: decision.message, decision };

  const args: ChangeArgs =
    decision.action === 'rollback'
      ? { command: 'rollback', id: options.id }
      : decision.percent >= 100
        ? { command: 'promote', id: options.id, version: run.version }
        : { command: 'canary', id: options.id, version: run.version, percent: decision.percent, tenants: run.tenants, stable: run.stable };
  const evidence = {
    decision: decision.action,
    evaluatedAt: now.toISOString(),
    prometheus: options.prometheus.displayUrl,
    ...(options.match ? { match: options.match } : {}),
    canary: { version: run.version, percent: run.percent, started: run.started.toISOString(), stepStarted: run.stepStarted.toISOString() },
    stable: run.stable,
    alpha: options.settings.alpha,
    method: 'mSPRT (normal mixture, always valid under continuous monitoring); a metric is worse when log LR >= log(k/alpha) for k metrics and the canary is worse by more than the margin',
    metrics: decision.verdicts.map((verdict) => ({
      metric: verdict.metric,
      status: verdict.status,
      canary: verdict.canary,
      stable: verdict.stable,
      margin: verdict.margin,
      ...(verdict.difference ? { difference: verdict.difference.estimate, variance: verdict.difference.variance } : {}),
      ...(verdict.test ? { logLikelihoodRatio: verdict.test.logLikelihoodRatio, threshold: verdict.test.threshold, pValue: verdict.test.pValue } : {}),
    })),
    queries,
  };
  const reason = `promptpack flags guard: ${decision.message}`;
  try {
    const outcome = await applyChange(context, args, { reason, actor: options.actor, force: false, evidence, now: () => now, precondition: (current) => unchanged(flag, run, current) }, warn);
    if (!outcome.changed) return { outcome: 'moved', run, message: `left ${flag} as it is: ${outcome.message}` };
    const done = decision.action === 'rollback' ? 'rolled-back' : args.command === 'promote' ? 'promoted' : 'stepped';
    return { outcome: done, run, message: `${done.replace('-', ' ')}: ${decision.message}; now ${outcome.record.after.text}`, decision, record: outcome.record };
  } catch (error) {
    if (FlagsError.isInstance(error) && error.code === 'flags/refused' && decision.action === 'step') return { outcome: 'refused', run, message: `not stepping up to ${decision.percent}%: ${error.message}`, decision };
    throw error;
  }
}

/** The flag still serves the canary the guard decided on; otherwise someone changed it and the guard must not act on a stale read. */
function unchanged(flag: string, run: CanaryRun, current: EnvironmentState | undefined): void {
  const now = summarize(current);
  if (now.canary?.version === run.version && now.canary.percent === run.percent && now.stable === run.stable) return;
  throw new FlagsError('flags/nothing-to-do', `${flag} changed while the guard was deciding (it now serves ${now.text}); someone else is operating it.`);
}
