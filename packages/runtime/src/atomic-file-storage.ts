import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClientFeaturesResponse } from 'unleash-client';

/**
 * unleash-client's storage provider for the last known flags, written to a
 * temporary file and renamed into place: a crash mid-write leaves the
 * previous backup, never half a file (unleash-client's own file provider
 * writes in place). Read at start-up, so a service started while Unleash is
 * down serves the last known state at once.
 */
export class AtomicFileStorage {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  async set(key: string, data: ClientFeaturesResponse): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = this.file(key);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(data));
    await rename(temporary, target);
  }

  async get(key: string): Promise<ClientFeaturesResponse | undefined> {
    try {
      return JSON.parse(await readFile(this.file(key), 'utf8')) as ClientFeaturesResponse;
    } catch {
      // No backup yet, or an unreadable one: start without, as with no backup.
      return undefined;
    }
  }

  /** The backup file for a key (unleash-client uses the appName). */
  file(key: string): string {
    return path.join(this.dir, `promptpack-unleash-${key.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  }
}
