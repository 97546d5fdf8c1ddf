// The adopter half of the demo, on the registry demo.sh started: publish the
// tooling there (the tooling:publish code), then, in a folder outside this
// checkout that sees only that registry, `npm create promptpack`, install,
// `promptpack new order-status` and build: what a team does on day one. The
// full path (two releases, a canary service, npm and pnpm) is
// scripts/e2e/adopter.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toolingVersion } from '@promptpack/scaffold';
import { adopterShell } from '../e2e/lib/adopter-environment.js';
import { fillAdopterRegistry } from '../e2e/lib/adopter-registry.js';
import { createAdopterRepository } from '../e2e/lib/adopter-repository.js';

const { values } = parseArgs({ args: process.argv.slice(2), options: { registry: { type: 'string' } } });
const registry = values.registry ?? process.env.PROMPTPACK_REGISTRY;
if (!registry) throw new Error('usage: adopter-demo.ts --registry <url>');

const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const root = mkdtempSync(path.join(os.tmpdir(), 'promptpack-demo-adopter-'));
try {
  console.log('» the tooling on the registry (pnpm tooling:publish), and the third-party packages it installs (seeded from this workspace)');
  const contents = await fillAdopterRegistry(registry, root, { pnpm: false });
  console.log(`  ${contents.tooling.published.length} tooling packages published (${contents.tooling.alreadyThere.length} already there), ${contents.seeded.length} third-party packages on the registry · ${seconds()}`);

  const shell = adopterShell(root, registry);
  console.log(`» in ${root}/ (outside this checkout; its .npmrc names only ${registry}):`);
  const repository = await createAdopterRepository(shell, 'npm', { name: 'acme-prompts', scope: '@acme', registryUrl: registry, toolingVersion });
  const created = await repository.exec(['promptpack', 'new', 'order-status']);
  const built = await repository.exec(['promptpack', 'build']);
  for (const command of repository.commands) console.log(`  $ ${command}`);
  for (const line of `${created.stdout}${built.stdout}`.trim().split('\n')) console.log(`    ${line}`);
  console.log(`  (${seconds()}; the two releases and the canary service of this path: scripts/e2e/adopter.test.ts)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
