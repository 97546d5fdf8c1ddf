import { unwatchFile, watchFile } from 'node:fs';
import path from 'node:path';
import { Unleash } from 'unleash-client';
import type { FlagContext, FlagDecision, FlagSource, FlagSourceEvent } from './flag-source.js';
import { FeaturesRepository } from './features-repository.js';
import { readFeaturesFile } from './read-features-file.js';
import { unleashDecision } from './unleash-decision.js';
import { Subscribers } from './subscribers.js';

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
  const first = readFeaturesFile(absolute);
  const repository = new FeaturesRepository(first.ok ? first.data : { version: 2, features: [] });
  let ready = first.ok;
  let lastText = first.ok ? first.text : undefined;
  if (!first.ok) subscribers.fail(first.message);

  const unleash = new Unleash({
    appName: options.appName ?? 'promptpack',
    environment: options.environment,
    // Never contacted: the repository below holds the data.
    url: 'http://127.0.0.1/promptpack-file-flags',
    repository: repository as never,
    disableMetrics: true,
    skipInstanceCountWarning: true,
    // Started by hand below: auto-start waits a tick, and the first request
    // must already see the file's flags.
    disableAutoStart: true,
  });
  void unleash.start();
  // unleash-client re-emits repository errors; ours has none, but an
  // EventEmitter 'error' without a listener would crash the process.
  unleash.on('error', (error: Error) => subscribers.emit({ type: 'error', source: 'file', message: error.message, error }));

  const reload = () => {
    const next = readFeaturesFile(absolute);
    if (!next.ok) {
      subscribers.fail(next.message);
      return;
    }
    if (next.text === lastText && ready) return;
    lastText = next.text;
    repository.replace(next.data);
    const wasReady = ready;
    ready = true;
    subscribers.recover();
    subscribers.emit({ type: wasReady ? 'changed' : 'ready', source: 'file', message: `flags reloaded from ${absolute} (${next.data.features.length} flags)` });
  };
  const interval = options.pollInterval ?? 250;
  // watchFile polls stat(): it survives editors that save by renaming and
  // files that do not exist yet, where fs.watch loses track.
  if (interval > 0) watchFile(absolute, { interval, persistent: false }, reload);

  return {
    name: 'file',
    evaluate(flag: string, context: FlagContext): FlagDecision {
      return unleashDecision(unleash, flag, context, ready);
    },
    subscribe: (listener: (event: FlagSourceEvent) => void) => subscribers.add(listener),
    async close() {
      if (interval > 0) unwatchFile(absolute, reload);
      unleash.destroy();
    },
  };
}
