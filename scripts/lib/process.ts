// Process plumbing shared by the scripts that start servers (Verdaccio,
// PostgreSQL, Unleash): PID files, free ports, bounded polling and bounded
// stops. Nothing here sleeps for a
// fixed time; every wait has a deadline and a reason when it gives up.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';

/** A server could not be set up, started or stopped; `hint` says what to do. */
export class SetupError extends Error {
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'SetupError';
    this.hint = hint;
  }
}

export function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function writePid(file: string, pid: number): void {
  writeFileSync(file, `${pid}\n`);
}

export function removeFile(file: string): void {
  rmSync(file, { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Alive, not a zombie, and its command line mentions `marker`: a PID file can
 * outlive its process after a crash or a reboot, and the PID be reused.
 */
export function isProcessOf(pid: number, marker: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    if (/^State:\s+Z/m.test(status)) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    // No /proc (not Linux): trust the signal check.
    return existsSync('/proc') ? false : true;
  }
}

/** True when nothing listens on 127.0.0.1:port right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port the OS reports free on 127.0.0.1 (racy by nature; callers check the bind). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `requested` 0 means any free port. A default port that is taken falls back
 * to a free one (two checkouts can run side by side); an explicit one fails.
 */
export async function choosePort(requested: number | undefined, fallbackDefault: number, what: string): Promise<number> {
  if (requested === 0) return freePort();
  const port = requested ?? fallbackDefault;
  if (await isPortFree(port)) return port;
  if (requested === undefined) return freePort();
  throw new SetupError(`Port ${port} on 127.0.0.1 is already in use, so ${what} cannot listen there.`, 'Stop that process or pass another port (0 = any free port).');
}

export function tcpConnects(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Polls `check` every `intervalMs` until it is true, `gaveUp` is true (the
 * process died) or `timeoutMs` passes. Returns whether `check` succeeded.
 */
export async function pollUntil(check: () => Promise<boolean> | boolean, options: { timeoutMs: number; intervalMs?: number; gaveUp?: () => boolean }): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (options.gaveUp?.()) return false;
    if (await check()) return true;
    await delay(options.intervalMs ?? 100);
  }
  return false;
}

/**
 * Sends each signal in turn and waits up to its time for the process to go;
 * throws if it is still alive after the last one.
 */
export async function stopProcess(pid: number, steps: ReadonlyArray<readonly [NodeJS.Signals, number]>): Promise<void> {
  for (const [signal, waitMs] of steps) {
    if (!isAlive(pid)) return;
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const ownChild = parentOf(pid) === process.pid;
    if (await pollUntil(() => !isAliveOrZombie(pid), { timeoutMs: waitMs, intervalMs: 50 })) {
      // Our own child lingers as a zombie until Node reaps it, which is prompt;
      // wait for that so callers see the PID gone. Init reaps the others in its
      // own time (over a second here), which a stop need not wait for.
      if (ownChild) await pollUntil(() => !isAlive(pid), { timeoutMs: 1_000, intervalMs: 20 });
      return;
    }
  }
  if (isAliveOrZombie(pid)) throw new SetupError(`Process ${pid} did not exit after ${steps.map(([signal]) => signal).join(', ')}.`);
}

function parentOf(pid: number): number | undefined {
  try {
    return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

// A detached child of this process stays a zombie until Node reaps it; for a
// stop that counts as gone.
function isAliveOrZombie(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return isAlive(pid);
  }
}

/**
 * Runs `fn` holding `<dir>/start.lock`, so two test files (two processes)
 * starting the same state folder at once do not both run initdb on it. A lock
 * whose holder died is taken over.
 */
export async function withDirLock<T>(dir: string, fn: () => Promise<T>, timeoutMs = 180_000): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, 'start.lock');
  const acquired = await pollUntil(
    () => {
      try {
        closeSync(openSync(lock, 'wx'));
        writeFileSync(lock, `${process.pid}\n`);
        return true;
      } catch {
        const holder = readPid(lock);
        // An empty file is a holder between its open and its write: wait.
        if (holder !== undefined && !isAlive(holder)) removeFile(lock);
        return false;
      }
    },
    { timeoutMs, intervalMs: 100 },
  );
  if (!acquired) throw new SetupError(`Another process held ${lock} for more than ${timeoutMs / 1000} s.`, `If no start is running, delete ${lock}.`);
  try {
    return await fn();
  } finally {
    removeFile(lock);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function tail(file: string, lines = 20): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
