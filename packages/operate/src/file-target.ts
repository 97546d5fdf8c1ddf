// The flags file as a target: Unleash client-features JSON (what fileFlags
// reads), changed under `<file>.lock`, written to a temporary file and
// renamed into place, with one line per change appended to
// `<file>.audit.jsonl`.
import { appendFileSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { emptyFlagsFile, flagsFileExample, flagsFileProblem, isChangeRecord, type ChangeRecord, type FlagsFile, type FlagsFileFeature, type Strategy } from '@promptpack/spec/plain';
import { historyEntry } from './change-record.js';
import { withFileLock } from './file-lock.js';
import type { EnvironmentState, FlagView } from './flag-state.js';
import { FlagsError } from './flags-error.js';
import type { FlagTarget, TargetHistory } from './target.js';

export const fileEnvironment = 'file';

export function auditFileOf(file: string): string {
  return `${file}.audit.jsonl`;
}

export function fileTarget(file: string, options: { lockTimeoutMs?: number } = {}): FlagTarget {
  const absolute = path.resolve(file);
  const audit = auditFileOf(absolute);
  const view = (data: FlagsFile, flag: string): FlagView => {
    const feature = data.features.find((candidate) => candidate.name === flag);
    return feature
      ? { flag, exists: true, environments: [{ name: fileEnvironment, enabled: feature.enabled, strategies: feature.strategies ?? [] }] }
      : { flag, exists: false, environments: [] };
  };

  return {
    kind: 'file',
    label: `flags file ${file}`,
    environment: fileEnvironment,
    async list(prefix) {
      const data = readFlagsFile(absolute);
      return data.features.filter((feature) => feature.name.startsWith(prefix)).map((feature) => view(data, feature.name));
    },
    async read(flag) {
      return view(readFlagsFile(absolute), flag);
    },
    change(request) {
      return withFileLock(
        absolute,
        () => {
          const data = readFlagsFile(absolute);
          const index = data.features.findIndex((feature) => feature.name === request.flag);
          const current = index >= 0 ? view(data, request.flag).environments[0] : undefined;
          const plan = request.decide(current);
          const existing = index >= 0 ? data.features[index]! : { name: request.flag, type: 'release', stale: false, impressionData: false, variants: [] };
          const strategies = (plan.strategies ?? current?.strategies ?? []).map(clientStrategy);
          const feature: FlagsFileFeature = { ...existing, name: request.flag, enabled: plan.enabled, strategies };
          const next: FlagsFile = { ...data, features: index >= 0 ? data.features.map((f, i) => (i === index ? feature : f)) : [...data.features, feature] };
          const after: EnvironmentState = { name: fileEnvironment, enabled: plan.enabled, strategies };
          const record = request.record(current, after);
          writeAtomically(absolute, `${JSON.stringify(next, null, 2)}\n`);
          // After the rename, still under the lock: audit lines are in the order the changes took effect.
          appendFileSync(audit, `${JSON.stringify(record)}\n`);
          return record;
        },
        { command: `promptpack flags ${request.flag}`, timeoutMs: options.lockTimeoutMs },
      );
    },
    async history(flag) {
      return readAuditLog(audit, flag);
    },
  };
}

/** A missing file is an empty one (the first change creates it); an unreadable one is an error, never overwritten. */
export function readFlagsFile(file: string): FlagsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyFlagsFile();
    throw new FlagsError('flags/target', `Cannot read the flags file ${file}: ${(error as Error).message}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FlagsError('flags/target', `The flags file ${file} is not valid JSON (${(error as Error).message}); nothing was changed.`, 'Fix it by hand (services keep the last good flags meanwhile), or restore it from version control.');
  }
  const problem = flagsFileProblem(data);
  if (problem) {
    throw new FlagsError('flags/target', `The flags file ${file} is not Unleash client-features JSON (${problem}); nothing was changed.`, `Expected ${flagsFileExample}.`);
  }
  return data as FlagsFile;
}

/** Client-features strategies carry no Admin API ids or sort orders. */
function clientStrategy(strategy: Strategy): Strategy {
  const { id: _id, sortOrder: _sortOrder, ...rest } = strategy;
  return rest;
}

/** Temporary file in the same folder, flushed, renamed over the target: a reader sees the old file or the new one, never half. */
export function writeAtomically(file: string, contents: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, file);
  } catch (error) {
    unlinkSync(temporary);
    throw error;
  }
}

export function readAuditLog(audit: string, flag: string): TargetHistory {
  let text = '';
  try {
    text = readFileSync(audit, 'utf8');
  } catch {
    return { entries: [], records: [], notes: [] };
  }
  const records: ChangeRecord[] = [];
  const notes: string[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      notes.push(`${audit}:${index + 1}: not JSON, skipped`);
      continue;
    }
    if (!isChangeRecord(parsed)) {
      notes.push(`${audit}:${index + 1}: not a promptpack change record, skipped`);
      continue;
    }
    if (parsed.flag === flag) records.push(parsed);
  }
  return { entries: records.map(historyEntry), records, notes };
}
