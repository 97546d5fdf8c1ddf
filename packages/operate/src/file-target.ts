// The flags file as a target: Unleash client-features JSON (what fileFlags
// reads), changed under `<file>.lock`, written to a temporary file and
// renamed into place, with one line per change appended to
// `<file>.audit.jsonl`. The audit line is written and flushed before the
// rename: a change whose record cannot be written (a full disk) is not
// applied, so a retry applies it; if the rename then fails, the line is cut
// off again. A writer killed between the two leaves a line whose change never
// landed: each line carries the file's hash before and after its change, so
// `flags history` marks it (audit-landing.ts) and rollback ignores it. A flags file that is a symlink is written through to its target
// (the link stays): operators link a per-environment file into place, and
// replacing the link with a regular file would silently fork the two.
import { closeSync, fstatSync, fsyncSync, ftruncateSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { emptyFlagsFile, flagsFileExample, flagsFileProblem, isChangeRecord, type ChangeRecord, type FlagsFile, type FlagsFileFeature, type Strategy } from '@promptpack/spec/plain';
import { flagsFileHash, landedChanges, textHash } from './audit-landing.js';
import { historyEntry } from './change-record.js';
import { removeLeftovers, removeQuietly, writeTemporary } from './atomic-write.js';
import { withFileLock } from './file-lock.js';
import { tooDeepAt } from './json-depth.js';
import type { EnvironmentState, FlagView } from './flag-state.js';
import { FlagsError } from './flags-error.js';
import type { FlagTarget, TargetHistory } from './target.js';

export const fileEnvironment = 'file';

/** Client-features JSON nests about eight levels; far more is a broken or hostile file. */
const maxNesting = 64;

export function auditFileOf(file: string): string {
  return `${file}.audit.jsonl`;
}

export function fileTarget(file: string, options: { lockTimeoutMs?: number } = {}): FlagTarget {
  const absolute = path.resolve(file);
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
      const data = readFlagsFile(resolveFlagsFile(absolute));
      return data.features.filter((feature) => feature.name.startsWith(prefix)).map((feature) => view(data, feature.name));
    },
    async read(flag) {
      return view(readFlagsFile(resolveFlagsFile(absolute)), flag);
    },
    change(request) {
      // Resolved per change: the lock, the temporary file and the audit trail live beside the real file.
      const real = resolveFlagsFile(absolute);
      return withFileLock(
        real,
        () => {
          removeLeftovers(real);
          const beforeHash = flagsFileHash(real);
          const data = readFlagsFile(real);
          const index = data.features.findIndex((feature) => feature.name === request.flag);
          const current = index >= 0 ? view(data, request.flag).environments[0] : undefined;
          const plan = request.decide(current);
          const existing = index >= 0 ? data.features[index]! : { name: request.flag, type: 'release', stale: false, impressionData: false, variants: [] };
          const strategies = (plan.strategies ?? current?.strategies ?? []).map(clientStrategy);
          const feature: FlagsFileFeature = { ...existing, name: request.flag, enabled: plan.enabled, strategies };
          const next: FlagsFile = { ...data, features: index >= 0 ? data.features.map((f, i) => (i === index ? feature : f)) : [...data.features, feature] };
          const after: EnvironmentState = { name: fileEnvironment, enabled: plan.enabled, strategies };
          const contents = `${JSON.stringify(next, null, 2)}\n`;
          const record: ChangeRecord = { ...request.record(current, after), fileHashes: { before: beforeHash, after: textHash(contents) } };
          commit(real, contents, `${JSON.stringify(record)}\n`);
          return record;
        },
        { command: `promptpack flags ${request.flag}`, timeoutMs: options.lockTimeoutMs },
      );
    },
    async history(flag) {
      const real = resolveFlagsFile(absolute);
      return readAuditLog(auditFileOf(real), flag, flagsFileHash(real));
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
  const deep = tooDeepAt(text, maxNesting);
  if (deep) {
    throw new FlagsError('flags/target', `The flags file ${file}:${deep.line}:${deep.column} nests deeper than ${maxNesting} levels; nothing was changed.`, 'A flags file is Unleash client-features JSON, a few levels deep: restore it from version control.');
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

/**
 * The new flags file and its audit line, together or not at all: the new
 * file is flushed to a temporary name, the audit line appended and flushed,
 * then the temporary file renamed into place. Still under the lock, so audit
 * lines are in the order the changes took effect.
 */
function commit(file: string, contents: string, auditLine: string): void {
  const audit = auditFileOf(file);
  const temporary = writeTemporary(file, contents);
  let fd: number | undefined;
  let sizeBefore = 0;
  try {
    fd = openSync(audit, 'a');
    sizeBefore = fstatSync(fd).size;
    writeSync(fd, auditLine);
    fsyncSync(fd);
    // Test-only: stops the writer at its one unguarded point, as kill -9 would (test/file-target-killed-writer.test.ts).
    if (process.env.PROMPTPACK_TEST_CRASH_POINT === 'after-audit-line') process.kill(process.pid, 'SIGKILL');
  } catch (error) {
    if (fd !== undefined) cutBack(fd, sizeBefore);
    removeQuietly(temporary);
    throw new FlagsError('flags/target', `Cannot write the audit trail ${audit}: ${(error as Error).message}; nothing was changed.`, 'A change is applied only with its record: make room on the disk (or fix the permissions of the audit file) and run the command again.');
  }
  try {
    renameSync(temporary, file);
  } catch (error) {
    removeQuietly(temporary);
    const cut = cutBack(fd, sizeBefore);
    throw new FlagsError(
      'flags/target',
      `Cannot replace the flags file ${file}: ${(error as Error).message}; nothing was changed${cut ? '' : `, but its audit line could not be removed again: the last line of ${audit} records a change that did not happen`}.`,
      'The folder of the flags file must be writable; fix that and run the command again.',
    );
  } finally {
    closeSync(fd);
  }
}

/** Truncates the audit file back to before our line; false when even that fails. Closes nothing. */
function cutBack(fd: number, size: number): boolean {
  try {
    ftruncateSync(fd, size);
    fsyncSync(fd);
    return true;
  } catch {
    return false;
  }
}

/** The file a flags path names: a symlink's target (so the link stays a link), else the path itself. */
export function resolveFlagsFile(file: string): string {
  let link: boolean;
  try {
    link = lstatSync(file).isSymbolicLink();
  } catch {
    return file;
  }
  if (!link) return file;
  try {
    return realpathSync(file);
  } catch (error) {
    throw new FlagsError('flags/target', `The flags file ${file} is a symlink whose target cannot be resolved (${(error as Error).message}); nothing was changed.`, `Point the link at an existing flags file (or remove it: the first change creates a regular file), e.g. ln -sf <target> ${file}.`);
  }
}

/**
 * The flag's records in the audit trail, each marked with whether its change
 * landed (see audit-landing.ts); `current` is the flags file's hash now.
 * A change that never landed stays in the history, marked and explained,
 * but not in `records`: rollback must not walk back through it.
 */
export function readAuditLog(audit: string, flag: string, current: string | null = null): TargetHistory {
  let text = '';
  try {
    text = readFileSync(audit, 'utf8');
  } catch {
    return { entries: [], records: [], notes: [] };
  }
  const lines: Array<{ number: number; record: ChangeRecord }> = [];
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
    lines.push({ number: index + 1, record: parsed });
  }
  // Every flag's lines count: the hashes are of the whole file, which each change rewrites.
  const landed = landedChanges(lines.map((line) => line.record), current);
  const entries: TargetHistory['entries'] = [];
  const records: ChangeRecord[] = [];
  lines.forEach(({ number, record }, index) => {
    if (record.flag !== flag) return;
    const entry = historyEntry(record);
    const took = landed[index];
    if (took !== undefined) entry.landed = took;
    entries.push(entry);
    if (took === false) notes.push(`${audit}:${number}: ${entry.command} never took effect: the flags file is still as it was before this change (the writer stopped between its audit line and the rename); run the command again if it is still wanted.`);
    else records.push(record);
  });
  return { entries, records, notes };
}
