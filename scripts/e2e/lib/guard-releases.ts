// Two released versions of refund-triage (the prompt with an output schema)
// and of support-reply on a registry, cut as a team cuts them: `promptpack
// release` of every prompt from a scratch copy of this checkout, then a
// policy sentence in each (approved), one minor changeset, `changeset
// version` and a second release. The example service installs both pairs
// (it refuses the same version twice); the guard's e2e test canaries
// refund-triage, whose answers can fail to parse.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedDependencies } from '../../registry/seed-dependencies.js';
import { approvePolicy, runChangeset, runRelease } from './release-cli.js';
import { createScratchRepo } from './scratch-repo.js';
import { promptDependencies, ReleaseStepError, secondVersionPolicySentence } from './support-reply-releases.js';

export interface ReleasedPair {
  /** e.g. @e2e-guard/prompt-refund-triage */
  name: string;
  stable: string;
  next: string;
}

export interface RefundTriageReleases {
  refundTriage: ReleasedPair;
  supportReply: ReleasedPair;
}

const sentences = { 'refund-triage': 'State the decision before any explanation.', 'support-reply': secondVersionPolicySentence } as const;

export async function releaseGuardPrompts(repoDir: string, registryUrl: string, options: { scope: string; alongside?: () => Promise<unknown> }): Promise<RefundTriageReleases> {
  const ids = Object.keys(sentences) as Array<keyof typeof sentences>;
  const repo = createScratchRepo(repoDir, { scope: options.scope });
  const versionOf = (id: string) => (JSON.parse(readFileSync(path.join(repo.dir, `prompts/${id}/package.json`), 'utf8')) as { version: string }).version;
  const [first] = await Promise.all([runRelease(repo.dir, registryUrl), seedDependencies(registryUrl, promptDependencies), options.alongside?.()]);
  if (first.code !== 0) throw new ReleaseStepError('first promptpack release', first);
  const stable = Object.fromEntries(ids.map((id) => [id, versionOf(id)]));

  for (const id of ids) {
    const policy = path.join(repo.dir, `prompts/${id}/policy.md`);
    writeFileSync(policy, `${readFileSync(policy, 'utf8').trimEnd()}\n\n${sentences[id]}\n`);
    const approved = await approvePolicy(repo.dir, id);
    if (approved.code !== 0) throw new ReleaseStepError(`policy approve ${id}`, approved);
  }
  const bumps = ids.map((id) => `"${options.scope}/prompt-${id}": minor`).join('\n');
  writeFileSync(path.join(repo.dir, '.changeset/guard-policies.md'), `---\n${bumps}\n---\n\nPolicy: the decision comes first; replies in the customer's language.\n`);
  repo.commit('refund-triage and support-reply: policy sentences');
  const versioned = await runChangeset(repo.dir, ['version']);
  if (versioned.code !== 0) throw new ReleaseStepError('changeset version', versioned);
  repo.commit('Version packages');
  const second = await runRelease(repo.dir, registryUrl);
  if (second.code !== 0) throw new ReleaseStepError('second promptpack release', second);
  const pair = (id: keyof typeof sentences): ReleasedPair => ({ name: `${options.scope}/prompt-${id}`, stable: stable[id]!, next: versionOf(id) });
  return { refundTriage: pair('refund-triage'), supportReply: pair('support-reply') };
}
