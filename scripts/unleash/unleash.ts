// A real Unleash for the end-to-end tests and the operators' tools: a private
// PostgreSQL cluster plus unleash-server, both on 127.0.0.1, both stopped by
// PID. State (data, logs, PID files, secrets) lives in one folder, default
// .cache/unleash/; the npm install of the server is shared across folders.
import path from 'node:path';
import { findRunningPostgres, type RunningPostgres, startPostgres, stopPostgres } from './postgres.js';
import { withDirLock } from '../lib/process.js';
import { type DatabaseConnection, findRunningUnleashServer, loadSecrets, type RunningUnleashServer, startUnleashServer, stopUnleashServer } from './server.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const defaultUnleashDir = path.join(repoRoot, '.cache/unleash');
export const defaultInstallDir = path.join(repoRoot, '.cache/unleash/server');

export interface StartUnleashOptions {
  /** State folder (PostgreSQL data, logs, PID files, tokens). Default .cache/unleash/. */
  dir?: string;
  /** Where unleash-server is npm-installed. Default .cache/unleash/server/, shared by every state folder. */
  installDir?: string;
  /** Unleash port; 0 = any free port. Default 4242, or a free port when taken. */
  port?: number;
  /** PostgreSQL port; 0 = any free port. Default 5433, or a free port when taken. */
  postgresPort?: number;
  /** Progress lines ("initdb …", "Unleash starting at …"). Default console.log with a prefix. */
  log?: (message: string) => void;
}

export interface RunningUnleash {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:4242 */
  url: string;
  /** `*:*.<secret>`, for the Admin API (`Authorization: <token>`). */
  adminToken: string;
  /** `default:development.<secret>`, for unleash-client and `/api/client/features`. */
  clientToken: string;
  /** Password of the UI user `admin`. */
  adminPassword: string;
  dir: string;
  /** Current PIDs; `server` is undefined while stopped by `stopServer()`. */
  readonly pids: { postgres: number; server: number | undefined };
  /** True when both processes were already running (e.g. `pnpm unleash:start`). */
  readonly reused: boolean;
  /**
   * Stops what this call started (the server, then PostgreSQL), leaving
   * running what it only reused. `stopUnleash(dir)` stops everything.
   */
  stop(): Promise<void>;
  /** Stops the Unleash server only (PostgreSQL keeps running): "the flag service is down". */
  stopServer(): Promise<void>;
  /** Starts the server again on the same URL with the same tokens; resolves once healthy. */
  startServer(): Promise<void>;
}

/** Starts PostgreSQL, then Unleash, reusing either when its PID file names a live process. */
export async function startUnleash(options: StartUnleashOptions = {}): Promise<RunningUnleash> {
  const dir = path.resolve(options.dir ?? defaultUnleashDir);
  const installDir = path.resolve(options.installDir ?? defaultInstallDir);
  const log = options.log ?? ((message: string) => console.log(`[unleash] ${message}`));

  // Locked per state folder: two test files starting it at once must not both run initdb.
  const { postgres, first } = await withDirLock(dir, async () => {
    const cluster = await startPostgres({ dir, port: options.postgresPort, log });
    try {
      return { postgres: cluster, first: await startUnleashServer({ dir, installDir, database: connectionOf(cluster), port: options.port, log }) };
    } catch (error) {
      if (!cluster.reused) await cluster.stop();
      throw error;
    }
  });
  let server: RunningUnleashServer | undefined = first;

  const url = server.url;
  let ownsServer = !server.reused;
  const ownsPostgres = !postgres.reused;
  return {
    url,
    adminToken: server.adminToken,
    clientToken: server.clientToken,
    adminPassword: server.adminPassword,
    dir,
    reused: postgres.reused && server.reused,
    get pids() {
      return { postgres: postgres.pid, server: server?.pid };
    },
    async stop() {
      if (server && ownsServer) await server.stop();
      server = undefined;
      if (ownsPostgres) await postgres.stop();
    },
    async stopServer() {
      await server?.stop();
      server = undefined;
    },
    async startServer() {
      if (server) return;
      server = await withDirLock(dir, () => startUnleashServer({ dir, installDir, database: connectionOf(postgres), port: Number(new URL(url).port), log }));
      ownsServer = true;
    },
  };
}

function connectionOf(postgres: RunningPostgres): DatabaseConnection {
  return { host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database };
}

/** Stops the server and the cluster recorded in `dir`, whoever started them. */
export async function stopUnleash(dir = defaultUnleashDir): Promise<{ server: boolean; postgres: boolean }> {
  const server = await stopUnleashServer(dir);
  const postgres = await stopPostgres(dir);
  return { server, postgres };
}

export interface UnleashStatus {
  postgres?: { pid: number; port: number };
  server?: { pid: number; url: string; healthy: boolean };
  adminToken?: string;
  clientToken?: string;
}

/** What runs in `dir`, without starting or stopping anything. */
export async function unleashStatus(dir = defaultUnleashDir): Promise<UnleashStatus> {
  const server = await findRunningUnleashServer(dir);
  const postgres = findRunningPostgres(dir);
  const secrets = server ? loadSecrets(dir) : undefined;
  return { postgres, server, adminToken: secrets?.adminToken, clientToken: secrets?.clientToken };
}
