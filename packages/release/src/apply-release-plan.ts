// The effects of a release plan: publish what the registry is missing (and
// the eval gate allows) through the repository's changesets, verify each
// version on the registry, tag only what it confirms, push when asked.
// Safe to re-run after any failure: a version on the registry is never
// published again, and a tag is only created for a confirmed version.
import type { AssembledPlan } from './assemble-release-plan.js';
import { queryStates } from './assemble-release-plan.js';
import { changesetPublish, findChangesetBin } from './changeset-publish.js';
import { type EvalGateDecision, tagAnnotation } from './eval-gate.js';
import { createTag, isGitRepo, pushFollowTags, remotes, tagExists } from './git.js';
import { type Outcome, type PlanEntry, publishedOrFailed, type TagResult, type VersionState } from './plan.js';
import { type PromptPackage, tagName } from './prompt-packages.js';
import type { RegistryAccess } from './registry-access.js';
import { localShasum } from './registry-state.js';
import type { ReleaseLog } from './release-log.js';
import { mapLimit } from './run-process.js';

export interface ApplyOptions {
  root: string;
  packages: readonly PromptPackage[];
  access: RegistryAccess;
  push: boolean;
  log: ReleaseLog;
}

export interface AppliedRelease {
  /** One outcome per package, in package order. */
  outcomes: Outcome[];
  /** What became of `git push --follow-tags`. */
  pushed: string;
}

export async function applyReleasePlan(plan: AssembledPlan, options: ApplyOptions): Promise<AppliedRelease> {
  const { access, log, root } = options;
  const gated = publishable(plan);
  const outcomes = new Map<string, Outcome>();
  for (const decision of gated) {
    if (decision.verdict === 'refused') outcomes.set(decision.pkg.name, { pkg: decision.pkg, result: 'failed', reason: `eval gate: ${decision.problem}` });
  }
  const toPublish = gated.filter((decision) => decision.verdict !== 'refused').map((decision) => decision.pkg);
  if (toPublish.length > 0) {
    step(log, `changeset publish (${toPublish.length} package${toPublish.length === 1 ? '' : 's'})`);
    const changesetBin = findChangesetBin(root);
    const shasums = new Map<string, string>();
    await mapLimit(toPublish, 4, async (pkg) => shasums.set(pkg.name, await localShasum(pkg.dir, access.env)));
    const report = await changesetPublish({ root, packages: toPublish, changesetBin, env: access.env, log });
    step(log, 'verifying on the registry');
    const after = await queryStates(toPublish, access);
    for (const pkg of toPublish) {
      const state = after.get(pkg.name) ?? { kind: 'unreachable', reason: 'not queried' };
      const fate = publishedOrFailed(pkg, state, shasums.get(pkg.name), report);
      log.out(`  ${tagName(pkg)}: ${describeState(state)}`);
      outcomes.set(pkg.name, fate.result === 'published' ? { pkg, result: 'published', confirmedBy: fate.confirmedBy, tag: 'skipped' } : { pkg, result: 'failed', reason: fate.reason });
    }
  }
  for (const entry of plan.entries) outcomes.set(entry.pkg.name, outcomes.get(entry.pkg.name) ?? outcomeOfPlanned(entry));

  step(log, 'tagging confirmed versions');
  const tagging = await isGitRepo(root);
  for (const [name, outcome] of outcomes) {
    if (outcome.result === 'failed') continue;
    const tag = tagName(outcome.pkg);
    let result: TagResult = 'skipped';
    if (tagging && (await tagExists(root, tag))) result = 'existed';
    else if (tagging) {
      await createTag(root, tag, tagAnnotation(outcome.pkg, plan.gate.get(name)));
      result = 'created';
      log.out(`  tag ${tag}`);
    }
    outcomes.set(name, { ...outcome, tag: result });
  }
  if (!tagging) log.out('  not a git repository: no tags created');

  let pushed = 'not requested (pass --push)';
  if (options.push) {
    if ((await remotes(root)).length === 0) pushed = 'skipped: the repository has no remote';
    else {
      step(log, 'git push --follow-tags');
      const push = await pushFollowTags(root, log);
      pushed = push.ok ? 'done' : `FAILED (${push.message}); push the tags by hand: git push --follow-tags`;
    }
  }
  return { outcomes: options.packages.map((pkg) => outcomes.get(pkg.name)).filter((o): o is Outcome => o !== undefined), pushed };
}

/** The eval gate's decisions for the packages the plan publishes. */
export function publishable(plan: AssembledPlan): EvalGateDecision[] {
  return plan.entries.filter((entry) => entry.action === 'publish').map((entry) => plan.gate.get(entry.pkg.name) as EvalGateDecision);
}

function outcomeOfPlanned(entry: PlanEntry): Outcome {
  switch (entry.action) {
    case 'already-published':
      return { pkg: entry.pkg, result: 'already-published', tag: 'skipped' };
    case 'conflict':
      return {
        pkg: entry.pkg,
        result: 'failed',
        reason: `version ${entry.pkg.version} is already on the registry with other contents (another contentHash; shasum ${entry.remoteShasum.slice(0, 12)}, ours ${entry.localShasum.slice(0, 12)})`,
      };
    default:
      return { pkg: entry.pkg, result: 'failed', reason: 'not published' };
  }
}

function describeState(state: VersionState): string {
  if (state.kind === 'present') return `on the registry (shasum ${state.shasum.slice(0, 12)})`;
  if (state.kind === 'absent') return 'NOT on the registry';
  return `registry unreachable (${state.reason})`;
}

export function step(log: ReleaseLog, title: string): void {
  log.out('');
  log.out(`» ${title}`);
}
