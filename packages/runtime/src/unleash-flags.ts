import type { ClientFeaturesResponse } from 'unleash-client';
import { AtomicFileStorage } from './atomic-file-storage.js';
import type { FlagContext, FlagDecision, FlagSource, FlagSourceEvent } from './flag-source.js';
import { FeaturesState } from './features-state.js';
import { readFeaturesFile } from './read-features-file.js';
import { Subscribers } from './subscribers.js';
import { loadUnleashClient } from './unleash-client-delegate.js';
import { hoistSegments } from './unleash-evaluation/hoist-segments.js';

function bootstrapState(file: string | undefined): ClientFeaturesResponse | undefined {
  if (!file) return undefined;
  const result = readFeaturesFile(file);
  return result.ok ? result.data : undefined;
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
/**
 * Flags from a real Unleash server. unleash-client fetches them (polling,
 * backups, bootstrap, usage metrics); promptpack evaluates them in memory
 * with the same semantics (the client specification passes against it), so
 * a request costs well under a microsecond and a source is ready exactly
 * when it can answer. Requests never wait for the network: until the first
 * fetch (or a backup or bootstrap) they get stable, and when the server goes
 * away they keep the last known flags while the client retries.
 */
export function unleashFlags(options: UnleashFlagsOptions): FlagSource {
  // Loaded here, not at import: a service on fileFlags never loads unleash-client.
  const { InMemStorageProvider, Unleash } = loadUnleashClient();
  const subscribers = new Subscribers('unleash');
  const countMetrics = options.metrics !== false;
  // The backup's faults are the service's to fix (a read-only folder, a file Unleash wrote with nulls): warnings, never blamed on the server.
  const backup = options.backupDir ? new AtomicFileStorage(options.backupDir, (message) => subscribers.emit({ type: 'warning', source: 'unleash', message })) : undefined;
  const state = new FeaturesState({
    appName: options.appName,
    environment: options.environment ?? 'default',
    onError: () => {},
    // The usage counts the Unleash UI shows, as the SDK's own getVariant would count them.
    onEvaluated: countMetrics
      ? (flag, evaluation) => {
          unleash.count(flag, evaluation.featureEnabled);
          unleash.countVariant(flag, evaluation.variant?.name ?? 'disabled');
        }
      : undefined,
  });
  // unleash-client loads its backup and bootstrap asynchronously; read them
  // now, so requests before the first fetch already get the last known flags.
  const startState = backup?.read(options.appName) ?? bootstrapState(options.bootstrapFile);
  if (startState) state.replace(startState as never);
  const unleash = new Unleash({
    url: options.url,
    appName: options.appName,
    environment: options.environment,
    customHeaders: { Authorization: options.token },
    refreshInterval: options.refreshInterval ?? 15_000,
    timeout: options.timeout ?? 10_000,
    disableMetrics: !countMetrics,
    storageProvider: backup ?? new InMemStorageProvider(),
    bootstrap: options.bootstrapFile ? { filePath: options.bootstrapFile } : undefined,
    skipInstanceCountWarning: true,
    // unleash-client auto-starts with a promise nobody handles: when start()
    // rejects (for instance, closed while its first fetch still fails), Node
    // treats it as an unhandled rejection and crashes the service. Started
    // below, with the rejection handled; failures arrive as 'error' events.
    disableAutoStart: true,
  });
  // What the client holds now, segments inline (public API), becomes what requests are evaluated against.
  const adopt = () => state.replace(hoistSegments(unleash.getFeatureToggleDefinitions(true) as never));
  let failing = false;
  unleash.on('ready', () => {
    adopt();
    subscribers.recover();
    subscribers.emit({ type: 'ready', source: 'unleash', message: `flags loaded for ${options.appName}` });
  });
  unleash.on('changed', () => {
    adopt();
    failing = false;
    subscribers.recover();
    subscribers.emit({ type: 'changed', source: 'unleash', message: 'flags updated from the server' });
  });
  // Without an 'error' listener an EventEmitter error would crash the service.
  unleash.on('error', (error: Error) => {
    failing = true;
    subscribers.fail(`Unleash at ${options.url}: ${error.message}. Serving ${state.ready ? 'the last known flags' : 'stable versions'} until it recovers.`, error);
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
    evaluate: (flag: string, context: FlagContext): FlagDecision => state.evaluate(flag, context),
    subscribe: (listener: (event: FlagSourceEvent) => void) => subscribers.add(listener),
    async close() {
      unleash.destroy();
      state.close();
    },
  };
}
