// The servers the e2e files share, as a test file sees them: one Verdaccio
// (started by scripts/e2e/global-setup.ts before any file runs) and one
// Unleash on a private PostgreSQL (started by the first file that asks, in a
// state folder the global setup owns and stops by PID). What a file publishes
// or flips there must not disturb another file: see scopes.ts for the npm
// side; the Unleash files keep to their own flag names.
import path from 'node:path';
import { inject } from 'vitest';
import { withDirLock } from '../../lib/process.js';
import { type RunningUnleash, startUnleash } from '../../unleash/unleash.js';

/** What the global setup provides to every e2e file (serializable: it crosses into the workers). */
export interface SharedServices {
  registryUrl: string;
  /** The registry's own folder (storage, log, PID file). */
  registryDir: string;
  /** State folder of the shared Unleash: PostgreSQL data, logs, PID files, tokens. */
  unleashDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eServices: SharedServices;
  }
}

function provided(): SharedServices {
  const services = inject('e2eServices');
  if (!services) {
    throw new Error('No shared e2e services were provided: the e2e files run in the "e2e" project of vitest.config.ts, whose globalSetup (scripts/e2e/global-setup.ts) starts them. Run them with: pnpm exec vitest run scripts/e2e');
  }
  return services;
}

/** The shared Verdaccio's URL (with a trailing slash). */
export function sharedRegistryUrl(): string {
  return provided().registryUrl;
}

/**
 * Runs `publish` alone among the files that fill the shared registry with
 * the same things (the tooling, pnpm): "publish what is missing" asks first
 * and publishes after, and two files doing that at once would both find a
 * version missing and the second publish would be refused as a duplicate.
 */
export function withSharedRegistryLock<T>(publish: () => Promise<T>): Promise<T> {
  // The adopter fill (tooling + a few hundred seeded packages) takes minutes on a loaded 2-core machine.
  return withDirLock(path.join(provided().registryDir, 'publish-lock'), publish, 900_000);
}

/**
 * The shared Unleash, started on first use and reused after: a file that
 * needs no Unleash never waits for PostgreSQL and ~400 migrations. A file
 * may stop the server (`stopServer()`, "the flag service is down"); the
 * next call starts it again on the same database. Never `stop()` it: the
 * global setup's teardown stops it, by PID, after the last file.
 */
export function sharedUnleash(): Promise<RunningUnleash> {
  return startUnleash({ dir: provided().unleashDir, port: 0, postgresPort: 0 });
}
