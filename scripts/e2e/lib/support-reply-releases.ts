// Two released versions of support-reply on a registry, the way a team cuts
// them: `promptpack release` of every prompt from a scratch copy of this
// checkout, then a policy sentence, a minor changeset, `changeset version` and
// a second `promptpack release`. Shared by the runtime e2e tests and the demo.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedDependencies } from '../../registry/seed-dependencies.js';
import { approvePolicy, type CommandResult, runChangeset, runRelease } from './release-cli.js';
import { createScratchRepo, repoScope, type ScratchRepo } from './scratch-repo.js';

/** The policy sentence the second version adds: how its rendered system message differs. */
export const secondVersionPolicySentence = 'Reply in the language the customer wrote in.';

/** What prompt packages need at install time (seeded from this workspace's pnpm store). */
export const promptDependencies = ['zod@4.6.7'];

export interface SupportReplyReleases {
  repo: ScratchRepo;
  /** The package name both versions were released under, e.g. @acme/prompt-support-reply. */
  name: string;
  /** The first release's version (every prompt), e.g. 1.0.0. */
  stable: string;
  /** The minor release after it, e.g. 1.1.0. */
  next: string;
  first: CommandResult;
  second: CommandResult;
}

export class ReleaseStepError extends Error {
  readonly result: CommandResult;
  constructor(step: string, result: CommandResult) {
    super(`${step} failed (exit ${result.code}):\n${result.output}`);
    this.name = 'ReleaseStepError';
    this.result = result;
  }
}

/**
 * Releases support-reply twice to `registryUrl` from a scratch copy in
 * `repoDir`. `alongside` runs while the first release does (seeding takes
 * seconds of mostly waiting on the registry). `scope` releases under another
 * npm scope than @acme (a registry shared with other test files). Throws
 * ReleaseStepError with the command output when a step fails.
 */
export async function releaseTwoSupportReplyVersions(
  repoDir: string,
  registryUrl: string,
  options: { alongside?: () => Promise<unknown>; scope?: string } = {},
): Promise<SupportReplyReleases> {
  const scope = options.scope ?? repoScope;
  const name = `${scope}/prompt-support-reply`;
  const repo = createScratchRepo(repoDir, { scope });
  const [first] = await Promise.all([runRelease(repo.dir, registryUrl), seedDependencies(registryUrl, promptDependencies), options.alongside?.()]);
  if (first.code !== 0) throw new ReleaseStepError('first promptpack release', first);
  const stable = versionOf(repo);

  const policy = path.join(repo.dir, 'prompts/support-reply/policy.md');
  writeFileSync(policy, `${readFileSync(policy, 'utf8').trimEnd()}\n\n${secondVersionPolicySentence}\n`);
  const approved = await approvePolicy(repo.dir, 'support-reply');
  if (approved.code !== 0) throw new ReleaseStepError('policy approve', approved);
  writeFileSync(path.join(repo.dir, '.changeset/support-reply-policy.md'), `---\n"${name}": minor\n---\n\nPolicy: answer in the customer's language.\n`);
  repo.commit('support-reply: answer in the language of the customer');
  const versioned = await runChangeset(repo.dir, ['version']);
  if (versioned.code !== 0) throw new ReleaseStepError('changeset version', versioned);
  repo.commit('Version packages');
  const second = await runRelease(repo.dir, registryUrl);
  if (second.code !== 0) throw new ReleaseStepError('second promptpack release', second);
  return { repo, name, stable, next: versionOf(repo), first, second };
}

export function versionOf(repo: ScratchRepo): string {
  return (JSON.parse(readFileSync(path.join(repo.dir, 'prompts/support-reply/package.json'), 'utf8')) as { version: string }).version;
}
