// examples/support-service as a user gets it: @promptpack/runtime published
// to the local registry (its built dist, with unleash-client's dependency
// closure seeded), the service copied into a scratch folder and installed
// from that registry with pnpm, then run as its own process and driven over
// HTTP. Shared by the runtime e2e tests and the demo.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDependencies } from '../../registry/seed-dependencies.js';
import { publishTooling } from '../../tooling/publish-tooling.js';
import { createConsumer } from './consumer.js';
import { type CommandResult, fetchPackument, runCommand } from './release-cli.js';
import { repoRoot } from './scratch-repo.js';

export const exampleDir = path.join(repoRoot, 'examples/support-service');
const runtimeDir = path.join(repoRoot, 'packages/runtime');

/** The fields of an npm package.json read here (not a prompt's dist/manifest.json, which @promptpack/spec reads). */
interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/**
 * Publishes the tooling as built (@promptpack/runtime and what it depends
 * on, @promptpack/spec; packed by pnpm, so workspace ranges become real
 * ones) and seeds their third-party dependencies from this workspace's pnpm
 * store, so a consumer installs the runtime from a registry with no uplink.
 * Returns the runtime's version. Versions already there are left as they are.
 */
export async function publishRuntime(registryUrl: string): Promise<string> {
  const manifest = readPackageJson(runtimeDir);
  if (!existsSync(path.join(runtimeDir, 'dist/index.js'))) {
    throw new Error(`${runtimeDir}/dist is missing: build the runtime first (pnpm build:tools).`);
  }
  // The example's own third-party dependencies (OpenTelemetry for /metrics) go too; prompt aliases (npm:) come from releases.
  const thirdParty = [runtimeDir, path.join(runtimeDir, '../spec'), exampleDir].flatMap((dir) =>
    Object.entries(readPackageJson(dir).dependencies ?? {})
      .filter(([name, version]) => !name.startsWith('@promptpack/') && !version.startsWith('npm:'))
      .map(([name, version]) => `${name}@${version}`),
  );
  // The local registry takes any token: a user config with one, for these publishes only.
  const url = new URL(registryUrl);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'promptpack-runtime-publish-'));
  try {
    const userconfig = path.join(scratch, 'npmrc');
    writeFileSync(userconfig, `//${url.host}${url.pathname}:_authToken=local\n`);
    const env = { ...process.env, npm_config_userconfig: userconfig, npm_config_cache: path.join(scratch, 'npm-cache') };
    await Promise.all([publishTooling({ registry: url.href, build: false, env, log: () => {} }), seedDependencies(url.href, [...new Set(thirdParty)])]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return manifest.version;
}

export interface ExampleVersions {
  /** support-reply-stable's version, e.g. 1.0.0 */
  stable: string;
  /** support-reply-next's version, e.g. 1.1.0 */
  next: string;
  /** @promptpack/runtime's version */
  runtime: string;
  /** The package both aliases install; default the one examples/support-service/package.json names. */
  name?: string;
  /** More dependencies, e.g. the refund-triage aliases that turn on the example's /triage route. */
  dependencies?: Record<string, string>;
}

/**
 * Copies examples/support-service into `dir` and installs it with pnpm from
 * `registryUrl`. Its package.json pins the versions the demo publishes; the
 * aliases are pointed at `versions` (what this run published), so the copy
 * still installs when the prompt's version in this checkout moves on.
 */
export async function installExampleService(dir: string, registryUrl: string, versions: ExampleVersions): Promise<CommandResult> {
  const manifest = readPackageJson(exampleDir);
  const dependencies = { ...manifest.dependencies };
  const retarget = (alias: string, version: string) => {
    const spec = dependencies[alias];
    if (!spec) throw new Error(`${exampleDir}/package.json has no dependency "${alias}".`);
    const name = versions.name ?? spec.replace(/^npm:/, '').replace(/@[^@]+$/, '');
    dependencies[alias] = `npm:${name}@${version}`;
  };
  retarget('support-reply-stable', versions.stable);
  retarget('support-reply-next', versions.next);
  dependencies['@promptpack/runtime'] = versions.runtime;
  Object.assign(dependencies, versions.dependencies);
  const result = await createConsumer(dir, { registryUrl, packageManager: 'pnpm', dependencies, manifest: { ...manifest } });
  // Sources and docs only: what a local install of the example left behind stays out.
  const skip = new Set(['package.json', 'node_modules', '.gitignore', '.npmrc', 'pnpm-lock.yaml', 'package-lock.json', 'pnpm-workspace.yaml', 'flags.json']);
  for (const entry of readdirSync(exampleDir)) {
    if (!skip.has(entry)) cpSync(path.join(exampleDir, entry), path.join(dir, entry), { recursive: true });
  }
  return result;
}

export interface RunningService {
  url: string;
  pid: number;
  /** stderr lines so far (JSON log lines: warnings, flag loads and changes). */
  readonly log: string[];
  /** SIGTERM, then SIGKILL after a bounded wait; resolves once the process is gone. */
  stop(): Promise<void>;
}

/** Variables the service reads; cleared from the inherited environment so a developer's shell cannot leak in. */
const serviceVariables = ['PROMPTPACK_FLAGS_FILE', 'PROMPTPACK_FLAG_PREFIX', 'UNLEASH_URL', 'UNLEASH_TOKEN', 'UNLEASH_REFRESH_MS', 'UNLEASH_BACKUP_DIR', 'PORT', 'FAKE_MODEL_LATENCY_MS', 'FAKE_MODEL_ERROR_RATE', 'FAKE_MODEL_MALFORMED_RATE'];

/** Starts `node server.mjs` in an installed copy and waits (bounded) for its `{"listening": url}` line. */
export async function startService(dir: string, env: Record<string, string>, options: { readyTimeoutMs?: number; onStart?: (pid: number) => void } = {}): Promise<RunningService> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !serviceVariables.includes(name)));
  const child = spawn(process.execPath, ['server.mjs'], { cwd: dir, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start node server.mjs in ${dir}`);
  const pid = child.pid;
  options.onStart?.(pid);
  const log: string[] = [];
  collectLines(child.stderr!, (line) => log.push(line));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let alive = true;
  void exited.then(() => (alive = false));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`no {"listening": url} line within ${options.readyTimeoutMs ?? 15_000} ms`), options.readyTimeoutMs ?? 15_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`support-service (pid ${pid}) ${why}.\n${log.join('\n')}`));
    };
    let first = true;
    collectLines(child.stdout!, (line) => {
      if (!first) return;
      first = false;
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { listening: string }).listening);
      } catch {
        fail(`printed ${JSON.stringify(line)} as its first line`);
      }
    });
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code}) before listening`));
  });

  return {
    url,
    pid,
    log,
    async stop() {
      await stopChild(child, exited, () => alive);
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>, alive: () => boolean): Promise<void> {
  for (const [signal, waitMs] of [['SIGTERM', 5_000], ['SIGKILL', 5_000]] as const) {
    if (!alive()) return;
    child.kill(signal);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, waitMs, 'timeout').unref());
    if ((await Promise.race([exited, timeout])) !== 'timeout') return;
  }
  throw new Error(`support-service (pid ${child.pid}) did not exit after SIGTERM and SIGKILL.`);
}

function collectLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      onLine(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
    }
  });
}

/** What /render returns about the version it served. */
export interface ServedMeta {
  name: string;
  version: string;
  contentHash: string;
  flag: string;
  variant: string | undefined;
  reason: string;
}

export type RenderOutcome = { ok: true; meta: ServedMeta } | { ok: false; error: string };

/** One request to /render; never throws (a failed request is an outcome the tests count). */
export async function render(serviceUrl: string, userId: string): Promise<RenderOutcome> {
  try {
    const response = await fetch(`${serviceUrl}/render?userId=${encodeURIComponent(userId)}`, { signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    if (response.status !== 200) return { ok: false, error: `HTTP ${response.status}: ${text.slice(0, 500)}` };
    return { ok: true, meta: (JSON.parse(text) as { meta: ServedMeta }).meta };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** /render for each user, `concurrency` requests in flight; throws on the first failed request. */
export async function renderAll(serviceUrl: string, userIds: readonly string[], concurrency = 16): Promise<ServedMeta[]> {
  const results = new Array<ServedMeta>(userIds.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < userIds.length; index = next++) {
      const outcome = await render(serviceUrl, userIds[index]!);
      if (!outcome.ok) throw new Error(`request for ${userIds[index]} failed: ${outcome.error}`);
      results[index] = outcome.meta;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** Requests served per version, in version order. */
export function distribution(metas: readonly ServedMeta[]): Array<{ version: string; count: number; share: number }> {
  const counts = new Map<string, number>();
  for (const meta of metas) counts.set(meta.version, (counts.get(meta.version) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([version, count]) => ({ version, count, share: count / metas.length }));
}

export interface ServiceHealth {
  ok: boolean;
  pid: number;
  flags: { source: string; ready: boolean; lastEvent: { type: string; message: string; at: string } | null };
}

export async function health(serviceUrl: string): Promise<ServiceHealth> {
  const response = await fetch(`${serviceUrl}/healthz`, { signal: AbortSignal.timeout(10_000) });
  if (response.status !== 200) throw new Error(`GET /healthz: HTTP ${response.status}`);
  return (await response.json()) as ServiceHealth;
}
