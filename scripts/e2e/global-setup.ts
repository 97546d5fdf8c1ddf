// vitest globalSetup of the "e2e" project (vitest.config.ts): one Verdaccio
// for every e2e file that can share it, and the state folder of one Unleash
// that the first file needing it starts (lib/shared-services.ts). vitest
// runs this only when e2e files are queued, so a unit-test run starts
// nothing. The teardown runs after the last file, passed or failed, and
// stops both by PID.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startRegistry } from '../registry/registry.js';
import { stopUnleash } from '../unleash/unleash.js';
import type { SharedServices } from './lib/shared-services.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'promptpack-e2e-shared-'));
  // The postgres OS user must be able to enter the Unleash state folder.
  chmodSync(root, 0o755);
  const services: Omit<SharedServices, 'registryUrl'> = { registryDir: path.join(root, 'registry'), unleashDir: path.join(root, 'unleash') };
  const registry = await startRegistry({ dir: services.registryDir, port: 0 });
  project.provide('e2eServices', { ...services, registryUrl: registry.url });
  console.log(`e2e: shared registry ${registry.url} (pid ${registry.pid}); shared Unleash state in ${services.unleashDir}`);

  return async () => {
    // Whatever a file left running in the Unleash folder (server, PostgreSQL), by the PIDs recorded there.
    const stopped = await stopUnleash(services.unleashDir);
    await registry.stop();
    rmSync(root, { recursive: true, force: true });
    console.log(`e2e: stopped the shared registry${stopped.server || stopped.postgres ? ' and Unleash' : ''}`);
  };
}
