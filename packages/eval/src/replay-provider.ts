import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EvalError, ReplayMissError } from './eval-error.js';
import { embeddingRequestHash, type EmbeddingRequest, type EmbeddingResponse } from './embedding.js';
import type { Provider, ProviderRequest, ProviderResponse } from './provider.js';
import { requestHash } from './request-hash.js';

export const replayFileVersion = 'promptpack.replay/v1';

/**
 * The replay file: answers (the prompt's and the judge's) keyed by
 * `requestHash()` of the exact request, embeddings by
 * `embeddingRequestHash()`. `embeddings` came later and is optional, so
 * older files read as they are.
 */
export interface ReplayFile {
  specificationVersion: typeof replayFileVersion;
  recordings: Record<string, ProviderResponse>;
  embeddings?: Record<string, EmbeddingResponse>;
}

interface Recorded {
  recordings: Record<string, ProviderResponse>;
  embeddings: Record<string, EmbeddingResponse>;
}

export interface ReplayProvider extends Provider {
  /** Writes recordings not yet on disk. Recording also writes on its own within a second of each new answer. */
  flush(): void;
  /**
   * The same recordings and file, recording what is missing through another
   * live provider: the judge on its own endpoint records into the file the
   * answers are recorded in. Without record mode it replays, like this one.
   */
  recordingThrough(live: Provider): Provider;
}

export interface ReplayProviderOptions {
  file: string;
  /** Record mode: requests without a recording go to this provider and their answers are written to `file`. */
  record?: Provider;
}

const writeIntervalMs = 1_000;

/**
 * Answers from recordings, for deterministic CI. A request without one is a
 * `ReplayMissError` (the runner records it as an error run, which fails the
 * gate), never a silent pass. Replay is deterministic: the repeats of one
 * request all get its one recording, latency included.
 */
export function replayProvider(options: ReplayProviderOptions): ReplayProvider {
  const file = path.resolve(options.file);
  const recorded = readRecordings(file, options.record !== undefined);
  const pending = new Map<string, Promise<unknown>>();
  let dirty = false;
  let lastWrite = 0;
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    writeAtomically(file, recorded);
    dirty = false;
    lastWrite = Date.now();
  };
  // Writing the whole file after every answer would be quadratic over a large run; at most once a second
  // instead. The timer is not unref'd, so the process cannot exit with recordings unwritten.
  const scheduleWrite = () => {
    dirty = true;
    if (timer) return;
    timer = setTimeout(flush, Math.max(0, lastWrite + writeIntervalMs - Date.now()));
  };

  // The repeats of a case send the same request at once; one live call records it for all.
  const recordOnce = <T>(hash: string, store: Record<string, T>, call: () => Promise<T>): Promise<T> => {
    // Answers and embeddings are keyed apart; the store names which, so one pending map serves both.
    const key = `${store === (recorded.embeddings as unknown) ? 'embedding' : 'answer'} ${hash}`;
    let answer = pending.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = call()
        .then((response) => {
          store[hash] = response;
          scheduleWrite();
          return response;
        })
        .finally(() => pending.delete(key));
      pending.set(key, answer);
    }
    return answer;
  };

  const through = (recorder: Provider | undefined): Provider => ({
    name: recorder ? `replay-record:${recorder.name}` : 'replay',
    ...(recorder?.model !== undefined ? { model: recorder.model } : {}),
    complete: async (request, callOptions) => {
      const hash = requestHash(request);
      const found = recorded.recordings[hash];
      if (found) return structuredClone(found);
      if (!recorder) throw new ReplayMissError(hash, file, request.model);
      const signal = callOptions?.signal;
      return structuredClone(await recordOnce(hash, recorded.recordings, () => recorder.complete(request, signal ? { signal } : undefined)));
    },
    embed: async (request: EmbeddingRequest, callOptions) => {
      const hash = embeddingRequestHash(request);
      const found = recorded.embeddings[hash];
      if (found) return structuredClone(found);
      if (!recorder) throw new ReplayMissError(hash, file, request.model, 'embedding');
      if (!recorder.embed) throw new EvalError('eval/invalid-options', `The provider ${recorder.name} serves no embeddings, so "similar" cannot be recorded.`, 'Record with the openai provider (any OpenAI-compatible endpoint with /embeddings).');
      const embed = recorder.embed.bind(recorder);
      const signal = callOptions?.signal;
      return structuredClone(await recordOnce(hash, recorded.embeddings, () => embed(request, signal ? { signal } : undefined)));
    },
  });

  return { ...through(options.record), flush, recordingThrough: (live) => through(options.record ? live : undefined) };
}

function readRecordings(file: string, recording: boolean): Recorded {
  if (!existsSync(file)) {
    if (recording) return { recordings: {}, embeddings: {} };
    throw new EvalError('replay/invalid-file', `No replay file at ${file}.`, 'Record one with a live provider first (promptpack eval --record), or check the path.');
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new EvalError('replay/invalid-file', `${file} is not valid JSON (${(error as Error).message}).`, 'Restore it from version control or record it again.', { cause: error });
  }
  const replay = data as Partial<ReplayFile> | null;
  if (replay?.specificationVersion !== replayFileVersion || typeof replay.recordings !== 'object' || replay.recordings === null) {
    throw new EvalError(
      'replay/invalid-file',
      `${file} is not a replay file: expected { "specificationVersion": "${replayFileVersion}", "recordings": { ... } }, found specificationVersion ${JSON.stringify(replay?.specificationVersion)}.`,
      'Point at a file written by promptpack eval --record.',
    );
  }
  const embeddings = replay.embeddings ?? {};
  if (typeof embeddings !== 'object' || embeddings === null || Array.isArray(embeddings)) {
    throw new EvalError('replay/invalid-file', `${file}: "embeddings" must be an object of recorded embeddings, found ${JSON.stringify(embeddings).slice(0, 60)}.`, 'Restore it from version control or record it again.');
  }
  return { recordings: { ...replay.recordings }, embeddings: { ...embeddings } };
}

// Written to a temporary file and renamed over the old one, so a crash mid-write never leaves half a file.
function writeAtomically(file: string, recorded: Recorded): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const sorted = <T>(entries: Record<string, T>) => Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const replay: ReplayFile = { specificationVersion: replayFileVersion, recordings: sorted(recorded.recordings) };
  // Left out when empty, so a file without similarity checks stays byte-identical to what older versions wrote.
  if (Object.keys(recorded.embeddings).length > 0) replay.embeddings = sorted(recorded.embeddings);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(replay, null, 2)}\n`);
  renameSync(temporary, file);
}
