import path from 'node:path';
import type { FlagContext, FlagDecision, FlagSource, FlagSourceEvent } from './flag-source.js';
import { createOfflineUnleash } from './offline-unleash.js';
import { readFeaturesFile } from './read-features-file.js';
import { evaluator, toUnleashContext, unleashDecision } from './unleash-decision.js';
import { Subscribers } from './subscribers.js';
import { fileWatcher } from './watch-file.js';

export interface FileFlagsOptions {
  /** Unleash context appName (strategies can constrain on it). */
  appName?: string;
  environment?: string;
  /** How often to look for edits, in ms (default 250). 0 disables watching. */
  pollInterval?: number;
}

/**
 * Flags from a file in Unleash's client-features format, evaluated locally
 * by unleash-client: the embedded default, with the same weights,
 * stickiness and constraints as a server. Edits take effect without a
 * restart; an invalid edit keeps the last good flags and emits an error.
 */
export function fileFlags(file: string, options: FileFlagsOptions = {}): FlagSource {
  const absolute = path.resolve(file);
  const subscribers = new Subscribers('file');
  const interval = options.pollInterval ?? 250;
  let stopWatching = () => {};
  // The watcher's baseline is taken before the first read: an edit in between is then seen.
  const watcher = fileWatcher(absolute);
  const first = readFeaturesFile(absolute);
  const offline = createOfflineUnleash(first.ok ? first.data : { version: 2, features: [] }, {
    appName: options.appName,
    environment: options.environment,
    onError: (error) => subscribers.emit({ type: 'error', source: 'file', message: error.message, error }),
  });
  const evaluate = evaluator(offline.unleash, { countMetrics: false });
  const staticContext = { appName: options.appName ?? 'promptpack', environment: options.environment ?? 'default' };
  let ready = first.ok;
  let lastText = first.ok ? first.text : undefined;
  if (!first.ok) subscribers.fail(first.message);

  const reload = () => {
    const next = readFeaturesFile(absolute);
    if (!next.ok) {
      subscribers.fail(next.message);
      return;
    }
    if (next.text === lastText && ready) return;
    lastText = next.text;
    offline.replace(next.data);
    const wasReady = ready;
    ready = true;
    subscribers.recover();
    subscribers.emit({ type: wasReady ? 'changed' : 'ready', source: 'file', message: `flags reloaded from ${absolute} (${next.data.features.length} flags)` });
  };
  if (interval > 0) stopWatching = watcher.start(interval, reload);

  return {
    name: 'file',
    evaluate(flag: string, context: FlagContext): FlagDecision {
      return unleashDecision(offline.unleash, evaluate, flag, toUnleashContext(context, staticContext), ready);
    },
    subscribe: (listener: (event: FlagSourceEvent) => void) => subscribers.add(listener),
    async close() {
      stopWatching();
      offline.destroy();
    },
  };
}
