// `promptpack flags ...` as an operator runs it: this checkout's built CLI
// (packages/cli/bin/promptpack.js) in its own process, run to its exit, or
// long-lived (the guard) with what it printed so far, a bounded wait for a
// line, and a stop by its PID.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './scratch-repo.js';

export const cliBin = path.join(repoRoot, 'packages/cli/bin/promptpack.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `promptpack flags <args>` to its exit. */
export function runFlags(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CliResult> {
  const child = spawnFlags(args, env, cwd);
  return new Promise((resolve, reject) => {
    child.process.once('error', reject);
    child.process.once('close', (code) => resolve({ code: code ?? 1, stdout: child.stdout(), stderr: child.stderr() }));
  });
}

export interface LongLivedCli {
  process: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves once stdout + stderr match `pattern` (checked on every chunk); rejects after `timeoutMs` or when the process exits first. */
  printed(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** Resolves once `condition` holds for (stdout, stderr); checked on every chunk, bounded like printed. */
  until(condition: (stdout: string, stderr: string) => boolean, what: string, timeoutMs: number): Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it is gone. */
  stop(): Promise<void>;
}

export function spawnFlags(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): LongLivedCli {
  const child = spawn(process.execPath, [cliBin, 'flags', ...args], { cwd, env: { ...process.env, NO_COLOR: '1', PROMPTPACK_SERVICES: '', PROMPTPACK_INVENTORY: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${cliBin} flags ${args.join(' ')}`);
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    changed();
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
    changed();
  });
  let alive = true;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      alive = false;
      changed();
      resolve(code);
    }),
  );
  const until = (condition: (out: string, err: string) => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (condition(stdout, stderr)) done();
        else if (!alive) done(new Error(`promptpack flags ${args[0]} (pid ${child.pid}) exited before it printed ${what}:\n${stdout}\n${stderr}`));
      };
      const timer = setTimeout(() => done(new Error(`promptpack flags ${args[0]} (pid ${child.pid}) did not print ${what} within ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
      listeners.add(check);
      check();
    });
  const printed = (pattern: RegExp, timeoutMs: number) => until((out, err) => pattern.test(out + err), String(pattern), timeoutMs);
  return {
    process: child,
    pid: child.pid,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    printed,
    until,
    async stop() {
      for (const [signal, waitMs] of [['SIGTERM', 10_000], ['SIGKILL', 5_000]] as const) {
        if (!alive) return;
        child.kill(signal);
        const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, waitMs, 'timeout').unref());
        if ((await Promise.race([exited, timeout])) !== 'timeout') return;
      }
    },
  };
}
