// The long-lived guard: one tick, then wait, until the canary is gone
// (rolled back, promoted, changed by someone else) or the signal aborts.
// An abort never interrupts a tick: the current evaluation and its write
// finish, then the loop returns.
import { setTimeout as delay } from 'node:timers/promises';
import type { Warn } from './change.js';
import type { Context } from './context.js';
import { guardTick, type GuardOptions, type TickReport } from './guard-tick.js';

export interface LoopOptions {
  intervalMs: number;
  /** Aborted by SIGINT/SIGTERM: stop after the current tick. */
  signal: AbortSignal;
  /** Called after every tick, with what it did. */
  onTick: (report: TickReport) => void;
}

/** Why the loop ended, with the last tick's report. */
export interface LoopEnd {
  stopped: 'signal' | 'done';
  last: TickReport | undefined;
}

/** Outcomes after which there is nothing left to guard. */
const final: ReadonlySet<TickReport['outcome']> = new Set(['no-canary', 'rolled-back', 'promoted', 'moved']);

export async function runGuard(context: Context, options: GuardOptions, loop: LoopOptions, warn: Warn): Promise<LoopEnd> {
  let last: TickReport | undefined;
  while (!loop.signal.aborted) {
    last = await guardTick(context, options, warn);
    loop.onTick(last);
    if (final.has(last.outcome)) return { stopped: 'done', last };
    try {
      await delay(loop.intervalMs, undefined, { signal: loop.signal });
    } catch {
      // Aborted while waiting: the loop condition ends it.
    }
  }
  return { stopped: 'signal', last };
}
