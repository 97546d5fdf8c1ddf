// Starts and stops a real Verdaccio on 127.0.0.1: the registry of the demo
// and the end-to-end tests. Config, storage, log and PID file live in one
// folder this module owns (default .cache/registry/).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { isProcessOf, pollUntil, readPid, stopProcess as stopWithSignals, tail } from '../lib/process.js';
import { verdaccioConfig } from './verdaccio-config.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const defaultRegistryDir = path.join(repoRoot, '.cache/registry');
export const defaultRegistryPort = 4873;

export interface StartRegistryOptions {
  /** Folder for config, storage, log and PID file. Default .cache/registry/. */
  dir?: string;
  /** 0 picks a free port. Default: PROMPTPACK_REGISTRY_PORT, else 4873. */
  port?: number;
  /** Keep running after this process exits (the CLI). Tests leave it attached. */
  detached?: boolean;
  /** Package names whose publishes the registry refuses (403). */
  denyPublish?: readonly string[];
  /** How long to wait for `GET /-/ping` to answer. Default 30 s. */
  readyTimeoutMs?: number;
}

export interface RunningRegistry {
  url: string;
  pid: number;
  port: number;
  dir: string;
  /** True when this call found it already running instead of starting it. */
  reused: boolean;
  /** SIGTERM, then SIGKILL after a bounded wait; removes the PID file. */
  stop(): Promise<void>;
}

export class RegistryError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'RegistryError';
    this.hint = hint;
  }
}

export function registryPortFromEnv(env = process.env): number {
  const raw = env.PROMPTPACK_REGISTRY_PORT;
  if (raw === undefined || raw === '') return defaultRegistryPort;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RegistryError(`PROMPTPACK_REGISTRY_PORT must be a port number (0-65535), found "${raw}".`, 'Example: PROMPTPACK_REGISTRY_PORT=4873, or 0 for any free port.');
  }
  return port;
}

export async function startRegistry(options: StartRegistryOptions = {}): Promise<RunningRegistry> {
  const dir = path.resolve(options.dir ?? defaultRegistryDir);
  const files = registryFiles(dir);
  const running = await findRunningRegistry(dir);
  if (running) return running;

  const port = await claimPort(options.port ?? registryPortFromEnv());
  mkdirSync(dir, { recursive: true });
  writeFileSync(files.config, `${JSON.stringify(verdaccioConfig({ dir, denyPublish: options.denyPublish }), null, 2)}\n`);
  const log = openSync(files.log, 'a');
  const verdaccioBin = path.join(path.dirname(createRequire(import.meta.url).resolve('verdaccio/package.json')), 'bin/verdaccio');
  const child = spawn(process.execPath, [verdaccioBin, '--config', files.config, '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    detached: options.detached ?? false,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = waitForChildExit(child);
  if (options.detached) child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new RegistryError(`Could not start Verdaccio (${verdaccioBin}).`, `See ${files.log}.`);
  const url = `http://127.0.0.1:${port}/`;
  writeFileSync(files.pid, `${pid}\n`);
  writeFileSync(files.url, `${url}\n`);

  const ready = await waitUntilReady(url, options.readyTimeoutMs ?? 30_000, () => exited.done);
  if (!ready) {
    await stopProcess(pid);
    removeStateFiles(files);
    const why = exited.done ? 'Verdaccio exited before answering' : `Verdaccio did not answer ${url}-/ping in time`;
    throw new RegistryError(`${why}.\n${tail(files.log)}`, `See ${files.log}.`);
  }
  return handle({ url, pid, port, dir, reused: false });
}

/** Stops the registry recorded in `dir`; false when none was running. */
export async function stopRegistry(dir = defaultRegistryDir): Promise<boolean> {
  const files = registryFiles(path.resolve(dir));
  const pid = readPid(files.pid);
  if (pid === undefined) return false;
  const wasRunning = isVerdaccio(pid);
  if (wasRunning) await stopProcess(pid);
  removeStateFiles(files);
  return wasRunning;
}

/** The registry recorded in `dir` when its process is alive and answers. */
export async function findRunningRegistry(dir = defaultRegistryDir): Promise<RunningRegistry | undefined> {
  const files = registryFiles(path.resolve(dir));
  const pid = readPid(files.pid);
  if (pid === undefined) return undefined;
  const url = existsSync(files.url) ? readFileSync(files.url, 'utf8').trim() : '';
  if (isVerdaccio(pid) && url && (await ping(url))) {
    return handle({ url, pid, port: Number(new URL(url).port), dir: path.resolve(dir), reused: true });
  }
  // A stale PID file from a crash or a reboot.
  removeStateFiles(files);
  return undefined;
}

function handle(info: Omit<RunningRegistry, 'stop'>): RunningRegistry {
  const files = registryFiles(info.dir);
  return {
    ...info,
    async stop() {
      await stopProcess(info.pid);
      // Only remove the PID file if it still names this process.
      if (readPid(files.pid) === info.pid) removeStateFiles(files);
    },
  };
}

function registryFiles(dir: string) {
  return {
    config: path.join(dir, 'config.yaml'),
    log: path.join(dir, 'verdaccio.log'),
    pid: path.join(dir, 'verdaccio.pid'),
    url: path.join(dir, 'verdaccio.url'),
  };
}

function removeStateFiles(files: ReturnType<typeof registryFiles>): void {
  rmSync(files.pid, { force: true });
  rmSync(files.url, { force: true });
}




async function claimPort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new RegistryError(
            `Port ${port} on 127.0.0.1 is already in use by another process, so the registry cannot start there.`,
            'Stop that process, or choose another port: PROMPTPACK_REGISTRY_PORT=4874 pnpm registry:start (or --port 0 for any free port).',
          ),
        );
      } else reject(error);
    });
    // Verdaccio binds right after this closes; a port 0 pick could in theory
    // be taken in between, which startRegistry then reports as an early exit.
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(chosen));
    });
  });
}

export async function ping(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('-/ping', url), { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

function waitUntilReady(url: string, timeoutMs: number, hasExited: () => boolean): Promise<boolean> {
  return pollUntil(() => ping(url), { timeoutMs, intervalMs: 100, gaveUp: hasExited });
}

/** Alive and really Verdaccio: a PID file may outlive its process and the PID be reused. */
function isVerdaccio(pid: number): boolean {
  return isProcessOf(pid, 'verdaccio');
}

function waitForChildExit(child: ChildProcess): { promise: Promise<void>; done: boolean } {
  const state = { done: false, promise: Promise.resolve() };
  state.promise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      state.done = true;
      resolve();
    });
    child.once('error', () => {
      state.done = true;
      resolve();
    });
  });
  return state;
}

/** SIGTERM, wait up to 5 s, SIGKILL, wait up to 5 s more. */
export async function stopProcess(pid: number): Promise<void> {
  await stopWithSignals(pid, [
    ['SIGTERM', 5_000],
    ['SIGKILL', 5_000],
  ]);
}

