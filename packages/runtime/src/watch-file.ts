import { statSync } from 'node:fs';

export interface FileWatcher {
  /** Starts polling; `onChange` runs when the stat differs from the last look. Returns a stop function. */
  start(intervalMs: number, onChange: () => void): () => void;
}

/**
 * Takes the file's stat (inode, size, mtime) now, synchronously: create the
 * watcher just before reading the file, so an edit landing right after the
 * read is still seen (fs.watchFile takes its baseline later, asynchronously,
 * and can miss it). Polling survives editors that save by renaming, and
 * files that do not exist yet.
 */
export function fileWatcher(file: string): FileWatcher {
  let last = signature(file);
  return {
    start(intervalMs, onChange) {
      const timer = setInterval(() => {
        const current = signature(file);
        if (current === last) return;
        last = current;
        onChange();
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

function signature(file: string): string {
  try {
    const stat = statSync(file, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
  } catch {
    return 'missing';
  }
}
