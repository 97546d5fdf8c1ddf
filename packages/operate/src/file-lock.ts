// A lock file around the flags file's read-modify-write: `<file>.lock`,
// created exclusively (O_EXCL), holding the holder's PID. A lock whose PID is
// dead (on this host) is stale and taken over; the takeover itself runs under
// a second exclusive file, so two processes cannot both remove a stale lock
// and one of them then remove the other's fresh lock. A lock from another
// host cannot be checked (its PID means nothing here), so it is never taken
// over: once older than `foreignLockReportMs` it is reported at once, with
// how to remove it, instead of making every writer wait out its deadline.
// Every failed attempt backs off: a lock path that is a directory or cannot
// be read must not spin a core until the deadline.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import { FlagsError } from './flags-error.js';

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export interface LockOptions {
  /** What the holder is doing, for the message another writer prints while it waits. */
  command?: string;
  /** Give up after this long (default 15 s): another writer holds it. */
  timeoutMs?: number;
}

/** A lock file with no holder written after this long was left by a process that died between create and write. */
const emptyLockStaleMs = 5_000;

/** No flags change holds the lock this long; a lock from another host this old was left by a machine that died or lost the share. */
export const foreignLockReportMs = 10 * 60_000;

export async function withFileLock<T>(file: string, action: () => T | Promise<T>, options: LockOptions = {}): Promise<T> {
  const lock = `${file}.lock`;
  const mine = await acquire(lock, options);
  try {
    return await action();
  } finally {
    release(lock, mine);
  }
}

async function acquire(lock: string, options: LockOptions): Promise<string> {
  const content = JSON.stringify({ pid: process.pid, host: os.hostname(), command: options.command ?? 'promptpack flags', since: new Date().toISOString() } satisfies LockHolder);
  const deadline = performance.now() + (options.timeoutMs ?? 15_000);
  for (let waits = 0; ; waits++) {
    if (tryCreate(lock, content)) return content;
    const holder = readHolder(lock);
    const late = performance.now() > deadline;
    if (holder === 'gone') {
      // Released between our create and our read: try again after the pause.
    } else if (typeof holder === 'object' && 'unreadable' in holder) {
      if (late) throw unreadableLock(lock, holder.unreadable);
    } else if (isStale(lock, holder)) {
      takeOver(lock, holder);
    } else {
      if (holder !== 'empty' && holder.host !== os.hostname()) refuseOldForeign(lock, holder);
      if (late) throw heldLock(lock, holder);
    }
    // After every failed attempt, even a lock that vanished or was just taken over: jittered and growing,
    // so writers that collide do not retry in lockstep and nothing busy-waits.
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 + waits * 2) * (0.5 + Math.random())));
  }
}

function unreadableLock(lock: string, cause: string): FlagsError {
  return new FlagsError(
    'flags/target',
    `The lock file ${lock} exists but cannot be read (${cause}); it is not a lock promptpack wrote.`,
    `Remove it once no \`promptpack flags\` command is running (rm -r ${lock}), then run yours again.`,
  );
}

function heldLock(lock: string, holder: LockHolder | 'empty'): FlagsError {
  const who = holder === 'empty' ? 'a process that has not written its PID yet' : `PID ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.since})`;
  return new FlagsError(
    'flags/target',
    `The flags file is locked by ${who}: ${lock}.`,
    `Wait for that command to finish and run yours again. If no such process exists, delete ${lock} (a lock held by a dead PID on this host is taken over automatically).`,
  );
}

/** A lock from another host older than the bound: its holder cannot be checked from here, so the operator decides. */
function refuseOldForeign(lock: string, holder: LockHolder): void {
  let ageMs: number;
  try {
    ageMs = Date.now() - statSync(lock).mtimeMs;
  } catch {
    return;
  }
  if (ageMs <= foreignLockReportMs) return;
  throw new FlagsError(
    'flags/target',
    `The flags file is locked by PID ${holder.pid} on another host, ${holder.host} (${holder.command}, since ${holder.since}), for ${Math.round(ageMs / 60_000)} minutes: ${lock}. A lock from another host is never taken over automatically.`,
    `Check on ${holder.host} that no \`promptpack flags\` command is running (ps -p ${holder.pid}); if none is, remove the lock (rm ${lock}) and run yours again.`,
  );
}

function tryCreate(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new FlagsError('flags/target', `Cannot create the lock file ${path}: ${(error as Error).message}.`, 'The folder of the flags file must be writable.');
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(lock: string): LockHolder | 'empty' | 'gone' | { unreadable: string } {
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch (error) {
    // Only ENOENT means the holder released it meanwhile; EISDIR, EACCES and the like never go away by themselves.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : { unreadable: (error as Error).message };
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return typeof holder.pid === 'number' ? holder : 'empty';
  } catch {
    return 'empty';
  }
}

function isStale(lock: string, holder: LockHolder | 'empty'): boolean {
  if (holder === 'empty') {
    try {
      return Date.now() - statSync(lock).mtimeMs > emptyLockStaleMs;
    } catch {
      return false;
    }
  }
  // A PID on another host cannot be checked from here: never stale.
  return holder.host === os.hostname() && !isAlive(holder.pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function takeOver(lock: string, seen: LockHolder | 'empty'): void {
  const guard = `${lock}.takeover`;
  if (!tryCreate(guard, String(process.pid))) {
    // A taker that died inside the guard (a window of microseconds) leaves it behind.
    try {
      if (Date.now() - statSync(guard).mtimeMs > emptyLockStaleMs) unlinkSync(guard);
    } catch {
      // Removed meanwhile.
    }
    return;
  }
  try {
    // Still the stale holder we saw? Then nobody else has taken over since.
    const now = readHolder(lock);
    const same = now === 'empty' ? seen === 'empty' : now !== 'gone' && !('unreadable' in now) && seen !== 'empty' && now.pid === seen.pid && now.since === seen.since;
    if (same) unlinkSync(lock);
  } finally {
    unlinkSync(guard);
  }
}

function release(lock: string, mine: string): void {
  try {
    if (readFileSync(lock, 'utf8') === mine) unlinkSync(lock);
  } catch {
    // Already gone: nothing to release.
  }
}
