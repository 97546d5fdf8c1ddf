// Runs the repository's own `changeset publish` (its installed
// @changesets/cli: the same tool that versioned the packages decides the
// dist-tag in prerelease mode and the access) on the prompt packages only.
// changesets publishes every non-private package of the workspace it runs in
// (its `ignore` option applies to versioning, not to publish), so it runs in
// a staging workspace that holds copies of the prompt packages to publish and
// nothing else; with a package-lock there, changesets publishes through
// `npm publish`, whichever package manager the repository uses.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { PublishReport } from './plan.js';
import type { PromptPackage } from './prompt-packages.js';
import { ReleaseError } from './release-error.js';
import type { ReleaseLog } from './release-log.js';
import { run, stripAnsi } from './run-process.js';

export interface ChangesetPublishOptions {
  root: string;
  packages: readonly PromptPackage[];
  changesetBin: string;
  env: NodeJS.ProcessEnv;
  log: ReleaseLog;
}

/** The `changeset` CLI the repository at `root` installed; the release uses no copy of its own. */
export function findChangesetBin(root: string): string {
  try {
    const manifest = createRequire(path.join(root, 'package.json')).resolve('@changesets/cli/package.json');
    return path.join(path.dirname(manifest), 'bin.js');
  } catch {
    throw new ReleaseError('release/changesets-missing', `@changesets/cli is not installed in ${root}, and promptpack release publishes through it.`, {
      hint: 'Install it as a devDependency (npm install --save-dev @changesets/cli, or pnpm add -D @changesets/cli) and run the release again.',
    });
  }
}

export async function changesetPublish(options: ChangesetPublishOptions): Promise<PublishReport & { code: number }> {
  const staging = stageWorkspace(options.root, options.packages);
  try {
    // Tags are created by the release script in the real repository, after
    // the registry confirms each version; the staging folder is not a repo.
    // One stream for stdout and stderr: changesets prints the list of
    // published and the list of failed packages to stdout, and the header of
    // the failed list to stderr, so only the merged order tells them apart.
    const result = await run('/bin/sh', ['-c', 'exec "$@" 2>&1', 'sh', process.execPath, options.changesetBin, 'publish', '--no-git-tag'], {
      cwd: staging,
      // The release built and verified each dist/ already; a prompt's prepack
      // (`promptpack build .`) would rebuild the staging copy, which has
      // neither the CLI on its PATH nor prompts/_shared beside it.
      env: { ...options.env, NO_COLOR: '1', FORCE_COLOR: '0', npm_config_ignore_scripts: 'true' },
      echo: { prefix: '  │ ', log: options.log },
    });
    return { code: result.code, ...parsePublishOutput(result.stdout, options.packages) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function stageWorkspace(root: string, packages: readonly PromptPackage[]): string {
  const staging = mkdtempSync(path.join(os.tmpdir(), 'promptpack-release-'));
  // npm workspaces + a lockfile: changesets then publishes with `npm publish`.
  writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify({ name: 'promptpack-release-staging', private: true, workspaces: ['prompts/*'] }, null, 2)}\n`);
  writeFileSync(path.join(staging, 'package-lock.json'), `${JSON.stringify({ name: 'promptpack-release-staging', lockfileVersion: 3, requires: true, packages: {} }, null, 2)}\n`);
  // Project npm config (scope registry lines, publish settings) applies as in the repository.
  if (existsSync(path.join(root, '.npmrc'))) cpSync(path.join(root, '.npmrc'), path.join(staging, '.npmrc'));
  mkdirSync(path.join(staging, '.changeset'));
  writeFileSync(path.join(staging, '.changeset/config.json'), `${JSON.stringify(stagingConfig(root), null, 2)}\n`);
  // Prerelease mode decides the dist-tag.
  const preState = path.join(root, '.changeset/pre.json');
  if (existsSync(preState)) cpSync(preState, path.join(staging, '.changeset/pre.json'));
  for (const [index, pkg] of packages.entries()) {
    // Numbered: two workspace folders may share a name (apps/x, prompts/x).
    cpSync(pkg.dir, path.join(staging, 'prompts', `${index}-${pkg.folder}`), {
      recursive: true,
      filter: (source) => path.basename(source) !== 'node_modules',
    });
  }
  return staging;
}

/** The repository's publish settings; its changelog and ignore lists do not concern publishing. */
function stagingConfig(root: string): Record<string, unknown> {
  let access = 'restricted';
  const configPath = path.join(root, '.changeset/config.json');
  if (existsSync(configPath)) {
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as { access?: string };
    if (config.access === 'public' || config.access === 'restricted') access = config.access;
  }
  return { changelog: false, commit: false, access, baseBranch: 'main', fixed: [], linked: [], ignore: [] };
}

/**
 * changesets prints "packages published successfully:" then one
 * `name@version` per line, "packages failed to publish:" then the failed
 * ones, and "an error occurred while publishing NAME: CODE summary" per
 * failure (changesets-cli.cjs.js, `publish` and `internalPublish`). A package
 * counts as reported published only when it is in the first list and named
 * by no failure.
 */
export function parsePublishOutput(output: string, packages: readonly PromptPackage[]): PublishReport {
  const lines = stripAnsi(output)
    .split('\n')
    .map((line) => line.replace(/^🦋\s+/u, '').replace(/^(error|warn|info|success)\s+/, '').trim());
  const listed = { published: new Set<string>(), failed: new Set<string>() };
  const errors = new Map<string, string>();
  let list: keyof typeof listed | undefined;
  for (const line of lines) {
    if (line.startsWith('packages published successfully:')) {
      list = 'published';
      continue;
    }
    if (line.startsWith('packages failed to publish:')) {
      list = 'failed';
      continue;
    }
    const pkg = packages.find((p) => line === `${p.name}@${p.version}`);
    if (list && pkg) {
      listed[list].add(pkg.name);
      continue;
    }
    list = undefined;
    const failure = /^an error occurred while publishing (\S+): (.*)$/.exec(line);
    if (failure?.[1] && failure[2] !== undefined) errors.set(failure[1], failure[2].trim());
  }
  const reportedPublished = new Set([...listed.published].filter((name) => !listed.failed.has(name) && !errors.has(name)));
  for (const name of listed.failed) if (!errors.has(name)) errors.set(name, 'changeset publish reported it as failed (see its output above)');
  return { reportedPublished, errors };
}
