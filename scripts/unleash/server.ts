// The unleash-server process: installed once into a cache folder with npm
// (not a workspace dependency: ~200 MB the packages never import), started
// detached through launch-server.mjs, with PID, URL, log and secrets under
// `<dir>/app`. Recipe and traps: TOOLCHAIN.md, "Unleash".
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { choosePort, isProcessOf, pollUntil, readPid, removeFile, stopProcess, tail, SetupError, writePid } from '../lib/process.js';

/** 8.2.0 declares Node >= 22 but runs on Node 20.20 (TOOLCHAIN.md); 7.5.1 is the fallback that declares Node 20. */
export const unleashServerVersion = '8.2.0';
export const defaultUnleashPort = 4242;
const host = '127.0.0.1';
const launcher = path.join(import.meta.dirname, 'launch-server.mjs');
const processMarker = 'launch-server.mjs';

export interface DatabaseConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface UnleashSecrets {
  /** `*:*.<secret>`: the Admin API. */
  adminToken: string;
  /** `default:development.<secret>`: a backend (client SDK) token for the development environment. */
  clientToken: string;
  /** Password of the UI user `admin`, set when the database is first initialised. */
  adminPassword: string;
}

export interface StartUnleashServerOptions {
  /** State folder; PID, URL, log and secrets live in `<dir>/app`. */
  dir: string;
  /** Where unleash-server is installed (shared by every state folder). */
  installDir: string;
  database: DatabaseConnection;
  /** 0 = any free port. Default 4242, or a free port when 4242 is taken. */
  port?: number;
  /** How long to wait for `GET /health`. Default 90 s (a fresh database runs ~400 migrations). */
  readyTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface RunningUnleashServer extends UnleashSecrets {
  url: string;
  port: number;
  pid: number;
  reused: boolean;
  /** SIGTERM (Unleash's own graceful shutdown), then SIGKILL; bounded. */
  stop(): Promise<void>;
}

function serverFiles(dir: string) {
  const root = path.join(path.resolve(dir), 'app');
  return {
    root,
    launch: path.join(root, 'launch.json'),
    secrets: path.join(root, 'secrets.json'),
    log: path.join(root, 'unleash.log'),
    pid: path.join(root, 'unleash.pid'),
    url: path.join(root, 'unleash.url'),
  };
}

const execFileAsync = promisify(execFile);

/**
 * Installs unleash-server into `installDir` unless that exact version is
 * there already. Asynchronous: a test file starts Unleash alongside its own
 * requests, which a minute-long synchronous npm install would all time out.
 */
export async function ensureUnleashServerInstalled(installDir: string, log: (message: string) => void = console.log): Promise<void> {
  if (installedVersion(installDir) === unleashServerVersion) return;
  // Install beside the target and rename it into place: an interrupted or a
  // concurrent install never leaves a half-filled tree that looks installed.
  const partial = `${installDir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(path.join(partial, 'package.json'), `${JSON.stringify({ name: 'unleash-server-cache', private: true }, null, 2)}\n`);
  log(`installing unleash-server@${unleashServerVersion} into ${installDir} (npm, ~200 MB, about a minute cold)`);
  const started = Date.now();
  try {
    await execFileAsync('npm', ['install', '--prefix', partial, `unleash-server@${unleashServerVersion}`, '--save-exact', '--no-audit', '--no-fund', '--loglevel=error'], { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    const { stderr } = error as { stderr?: string };
    throw new SetupError(`npm install unleash-server@${unleashServerVersion} failed: ${(error as Error).message}${stderr ? `\n${stderr}` : ''}`, 'Check the npm registry settings (npm config get registry).');
  }
  if (installedVersion(installDir) === unleashServerVersion) {
    rmSync(partial, { recursive: true, force: true });
  } else {
    rmSync(installDir, { recursive: true, force: true });
    renameSync(partial, installDir);
  }
  log(`unleash-server@${unleashServerVersion} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function installedVersion(installDir: string): string | undefined {
  const manifest = path.join(installDir, 'node_modules/unleash-server/package.json');
  if (!existsSync(manifest)) return undefined;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
}

/** Generated once per state folder: restarts keep the same tokens, and the database keeps the admin password it was created with. */
export function loadSecrets(dir: string): UnleashSecrets {
  const files = serverFiles(dir);
  if (existsSync(files.secrets)) return JSON.parse(readFileSync(files.secrets, 'utf8')) as UnleashSecrets;
  const secret = () => randomBytes(16).toString('hex');
  const secrets: UnleashSecrets = {
    adminToken: `*:*.${secret()}`,
    clientToken: `default:development.${secret()}`,
    adminPassword: secret(),
  };
  mkdirSync(files.root, { recursive: true });
  writeFileSync(files.secrets, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

export async function startUnleashServer(options: StartUnleashServerOptions): Promise<RunningUnleashServer> {
  const log = options.log ?? console.log;
  const files = serverFiles(options.dir);
  const secrets = loadSecrets(options.dir);
  const running = await reusableServer(options.dir, log);
  if (running) {
    log(`Unleash already running at ${running.url} (pid ${running.pid})`);
    return handle(files, running.pid, running.url, secrets, true);
  }

  await ensureUnleashServerInstalled(options.installDir, log);
  const port = await choosePort(options.port, defaultUnleashPort, 'Unleash');
  const url = `http://${host}:${port}`;
  // Option names checked against unleash-server 8.2.0's IUnleashOptions (dist/lib/types/option.d.ts).
  const unleashOptions = {
    db: { ...options.database, ssl: false },
    server: { host, port },
    versionCheck: { enable: false },
    logLevel: 'info',
    authentication: {
      initialAdminUser: { username: 'admin', password: secrets.adminPassword },
      initApiTokens: [
        { tokenName: 'promptpack-admin', type: 'admin', environment: '*', projects: ['*'], secret: secrets.adminToken },
        { tokenName: 'promptpack-backend', type: 'backend', environment: 'development', projects: ['default'], secret: secrets.clientToken },
      ],
    },
  };
  mkdirSync(files.root, { recursive: true });
  writeFileSync(files.launch, `${JSON.stringify({ installDir: path.resolve(options.installDir), options: unleashOptions }, null, 2)}\n`, { mode: 0o600 });

  const env: NodeJS.ProcessEnv = { ...process.env, SEND_TELEMETRY: 'false', CHECK_VERSION: 'false', TZ: 'UTC' };
  // A loader from the caller (tsx, vitest) or a DATABASE_URL would change what the server runs against.
  delete env.NODE_OPTIONS;
  delete env.DATABASE_URL;
  delete env.DATABASE_URL_FILE;
  const logFd = openSync(files.log, 'a');
  const child = spawn(process.execPath, [launcher, files.launch], { cwd: files.root, env, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  child.once('error', () => {
    exited = true;
  });
  child.unref();
  if (child.pid === undefined) throw new SetupError('Could not start the Unleash launcher.', `See ${files.log}.`);
  writePid(files.pid, child.pid);
  writeFileSync(files.url, `${url}\n`);
  log(`Unleash starting at ${url} (pid ${child.pid}, log ${files.log})`);

  const ready = await pollUntil(() => isHealthy(url), { timeoutMs: options.readyTimeoutMs ?? 90_000, intervalMs: 100, gaveUp: () => exited });
  if (!ready) {
    await stopServerPid(child.pid);
    removeFile(files.pid);
    removeFile(files.url);
    const why = exited ? 'Unleash exited before answering' : `Unleash did not answer ${url}/health in time`;
    throw new SetupError(`${why}.\n${tail(files.log)}`, `See ${files.log}.`);
  }
  return handle(files, child.pid, url, secrets, false);
}

/** Stops the server recorded in `<dir>/app`; false when none was running. */
export async function stopUnleashServer(dir: string): Promise<boolean> {
  const files = serverFiles(dir);
  const pid = readPid(files.pid);
  if (pid === undefined) return false;
  const wasRunning = isProcessOf(pid, processMarker);
  if (wasRunning) await stopServerPid(pid);
  removeFile(files.pid);
  removeFile(files.url);
  return wasRunning;
}

/** The server recorded in `<dir>/app` when its process is alive; `healthy` says whether it answers. Clears stale PID files. */
export async function findRunningUnleashServer(dir: string): Promise<{ pid: number; url: string; healthy: boolean } | undefined> {
  const files = serverFiles(dir);
  const pid = readPid(files.pid);
  if (pid === undefined) return undefined;
  const url = existsSync(files.url) ? readFileSync(files.url, 'utf8').trim() : '';
  if (url && isProcessOf(pid, processMarker)) return { pid, url, healthy: await isHealthy(url) };
  removeFile(files.pid);
  removeFile(files.url);
  return undefined;
}

/** A live process that does not answer may still be migrating; give it a while, then restart it. */
async function reusableServer(dir: string, log: (message: string) => void): Promise<{ pid: number; url: string } | undefined> {
  const running = await findRunningUnleashServer(dir);
  if (!running) return undefined;
  if (running.healthy || (await pollUntil(() => isHealthy(running.url), { timeoutMs: 15_000, intervalMs: 200 }))) return running;
  log(`Unleash pid ${running.pid} is alive but ${running.url}/health does not answer; restarting it`);
  await stopServerPid(running.pid);
  const files = serverFiles(dir);
  removeFile(files.pid);
  removeFile(files.url);
  return undefined;
}

export async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

function stopServerPid(pid: number): Promise<void> {
  return stopProcess(pid, [
    ['SIGTERM', 15_000],
    ['SIGKILL', 5_000],
  ]);
}

function handle(files: ReturnType<typeof serverFiles>, pid: number, url: string, secrets: UnleashSecrets, reused: boolean): RunningUnleashServer {
  return {
    ...secrets,
    url,
    port: Number(new URL(url).port),
    pid,
    reused,
    async stop() {
      await stopServerPid(pid);
      if (readPid(files.pid) === pid) {
        removeFile(files.pid);
        removeFile(files.url);
      }
    },
  };
}
