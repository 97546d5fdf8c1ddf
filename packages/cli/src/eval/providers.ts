import path from 'node:path';
import { type JudgeOptions, openaiProvider, type Provider, replayProvider, type ReplayProvider } from '@promptpack/eval';
import type { EvalOptions } from './eval-options.js';

/** Recordings are committed beside the prompt, so CI replays exactly what was recorded. */
export const recordingsFile = 'evals.recordings.json';

export interface ProviderSetup {
  provider: Provider;
  /** The replay provider behind `provider`, when recordings are read or written. */
  replay?: ReplayProvider;
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
    return { provider, replay: provider, file, flush: () => {}, describe: `replay from ${shown} (${options.providerSource})` };
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
  return { provider: recording, replay: recording, file, flush: () => recording.flush(), describe: `openai at ${endpoint}, recording into ${shown}` };
}

/**
 * Who grades llm-rubric and embeds for similar: the models from the command
 * line, else from evals.yaml. A `judge.baseUrl` there is a second live
 * endpoint (the same OPENAI_API_KEY); in replay the recordings answer for it,
 * and with --record its verdicts go into the same recordings file.
 */
export function judgeOptions(options: EvalOptions, setup: ProviderSetup, settings: { baseUrl?: string } | undefined, env: NodeJS.ProcessEnv = process.env): JudgeOptions {
  const judge: JudgeOptions = {
    ...(options.judgeModel !== undefined ? { model: options.judgeModel } : {}),
    ...(options.embeddingModel !== undefined ? { embeddingModel: options.embeddingModel } : {}),
  };
  if (settings?.baseUrl === undefined || options.provider === 'replay') return judge;
  const live = openaiProvider({ baseURL: settings.baseUrl, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}), env });
  return { ...judge, provider: setup.replay ? setup.replay.recordingThrough(live) : live };
}
