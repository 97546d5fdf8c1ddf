import { InMemStorageProvider, Unleash, type ClientFeaturesResponse } from 'unleash-client';
import { AtomicFileStorage } from './atomic-file-storage.js';
import type { FlagContext, FlagDecision, FlagSource, FlagSourceEvent } from './flag-source.js';
import { createOfflineUnleash } from './offline-unleash.js';
import { readFeaturesFile } from './read-features-file.js';
import { Subscribers } from './subscribers.js';
import { evaluator, toUnleashContext, unleashDecision } from './unleash-decision.js';

function firstReadable(files: ReadonlyArray<string | undefined>): ClientFeaturesResponse | undefined {
  for (const file of files) {
    if (!file) continue;
    const result = readFeaturesFile(file);
    if (result.ok) return result.data;
  }
  return undefined;
}

export interface UnleashFlagsOptions {
  /** The server's API URL, e.g. http://127.0.0.1:4242/api. */
  url: string;
  appName: string;
  /** A backend (client) API token. */
  token: string;
  environment?: string;
  /** Poll interval in ms (default 15000). Rollbacks reach the service within about one interval. */
  refreshInterval?: number;
  /** Folder for the last known flags, so a restart while Unleash is down serves them at once. Default: none (in memory). */
  backupDir?: string;
  /** A client-features JSON file to start from before the first fetch (and when there is no backup). */
  bootstrapFile?: string;
  /** Request timeout in ms (default 10000). */
  timeout?: number;
  /** Send usage metrics to Unleash (default true). */
  metrics?: boolean;
}

/**
 * Flags from a real Unleash server, evaluated in memory by unleash-client
 * (about 3 µs a call). Requests never wait for the network: until the first
 * fetch (or a backup or bootstrap) they get stable, and when the server goes
 * away they keep the last known flags while the client retries.
 */
export function unleashFlags(options: UnleashFlagsOptions): FlagSource {
  const subscribers = new Subscribers('unleash');
  let ready = false;
  const backup = options.backupDir ? new AtomicFileStorage(options.backupDir) : undefined;
  // unleash-client loads its backup and bootstrap asynchronously; read them
  // now, so requests before the first fetch already get the last known flags.
  const startState = firstReadable([backup?.file(options.appName), options.bootstrapFile]);
  const offline = startState
    ? createOfflineUnleash(startState, { appName: options.appName, environment: options.environment, onError: () => {} })
    : undefined;
  const unleash = new Unleash({
    url: options.url,
    appName: options.appName,
    environment: options.environment,
    customHeaders: { Authorization: options.token },
    refreshInterval: options.refreshInterval ?? 15_000,
    timeout: options.timeout ?? 10_000,
    disableMetrics: options.metrics === false,
    storageProvider: backup ?? new InMemStorageProvider(),
    bootstrap: options.bootstrapFile ? { filePath: options.bootstrapFile } : undefined,
    skipInstanceCountWarning: true,
    // unleash-client auto-starts with a promise nobody handles: when start()
    // rejects (for instance, closed while its first fetch still fails), Node
    // treats it as an unhandled rejection and crashes the service. Started
    // below, with the rejection handled; failures arrive as 'error' events.
    disableAutoStart: true,
  });
  const evaluate = evaluator(unleash, { countMetrics: options.metrics !== false });
  const offlineEvaluate = offline ? evaluator(offline.unleash, { countMetrics: false }) : undefined;
  const staticContext = { appName: options.appName, environment: options.environment ?? 'default' };
  unleash.on('ready', () => {
    ready = true;
    subscribers.recover();
    subscribers.emit({ type: 'ready', source: 'unleash', message: `flags loaded for ${options.appName}` });
  });
  unleash.on('changed', () => {
    ready = true;
    failing = false;
    subscribers.recover();
    subscribers.emit({ type: 'changed', source: 'unleash', message: 'flags updated from the server' });
  });
  let failing = false;
  // Without an 'error' listener an EventEmitter error would crash the service.
  unleash.on('error', (error: Error) => {
    failing = true;
    subscribers.fail(`Unleash at ${options.url}: ${error.message}. Serving ${ready ? 'the last known flags' : 'stable versions'} until it recovers.`, error);
  });
  // A server that comes back with the same flags sends no 'changed': say it recovered anyway.
  unleash.on('unchanged', () => {
    if (!failing) return;
    failing = false;
    subscribers.recover();
    subscribers.emit({ type: 'changed', source: 'unleash', message: `Unleash at ${options.url} is reachable again; flags unchanged` });
  });
  unleash.on('warn', (message: string) => subscribers.emit({ type: 'warning', source: 'unleash', message: String(message) }));
  unleash.start().catch(() => {});

  return {
    name: 'unleash',
    evaluate(flag: string, context: FlagContext): FlagDecision {
      const unleashContext = toUnleashContext(context, staticContext);
      if (!ready && offline) return unleashDecision(offline.unleash, offlineEvaluate!, flag, unleashContext, true);
      return unleashDecision(unleash, evaluate, flag, unleashContext, ready);
    },
    subscribe: (listener: (event: FlagSourceEvent) => void) => subscribers.add(listener),
    async close() {
      unleash.destroy();
      offline?.destroy();
    },
  };
}
