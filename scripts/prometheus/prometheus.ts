// A private Prometheus for the guard's tests and demos: Debian's package
// (installed when /usr/bin/prometheus is missing), its own config, TSDB,
// log and PID file under `<dir>/prometheus`, listening on 127.0.0.1 only,
// scraping the given targets every second. Restarting on the same folder
// keeps the stored samples, as a real Prometheus does after a restart.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { installDebianPackage } from '../lib/debian-package.js';
import { choosePort, isProcessOf, pollUntil, readPid, removeFile, SetupError, stopProcess, tail, writePid } from '../lib/process.js';

export const prometheusBinary = '/usr/bin/prometheus';
export const defaultPrometheusPort = 9091;
const host = '127.0.0.1';

export interface StartPrometheusOptions {
  /** State folder; Prometheus lives in `<dir>/prometheus`. */
  dir: string;
  /** `host:port` of each /metrics endpoint to scrape, as job `promptpack`. */
  targets?: string[];
  /** More scrape jobs, each its own `job` label: several services serving one prompt, told apart by `flags guard --match 'job="..."'`. */
  jobs?: ScrapeJob[];
  /** 0 = any free port. Default 9091 (9090 is left to a Prometheus the machine may run), or a free one. */
  port?: number;
  /** Default 1 s: the guard's tests wait for scrapes, so short is fast. */
  scrapeIntervalSeconds?: number;
  readyTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface ScrapeJob {
  /** The job name, which Prometheus puts on every series as the `job` label. */
  job: string;
  targets: string[];
}

export interface RunningPrometheus {
  url: string;
  port: number;
  pid: number;
  /** SIGTERM (Prometheus flushes its head block), then SIGKILL; removes the PID file. */
  stop(): Promise<void>;
}

function prometheusFiles(dir: string) {
  const root = path.join(path.resolve(dir), 'prometheus');
  return { root, config: path.join(root, 'prometheus.yml'), data: path.join(root, 'data'), log: path.join(root, 'prometheus.log'), pid: path.join(root, 'prometheus.pid') };
}

/** Installs Debian's prometheus package when its binary is missing (as root, or through passwordless sudo). */
export function ensurePrometheusInstalled(log: (message: string) => void = console.log): string {
  if (existsSync(prometheusBinary)) return prometheusBinary;
  installDebianPackage({ name: 'prometheus', label: 'Prometheus', note: 'the package starts no daemon here; this script runs its own' }, log);
  if (!existsSync(prometheusBinary)) throw new SetupError(`apt-get installed prometheus but ${prometheusBinary} did not appear.`);
  return prometheusBinary;
}

/** Each job's series carry its name as the `job` label. */
export function prometheusConfig(jobs: readonly ScrapeJob[], scrapeIntervalSeconds: number): string {
  return [
    'global:',
    `  scrape_interval: ${scrapeIntervalSeconds}s`,
    `  scrape_timeout: ${scrapeIntervalSeconds}s`,
    `  evaluation_interval: ${scrapeIntervalSeconds}s`,
    'scrape_configs:',
    ...jobs.flatMap(({ job, targets: endpoints }) => [`  - job_name: ${JSON.stringify(job)}`, '    static_configs:', `      - targets: [${endpoints.map((target) => JSON.stringify(target)).join(', ')}]`]),
    '',
  ].join('\n');
}

/** Stops the Prometheus of `dir` by its PID file; false when none was running. */
export async function stopPrometheus(dir: string): Promise<boolean> {
  const files = prometheusFiles(dir);
  const pid = readPid(files.pid);
  if (pid === undefined || !isProcessOf(pid, files.config)) {
    removeFile(files.pid);
    return false;
  }
  await stopProcess(pid, [
    ['SIGTERM', 10_000],
    ['SIGKILL', 2_000],
  ]);
  removeFile(files.pid);
  return true;
}

export async function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const log = options.log ?? console.log;
  const files = prometheusFiles(options.dir);
  const binary = ensurePrometheusInstalled(log);
  const old = readPid(files.pid);
  if (old !== undefined && isProcessOf(old, files.config)) throw new SetupError(`Prometheus of ${files.root} is already running (pid ${old}).`, `Stop it first: kill ${old}`);
  const jobs = [...(options.targets?.length ? [{ job: 'promptpack', targets: options.targets }] : []), ...(options.jobs ?? [])];
  if (jobs.length === 0) throw new SetupError('startPrometheus needs targets or jobs: the /metrics endpoints to scrape.', "Example: startPrometheus({ dir, targets: ['127.0.0.1:3000'] })");
  const duplicate = jobs.find((job, index) => jobs.findIndex((other) => other.job === job.job) !== index);
  if (duplicate) throw new SetupError(`Two scrape jobs are named "${duplicate.job}": Prometheus refuses the config.`, 'Give every job its own name (it becomes the `job` label).');
  mkdirSync(files.data, { recursive: true });
  writeFileSync(files.config, prometheusConfig(jobs, options.scrapeIntervalSeconds ?? 1));
  const port = await choosePort(options.port, defaultPrometheusPort, 'Prometheus');
  const logFd = openSync(files.log, 'a');
  const child = spawn(binary, [`--config.file=${files.config}`, `--storage.tsdb.path=${files.data}`, `--web.listen-address=${host}:${port}`, '--log.level=warn'], { detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  child.unref();
  if (child.pid === undefined) throw new SetupError(`Could not start ${binary}.`, `See ${files.log}.`);
  const pid = child.pid;
  writePid(files.pid, pid);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const url = `http://${host}:${port}`;
  const ready = await pollUntil(
    async () => {
      try {
        return (await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) })).ok;
      } catch {
        return false;
      }
    },
    { timeoutMs: options.readyTimeoutMs ?? 30_000, intervalMs: 100, gaveUp: () => exited },
  );
  const stop = async () => {
    await stopProcess(pid, [
      ['SIGTERM', 10_000],
      ['SIGKILL', 2_000],
    ]);
    removeFile(files.pid);
  };
  if (!ready) {
    await stop().catch(() => undefined);
    throw new SetupError(`Prometheus did not become ready on ${url} ${exited ? '(it exited)' : `within ${(options.readyTimeoutMs ?? 30_000) / 1000} s`}:\n${tail(files.log)}`, `See ${files.log}.`);
  }
  log(`Prometheus ready on ${url} (pid ${pid}), scraping ${jobs.map((job) => `${job.job}: ${job.targets.join(', ')}`).join('; ')}`);
  return { url, port, pid, stop };
}
