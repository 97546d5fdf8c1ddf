// Publishes every tooling package (packages/*, dependencies first) that the
// registry lacks: asks it which name@version exist, builds and packs the
// missing ones with pnpm (which turns workspace: ranges into real ones) and
// publishes the tarballs with npm. A re-run after a failure publishes only
// what is still missing.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { assertReachable, isPublished, publishTarball } from './npm-registry.js';
import { packPackage } from './pack.js';
import { repoRoot, toolingPackages, type ToolingPackage } from './workspace-packages.js';

const run = promisify(execFile);

export interface PublishToolingOptions {
  registry: string;
  /** Default true; false publishes the dist/ folders as they are (tests, after a build). */
  build?: boolean;
  root?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface PublishToolingResult {
  published: string[];
  alreadyThere: string[];
}

export async function publishTooling(options: PublishToolingOptions): Promise<PublishToolingResult> {
  const root = options.root ?? repoRoot;
  const log = options.log ?? ((line: string) => console.log(line));
  const packages = toolingPackages(root);
  const spec = (item: ToolingPackage) => `${item.name}@${item.version}`;
  // Ask first, for every package: an unreachable registry or a refused login stops the run before anything is built.
  await assertReachable(options.registry);
  const present = await Promise.all(packages.map((item) => isPublished(options.registry, item.name, item.version, root, options.env)));
  const missing = packages.filter((_, index) => !present[index]);
  const alreadyThere = packages.filter((_, index) => present[index]).map(spec);
  for (const item of alreadyThere) log(`already on ${options.registry}: ${item}`);

  const published: string[] = [];
  const staging = mkdtempSync(path.join(os.tmpdir(), 'promptpack-tooling-'));
  try {
    for (const item of missing) {
      if (options.build !== false) await build(item);
      const tarball = await packPackage(item.dir, mkdtempSync(path.join(staging, 'pack-')));
      await publishTarball(options.registry, item.name, tarball, root, options.env);
      published.push(spec(item));
      log(`published ${spec(item)} to ${options.registry}`);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`${published.length} published, ${alreadyThere.length} already on the registry.`);
  return { published, alreadyThere };
}

async function build(item: ToolingPackage): Promise<void> {
  try {
    await run('pnpm', ['run', 'build'], { cwd: item.dir, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`Building ${item.name} failed (pnpm run build in ${item.dir}); nothing more was published:\n${stderr || stdout}`);
  }
}
