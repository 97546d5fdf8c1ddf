import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EvalError, ReplayMissError } from './eval-error.js';
import type { Provider, ProviderRequest, ProviderResponse } from './provider.js';
import { requestHash } from './request-hash.js';

export const replayFileVersion = 'promptpack.replay/v1';

/** The replay file: answers keyed by `requestHash()` of the exact request. */
export interface ReplayFile {
  specificationVersion: typeof replayFileVersion;
  recordings: Record<string, ProviderResponse>;
}

export interface ReplayProvider extends Provider {
  /** Writes recordings not yet on disk. Recording also writes on its own within a second of each new answer. */
  flush(): void;
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
  const recordings = readRecordings(file, options.record !== undefined);
  const pending = new Map<string, Promise<ProviderResponse>>();
  let dirty = false;
  let lastWrite = 0;
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    writeAtomically(file, recordings);
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

  const record = async (hash: string, request: ProviderRequest, recorder: Provider, signal: AbortSignal | undefined) => {
    const response = await recorder.complete(request, signal ? { signal } : undefined);
    recordings[hash] = response;
    scheduleWrite();
    return response;
  };

  return {
    name: options.record ? `replay-record:${options.record.name}` : 'replay',
    ...(options.record?.model !== undefined ? { model: options.record.model } : {}),
    flush,
    complete: async (request, callOptions) => {
      const hash = requestHash(request);
      const recorded = recordings[hash];
      if (recorded) return structuredClone(recorded);
      if (!options.record) throw new ReplayMissError(hash, file, request.model);
      // The repeats of a case send the same request at once; one live call records it for all.
      let answer = pending.get(hash);
      if (!answer) {
        answer = record(hash, request, options.record, callOptions?.signal).finally(() => pending.delete(hash));
        pending.set(hash, answer);
      }
      return structuredClone(await answer);
    },
  };
}

function readRecordings(file: string, recording: boolean): Record<string, ProviderResponse> {
  if (!existsSync(file)) {
    if (recording) return {};
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
  return { ...replay.recordings };
}

// Written to a temporary file and renamed over the old one, so a crash mid-write never leaves half a file.
function writeAtomically(file: string, recordings: Record<string, ProviderResponse>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const sorted = Object.fromEntries(Object.entries(recordings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const replay: ReplayFile = { specificationVersion: replayFileVersion, recordings: sorted };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(replay, null, 2)}\n`);
  renameSync(temporary, file);
}
