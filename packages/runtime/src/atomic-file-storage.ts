import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClientFeaturesResponse } from 'unleash-client';
import { checkBackup } from './unleash-backup.js';

let counter = 0;

/**
 * unleash-client's storage provider for the last known flags, written to a
 * temporary file and renamed into place: a crash mid-write leaves the
 * previous backup, never half a file (unleash-client's own file provider
 * writes in place). Read at start-up, so a service started while Unleash is
 * down serves the last known state at once. Its faults are warnings about
 * the backup (`warn`), never errors: unleash-client would report a failed
 * write as a failure of the Unleash server.
 */
export class AtomicFileStorage {
  private readonly dir: string;
  private readonly warn: (message: string) => void;
  // Each distinct fault once: a read-only folder would otherwise warn on every poll.
  private readonly told = new Set<string>();

  constructor(dir: string, warn: (message: string) => void = () => {}) {
    this.dir = dir;
    this.warn = warn;
  }

  async set(key: string, data: ClientFeaturesResponse): Promise<void> {
    const target = this.file(key);
    // Unique per write: two clients with one appName in a process must not share a temporary file.
    const temporary = `${target}.${process.pid}.${(counter++).toString(36)}.tmp`;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(temporary, JSON.stringify(data));
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => {});
      this.tell(
        `Cannot write the Unleash backup in ${this.dir} (${(error as Error).message}). Flags from Unleash are still served, but a restart while Unleash is down will serve stable versions until the first fetch: make ${this.dir} a folder this service can write, or leave backupDir out.`,
      );
    }
  }

  async get(key: string): Promise<ClientFeaturesResponse | undefined> {
    return this.read(key);
  }

  /** The backup now, synchronously (start-up reads it before the first request); undefined when there is none or it is unusable. */
  read(key: string): ClientFeaturesResponse | undefined {
    const file = this.file(key);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      // No backup yet is the normal first start; a folder that cannot exist is reported by the first write.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        this.tell(`Cannot read the Unleash backup ${file} (${(error as Error).message}); stable versions are served until the first fetch. Check the permissions of ${this.dir}.`);
      }
      return undefined;
    }
    const checked = checkBackup(text, file);
    for (const warning of checked.warnings) this.tell(warning);
    return checked.data;
  }

  /** The backup file for a key (unleash-client uses the appName). */
  file(key: string): string {
    return path.join(this.dir, `promptpack-unleash-${key.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  }

  private tell(message: string): void {
    if (this.told.has(message)) return;
    this.told.add(message);
    this.warn(message);
  }
}
