import path from 'node:path';
import type { FlagContext, FlagDecision, FlagSource, FlagSourceEvent } from './flag-source.js';
import { FeaturesState } from './features-state.js';
import { readFeaturesFile } from './read-features-file.js';
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
 * Flags from a file in Unleash's client-features format, evaluated in
 * memory with Unleash's semantics (the official client specification passes
 * against it): the embedded default, with the same weights, stickiness and
 * constraints as a server. Edits take effect without a restart; an invalid
 * edit keeps the last good flags and emits an error. unleash-client is
 * loaded only if the file uses what promptpack leaves to it (REGEX, IN_CIDR,
 * SEMVER constraints, the remoteAddress strategy, custom strategies).
 */
export function fileFlags(file: string, options: FileFlagsOptions = {}): FlagSource {
  const absolute = path.resolve(file);
  const subscribers = new Subscribers('file');
  const interval = options.pollInterval ?? 250;
  let stopWatching = () => {};
  // The watcher's baseline is taken before the first read: an edit in between is then seen.
  const watcher = fileWatcher(absolute);
  const state = new FeaturesState({
    appName: options.appName ?? 'promptpack',
    environment: options.environment ?? 'default',
    onError: (error) => subscribers.emit({ type: 'error', source: 'file', message: error.message, error }),
  });
  const first = readFeaturesFile(absolute);
  let lastText: string | undefined;
  if (first.ok) {
    state.replace(first.data as never);
    lastText = first.text;
  } else {
    subscribers.fail(first.message);
  }

  const reload = () => {
    const next = readFeaturesFile(absolute);
    if (!next.ok) {
      subscribers.fail(next.message);
      return;
    }
    if (next.text === lastText && state.ready) return;
    lastText = next.text;
    const wasReady = state.ready;
    state.replace(next.data as never);
    subscribers.recover();
    subscribers.emit({ type: wasReady ? 'changed' : 'ready', source: 'file', message: `flags reloaded from ${absolute} (${next.data.features.length} flags)` });
  };
  if (interval > 0) stopWatching = watcher.start(interval, reload);

  return {
    name: 'file',
    evaluate: (flag: string, context: FlagContext): FlagDecision => state.evaluate(flag, context),
    subscribe: (listener: (event: FlagSourceEvent) => void) => subscribers.add(listener),
    async close() {
      stopWatching();
      state.close();
    },
  };
}
