// A private PostgreSQL cluster for the local Unleash server: its own data
// directory, socket directory, port, log and PID file under `<dir>/pg`, never
// the system cluster. Installs the Debian package when no server binary exists.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { installDebianPackage } from '../lib/debian-package.js';
import { choosePort, isProcessOf, pollUntil, readPid, removeFile, stopProcess, tail, SetupError, writePid } from '../lib/process.js';

const execFileAsync = promisify(execFile);

export const defaultPostgresPort = 5433;
const preferredMajor = '15';
const host = '127.0.0.1';

export interface StartPostgresOptions {
  /** State folder; the cluster lives in `<dir>/pg`. */
  dir: string;
  /** 0 = any free port. Default 5433, or a free port when 5433 is taken. */
  port?: number;
  /** How long to wait for the server to accept connections. Default 30 s. */
  readyTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface RunningPostgres {
  host: string;
  port: number;
  pid: number;
  user: string;
  password: string;
  database: string;
  /** True when this call found the cluster already running. */
  reused: boolean;
  /** Fast shutdown, bounded; removes the PID file. */
  stop(): Promise<void>;
}

interface PostgresFiles {
  root: string;
  data: string;
  socket: string;
  log: string;
  pid: string;
  port: string;
  credentials: string;
}

function postgresFiles(dir: string): PostgresFiles {
  const root = path.join(path.resolve(dir), 'pg');
  return {
    root,
    data: path.join(root, 'data'),
    socket: path.join(root, 'run'),
    log: path.join(root, 'postgres.log'),
    pid: path.join(root, 'postgres.pid'),
    port: path.join(root, 'postgres.port'),
    credentials: path.join(root, 'credentials.json'),
  };
}

/** The folder holding `postgres`, `initdb`, `psql`…, installing the Debian package if needed. */
export function ensurePostgresInstalled(log: (message: string) => void = console.log): string {
  const found = findPostgresBin();
  if (found) return found;
  installDebianPackage({ name: 'postgresql', label: 'PostgreSQL', note: "the package's own system cluster is left alone" }, log);
  const bin = findPostgresBin();
  if (!bin) throw new SetupError('apt-get installed postgresql but no /usr/lib/postgresql/*/bin/postgres appeared.');
  return bin;
}

function findPostgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const majors = readdirSync(base)
    .filter((major) => existsSync(path.join(base, major, 'bin/postgres')))
    .sort((a, b) => Number(b) - Number(a));
  const major = majors.includes(preferredMajor) ? preferredMajor : majors[0];
  return major === undefined ? undefined : path.join(base, major, 'bin');
}

/** Who runs the cluster: `postgres` when we are root (initdb refuses root), else ourselves. */
function clusterOwner(): { name: string; uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return { name: os.userInfo().username };
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === 'postgres');
  if (!entry) throw new SetupError('Running as root but there is no "postgres" OS user to own the cluster.', 'apt-get install -y postgresql creates it.');
  return { name: 'postgres', uid: Number(entry[2]), gid: Number(entry[3]) };
}

function asOwner(owner: ReturnType<typeof clusterOwner>): { uid?: number; gid?: number } {
  return owner.uid === undefined ? {} : { uid: owner.uid, gid: owner.gid };
}

/** Starts (or reuses) the cluster in `<dir>/pg` and ensures the `unleash` role and database. */
export async function startPostgres(options: StartPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? console.log;
  const files = postgresFiles(options.dir);
  const bin = ensurePostgresInstalled(log);
  const owner = clusterOwner();
  const credentials = loadCredentials(files);

  const running = findRunningPostgres(options.dir);
  if (running) {
    log(`PostgreSQL already running on ${host}:${running.port} (pid ${running.pid})`);
    await ensureDatabase(bin, files, running.port, owner, credentials);
    return handle(files, running.pid, running.port, credentials, true);
  }

  prepareDirectories(files, owner);
  if (!existsSync(path.join(files.data, 'PG_VERSION'))) {
    log(`initdb ${files.data}`);
    // Not execFileSync: a test file starts this alongside its own requests,
    // and a loop frozen for initdb's seconds times out every one in flight.
    await execFileAsync(path.join(bin, 'initdb'), ['-D', files.data, '-U', owner.name, '-E', 'UTF8', '--locale=C', '--auth-local=peer', '--auth-host=scram-sha-256'], asOwner(owner));
  }

  const port = await choosePort(options.port, defaultPostgresPort, 'PostgreSQL');
  const logFd = openSync(files.log, 'a');
  // The postmaster itself is the child (spawn's uid/gid, no su wrapper), so the PID file names it.
  const child = spawn(
    path.join(bin, 'postgres'),
    // synchronous_commit=off: a throwaway test database, commits need not wait for disk.
    ['-D', files.data, '-k', files.socket, '-p', String(port), '-c', `listen_addresses=${host}`, '-c', 'synchronous_commit=off'],
    { ...asOwner(owner), detached: true, stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  const exited = watchExit(child);
  child.unref();
  if (child.pid === undefined) throw new SetupError('Could not start postgres.', `See ${files.log}.`);
  writePid(files.pid, child.pid);
  writeFileSync(files.port, `${port}\n`);
  log(`PostgreSQL starting on ${host}:${port} (pid ${child.pid}, log ${files.log})`);

  const ready = await pollUntil(() => isReady(bin, port), { timeoutMs: options.readyTimeoutMs ?? 30_000, intervalMs: 100, gaveUp: () => exited.done });
  if (!ready) {
    await stopPostgresPid(child.pid);
    removeFile(files.pid);
    removeFile(files.port);
    const why = exited.done ? 'postgres exited before accepting connections' : `postgres did not accept connections on ${host}:${port} in time`;
    throw new SetupError(`${why}.\n${tail(files.log)}`, `See ${files.log}.`);
  }
  await ensureDatabase(bin, files, port, owner, credentials);
  return handle(files, child.pid, port, credentials, false);
}

/** Stops the cluster recorded in `<dir>/pg`; false when none was running. */
export async function stopPostgres(dir: string): Promise<boolean> {
  const files = postgresFiles(dir);
  const pid = readPid(files.pid);
  if (pid === undefined) return false;
  const wasRunning = isProcessOf(pid, 'postgres');
  if (wasRunning) await stopPostgresPid(pid);
  removeFile(files.pid);
  removeFile(files.port);
  return wasRunning;
}

export function findRunningPostgres(dir: string): { pid: number; port: number } | undefined {
  const files = postgresFiles(dir);
  const pid = readPid(files.pid);
  const port = existsSync(files.port) ? Number(readFileSync(files.port, 'utf8').trim()) : NaN;
  if (pid !== undefined && Number.isInteger(port) && isProcessOf(pid, 'postgres')) return { pid, port };
  if (pid !== undefined) {
    // Stale after a crash or a reboot.
    removeFile(files.pid);
    removeFile(files.port);
  }
  return undefined;
}

// SIGINT is PostgreSQL's "fast" shutdown (what pg_ctl stop -m fast sends);
// SIGTERM would wait for every client to disconnect. Then immediate, then kill.
function stopPostgresPid(pid: number): Promise<void> {
  return stopProcess(pid, [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ]);
}

function handle(files: PostgresFiles, pid: number, port: number, credentials: Credentials, reused: boolean): RunningPostgres {
  return {
    host,
    port,
    pid,
    ...credentials,
    reused,
    async stop() {
      await stopPostgresPid(pid);
      if (readPid(files.pid) === pid) {
        removeFile(files.pid);
        removeFile(files.port);
      }
    },
  };
}

interface Credentials {
  user: string;
  password: string;
  database: string;
}

/** Generated once per state folder, so a restart keeps the same password. */
function loadCredentials(files: PostgresFiles): Credentials {
  if (existsSync(files.credentials)) return JSON.parse(readFileSync(files.credentials, 'utf8')) as Credentials;
  mkdirSync(files.root, { recursive: true });
  const credentials: Credentials = { user: 'unleash', password: randomBytes(16).toString('hex'), database: 'unleash' };
  writeFileSync(files.credentials, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

function prepareDirectories(files: PostgresFiles, owner: ReturnType<typeof clusterOwner>): void {
  for (const folder of [files.root, files.data, files.socket]) mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (owner.uid === undefined || owner.gid === undefined) return;
  // Root owns `pg/` (credentials, log, PID file); postgres only needs to pass through it.
  chmodSync(files.root, 0o755);
  for (const folder of [files.data, files.socket]) chownSync(folder, owner.uid, owner.gid);
  // The postgres user must be able to walk down to its data directory.
  for (let folder = files.root; folder !== path.dirname(folder); folder = path.dirname(folder)) {
    const { mode, uid } = statSync(folder);
    if ((mode & 0o001) === 0 && uid !== owner.uid) {
      throw new SetupError(
        `The "postgres" user cannot enter ${folder} (mode ${(mode & 0o777).toString(8)}), so it cannot reach ${files.data}.`,
        `chmod o+x ${folder}, or pass a state folder elsewhere (dir option / --dir).`,
      );
    }
  }
}

async function isReady(bin: string, port: number): Promise<boolean> {
  try {
    await execFileAsync(path.join(bin, 'pg_isready'), ['-h', host, '-p', String(port), '-t', '1']);
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(bin: string, files: PostgresFiles, port: number, owner: ReturnType<typeof clusterOwner>, credentials: Credentials): Promise<void> {
  // Generated names and a hex password: nothing here needs SQL quoting beyond the literal quotes.
  const psql = async (sql: string, database = 'postgres') => {
    const { stdout } = await execFileAsync(path.join(bin, 'psql'), ['-h', files.socket, '-p', String(port), '-U', owner.name, '-d', database, '-v', 'ON_ERROR_STOP=1', '-tAqc', sql], asOwner(owner));
    return stdout.trim();
  };
  const { user, password, database } = credentials;
  const roleExists = (await psql(`SELECT 1 FROM pg_roles WHERE rolname = '${user}'`)) === '1';
  await psql(`${roleExists ? 'ALTER' : 'CREATE'} ROLE "${user}" LOGIN PASSWORD '${password}'`);
  if ((await psql(`SELECT 1 FROM pg_database WHERE datname = '${database}'`)) !== '1') {
    await psql(`CREATE DATABASE "${database}" OWNER "${user}"`);
  }
}

function watchExit(child: ChildProcess): { done: boolean } {
  const state = { done: false };
  child.once('exit', () => {
    state.done = true;
  });
  child.once('error', () => {
    state.done = true;
  });
  return state;
}
