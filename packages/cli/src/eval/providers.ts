import path from 'node:path';
import { openaiProvider, type Provider, replayProvider, type ReplayProvider } from '@promptpack/eval';
import type { EvalOptions } from './eval-options.js';

/** Recordings are committed beside the prompt, so CI replays exactly what was recorded. */
export const recordingsFile = 'evals.recordings.json';

export interface ProviderSetup {
  provider: Provider;
  /** Where recordings are read (replay) or written (--record). */
  file?: string;
  /** Writes pending recordings; a no-op unless recording. */
  flush(): void;
  describe: string;
}

export function createProvider(options: EvalOptions, promptDir: string, env: NodeJS.ProcessEnv = process.env): ProviderSetup {
  const file = path.resolve(options.replayFile ?? path.join(promptDir, recordingsFile));
  const shown = path.relative(process.cwd(), file) || file;
  if (options.provider === 'replay') {
    const provider = replayProvider({ file });
    return { provider, file, flush: () => {}, describe: `replay from ${shown} (${options.providerSource})` };
  }
  const live = openaiProvider({
    ...(options.baseURL !== undefined ? { baseURL: options.baseURL } : {}),
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    env,
  });
  const endpoint = options.baseURL ?? env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
  if (!options.record) return { provider: live, flush: () => {}, describe: `openai at ${endpoint} (${options.providerSource})` };
  const recording: ReplayProvider = replayProvider({ file, record: live });
  return { provider: recording, file, flush: () => recording.flush(), describe: `openai at ${endpoint}, recording into ${shown}` };
}
