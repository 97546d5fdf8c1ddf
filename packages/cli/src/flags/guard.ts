// Prints `promptpack flags guard <id>`: one evaluation (--once, from a
// scheduler) or a loop until the canary is rolled back, promoted or changed
// by someone else, or SIGINT/SIGTERM arrives (the current evaluation
// finishes first). @promptpack/operate decides and acts.
import { FlagsError, guardTick, prometheusClient, PrometheusError, runGuard, type Context, type GuardOptions, type PrometheusClient, type TickReport } from '@promptpack/operate';
import type { Io } from '../output.js';
import type { GuardCommandOptions } from './guard-options.js';
import { tickLines } from './guard-print.js';

/** Exit codes of the guard, beyond 1 (failed) and 2 (usage). Documented in docs/operating.md. */
export const guardExitCodes = { ok: 0, refused: 3, rolledBack: 4, held: 5 } as const;

export interface GuardRunSettings {
  actor: string;
  json: boolean;
  /** Ends the loop after the current evaluation; the process's SIGINT and SIGTERM by default. */
  signal?: AbortSignal;
  now?: () => Date;
}

export async function guardCommand(context: Context, id: string, options: GuardCommandOptions, settings: GuardRunSettings, io: Io): Promise<number> {
  const guard: GuardOptions = {
    id,
    settings: options.settings,
    freshnessQuery: options.freshnessQuery,
    match: options.match,
    prometheus: clientOf(options),
    actor: settings.actor,
    now: settings.now,
  };
  const warn = (message: string) => io.err(`warning: ${message}`);
  const print = (report: TickReport) => {
    if (settings.json) io.out(JSON.stringify({ time: (settings.now?.() ?? new Date()).toISOString(), id, ...report }));
    else for (const line of tickLines(id, report, settings.now?.() ?? new Date())) io.out(line);
    // Holding is the state an on-call engineer must not miss: it goes to stderr too.
    if (report.outcome === 'held' || report.outcome === 'refused') io.err(`${report.outcome === 'held' ? '' : 'warning: '}${report.message}`);
  };

  if (options.once) {
    const report = await guardTick(context, guard, warn);
    print(report);
    return exitCodeOf(report);
  }

  const controller = new AbortController();
  const stop = () => {
    if (!controller.signal.aborted) io.err('stopping: finishing the current evaluation (send the signal again to leave at once)');
    else process.exit(130);
    controller.abort();
  };
  const signal = settings.signal ?? controller.signal;
  if (!settings.signal) {
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
  let seenCanary = false;
  try {
    io.err(`guarding ${id} on ${context.target.label}, reading ${guard.prometheus.displayUrl} every ${options.intervalMs / 1000} s; Ctrl-C stops after the current evaluation`);
    const end = await runGuard(
      context,
      guard,
      {
        intervalMs: options.intervalMs,
        signal,
        onTick: (report) => {
          if (report.outcome === 'no-canary' && seenCanary) io.err(`note: the canary is gone: someone changed the flag (${report.message}); the guard stops`);
          if (report.outcome !== 'no-canary') seenCanary = true;
          print(report);
        },
      },
      warn,
    );
    if (end.stopped === 'signal') {
      io.err('stopped by signal; the flag is as the last evaluation left it');
      return guardExitCodes.ok;
    }
    return end.last?.outcome === 'rolled-back' ? guardExitCodes.rolledBack : guardExitCodes.ok;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function clientOf(options: GuardCommandOptions): PrometheusClient {
  try {
    return prometheusClient({ url: options.prometheus, bearerToken: options.bearerToken });
  } catch (error) {
    if (error instanceof PrometheusError) throw new FlagsError('flags/usage', error.message);
    throw error;
  }
}

function exitCodeOf(report: TickReport): number {
  switch (report.outcome) {
    case 'rolled-back':
      return guardExitCodes.rolledBack;
    case 'held':
      return guardExitCodes.held;
    case 'refused':
      return guardExitCodes.refused;
    default:
      return guardExitCodes.ok;
  }
}
