// Issue 10, item 6: promptpack with real parts, as a new team adopts it. The
// Verdaccio the e2e files share gets the tooling (through tooling:publish's code) and every
// third-party package it needs; then, in folders outside this workspace with
// their own HOME and an .npmrc that knows only that registry, a prompts
// repository is created with `npm create promptpack` (and `pnpm create
// promptpack --pnpm`), a prompt added, validated, built, released twice; and
// a service installs both versions side by side with @promptpack/runtime and
// serves a 10% canary from a flags file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toolingPackages } from '../tooling/workspace-packages.js';
import { adopterShell } from './lib/adopter-environment.js';
import { type AdopterRegistryContents, fillAdopterRegistry } from './lib/adopter-registry.js';
import { commitAll, createAdopterRepository, skipEvalsReason, versionAndRelease, writeChangeset } from './lib/adopter-repository.js';
import { installCanaryService, runCanary } from './lib/canary-service.js';
import type { PackageManager } from './lib/consumer.js';
import { publishedVersions } from './lib/release-cli.js';
import { e2eScopes } from './lib/scopes.js';
import { sharedRegistryUrl, withSharedRegistryLock } from './lib/shared-services.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'promptpack-e2e-adopter-'));
const promptId = 'order-status';
// The two runs (and the other e2e files) share the registry, so each releases under its own scope.
const scopes: Record<PackageManager, string> = { npm: e2eScopes.adopterNpm, pnpm: e2eScopes.adopterPnpm };
const toolingVersion = toolingPackages().find((item) => item.name === 'create-promptpack')?.version ?? '';
const runtimeVersion = toolingPackages().find((item) => item.name === '@promptpack/runtime')?.version ?? '';
const url = sharedRegistryUrl();
let contents: AdopterRegistryContents;
const released: Record<PackageManager, string[]> = { npm: [], pnpm: [] };

beforeAll(async () => {
  const started = performance.now();
  contents = await withSharedRegistryLock(() => fillAdopterRegistry(url, tmp));
  console.log(
    `adopter registry: ${contents.tooling.published.length} tooling packages published, ${contents.seeded.length} third-party packages seeded from ${contents.roots.length} roots, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}, 600_000);

// Two repositories and two services with their node_modules: well over the default 10 s on a loaded machine.
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
}, 120_000);

describe.each<PackageManager>(['npm', 'pnpm'])('a team adopts promptpack with %s', (packageManager) => {
  const scope = scopes[packageManager];
  const packageName = `${scope}/prompt-${promptId}`;

  test('create, new, validate, build, two releases to the registry', { timeout: 600_000 }, async () => {
    // Another file may have published some of the tooling to the shared registry first: either way it is there.
    expect([...contents.tooling.published, ...contents.tooling.alreadyThere]).toContain(`create-promptpack@${toolingVersion}`);
    const shell = adopterShell(path.join(tmp, packageManager), url);
    const repository = await createAdopterRepository(shell, packageManager, { name: 'acme-prompts', scope, registryUrl: url, toolingVersion });

    const created = await repository.exec(['promptpack', 'new', promptId]);
    expect(created.output).toContain(`prompts/${promptId} (${packageName})`);
    const validated = await repository.exec(['promptpack', 'validate']);
    expect(validated.output).toContain(`ok ${promptId}`);
    const built = await repository.exec(['promptpack', 'build']);
    expect(built.output).toContain(`built ${packageName}@0.1.0`);
    await commitAll(repository, 'order-status prompt');

    // check (and so release) wants legal's approval of each policy.
    for (const id of ['hello', promptId]) await repository.exec(['promptpack', 'policy', 'approve', id, '--by', 'legal@acme.example']);
    const checked = await repository.exec(['promptpack', 'check']);
    expect(checked.output).toContain('every change is covered');
    writeChangeset(repository, 'order-status-first', packageName, 'minor', 'order-status: first version.');
    await commitAll(repository, 'order-status: approve policy, changeset');
    const first = await versionAndRelease(repository, promptId, url);
    expect(first.version).toBe('0.2.0');
    expect(first.release.output).toMatch(/^published: +2$/m);

    // A second version: a template wording change, released as a patch.
    const template = path.join(repository.dir, 'prompts', promptId, 'template.hbs');
    writeFileSync(template, `Question from a customer: ${readFileSync(template, 'utf8')}`);
    writeChangeset(repository, 'order-status-wording', packageName, 'patch', 'order-status: say the question comes from a customer.');
    await repository.exec(['promptpack', 'build']);
    await commitAll(repository, 'order-status: template wording');
    const second = await versionAndRelease(repository, promptId, url);
    expect(second.version).toBe('0.2.1');
    expect(second.release.output).toMatch(/^published: +1$/m);

    expect(await publishedVersions(url, packageName)).toEqual([first.version, second.version]);
    const tags = (await repository.git('tag', '--list', `${packageName}@*`)).stdout.trim().split('\n');
    expect(tags).toEqual([`${packageName}@${first.version}`, `${packageName}@${second.version}`]);
    // The override is on record in the tag, with the identity the shell's git uses.
    const annotation = (await repository.git('tag', '--list', '--format=%(contents)', `${packageName}@${first.version}`)).stdout;
    expect(annotation).toContain(`reason: ${skipEvalsReason}`);
    expect(annotation).toContain('by: Ada Adopter <ada@acme.example>');
    released[packageManager] = [first.version, second.version];
    console.log(`${packageManager} adopter commands:\n  ${repository.commands.join('\n  ')}`);
  });

  test('a service installs both versions side by side and serves a 10% canary from a flags file', { timeout: 300_000 }, async () => {
    const [stable, canary] = released[packageManager];
    expect(stable && canary, 'the release test above must have released two versions').toBeTruthy();
    const shell = adopterShell(path.join(tmp, `${packageManager}-service`), url);
    const dir = path.join(shell.root, 'order-service');
    mkdirSync(dir, { recursive: true });
    await installCanaryService(shell, dir, packageManager, { packageName, promptId, stable: stable!, canary: canary!, canaryWeight: 100, users: 2_000 }, runtimeVersion);
    const tally = await runCanary(shell, dir);
    const share = (tally.served[canary!] ?? 0) / tally.users;
    expect(Object.keys(tally.served).sort()).toEqual([stable, canary].sort());
    expect(share, JSON.stringify(tally)).toBeGreaterThanOrEqual(0.07);
    expect(share, JSON.stringify(tally)).toBeLessThanOrEqual(0.13);
    expect(tally.unstable, JSON.stringify(tally)).toBe(0);
    console.log(`${packageManager} service: ${JSON.stringify(tally)}`);
  });
});
