// pnpm release [--registry <url>] [--push] [--dry-run] [--no-build-tools] [--allow-dirty] [--cwd <repo>] [--skip-evals <reason>]
//
// Build, check, publish what is unpublished, tag what the registry confirms.
// Safe to re-run after any failure: a version on the registry is never
// published again, and a tag is only created for a confirmed version.
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { changesetPublish } from './changeset-publish.js';
import { decideEvalGate, type EvalGateDecision, formatEvalGate, formatOverrideWarning, isOverrideReason, tagAnnotation } from './eval-gate.js';
import { createOverride, readBuiltIdentity, readEvalRecord } from './eval-records.js';
import { createTag, isGitRepo, pushFollowTags, remotes, tagExists } from './git.js';
import { formatPlan, formatSummary, type Identity, type Outcome, type PlanEntry, planRelease, publishedOrFailed, type TagResult } from './plan.js';
import { findPromptPackages, type PromptPackage, scopeOf, tagName } from './prompt-packages.js';
import { ReleaseConfigError, resolveRegistryAccess } from './registry-access.js';
import { localContentHash, localShasum, queryVersion, remoteContentHash, type VersionState } from './registry-state.js';
import { mapLimit, run } from './run.js';

const toolsRoot = path.resolve(import.meta.dirname, '../..');
const usage = `usage: pnpm release [--registry <url>] [--push] [--dry-run] [--no-build-tools] [--cwd <repo>]
  --registry <url>   publish there (also PROMPTPACK_REGISTRY); default: the scope registry from .npmrc
  --push             git push --follow-tags afterwards, when the repository has a remote
  --dry-run          build, check and print the plan; publish nothing
  --no-build-tools   use the already built promptpack tooling (demo, tests)
  --allow-dirty      release although prompts/ or .changeset/ have uncommitted changes
  --cwd <repo>       release another checkout with this checkout's tooling (demo, tests)
  --skip-evals <why> publish prompts without a passing eval record (eval-result.json); loud, and
                     recorded with who and when in each release tag's annotation`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      registry: { type: 'string' },
      push: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'no-build-tools': { type: 'boolean', default: false },
      'allow-dirty': { type: 'boolean', default: false },
      cwd: { type: 'string' },
      'skip-evals': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const root = path.resolve(values.cwd ?? toolsRoot);
  const skipEvals = values['skip-evals']?.trim();
  if (skipEvals !== undefined && !isOverrideReason(skipEvals)) {
    throw new StepFailed('--skip-evals needs a reason a reviewer can act on, e.g. --skip-evals "hotfix: model endpoint down, evals re-run after". Nothing was published');
  }
  const promptpack = path.join(toolsRoot, 'packages/cli/bin/promptpack.js');
  const changesetBin = path.join(path.dirname(createRequire(path.join(toolsRoot, 'package.json')).resolve('@changesets/cli/package.json')), 'bin.js');

  // Tags name the current commit, so what is published must be committed.
  if (!values['allow-dirty'] && (await isGitRepo(root))) {
    const dirty = await run('git', ['status', '--porcelain', '--', 'prompts', '.changeset'], { cwd: root });
    if (dirty.stdout.trim() !== '') {
      throw new StepFailed(
        `prompts/ or .changeset/ have uncommitted changes, and release tags name the current commit:\n${dirty.stdout.trimEnd()}\n  hint: commit them first (or pass --allow-dirty). Nothing was published`,
      );
    }
  }
  if (!values['no-build-tools']) {
    step('building the promptpack tooling (@promptpack/cli and its dependencies)');
    await mustRun('pnpm', ['--filter', '@promptpack/cli...', 'run', 'build'], toolsRoot, 'the tooling build failed', { quiet: true });
    console.log('  done');
  }
  step('promptpack build');
  await mustRun(process.execPath, [promptpack, 'build'], root, 'the prompt build failed; fix the errors above');
  step('promptpack validate');
  await mustRun(process.execPath, [promptpack, 'validate'], root, 'validation failed; fix the errors above');
  step('promptpack check --published');
  // TODO(release): remove the fallback once `promptpack check` has landed everywhere.
  const help = await run(process.execPath, [promptpack, 'help'], { cwd: root });
  if (/^\s+check\b/m.test(help.stdout)) {
    await mustRun(process.execPath, [promptpack, 'check', '--published'], root, 'a prompt version does not cover its changes; see above');
  } else {
    console.log('  SKIPPED: this promptpack has no `check` command yet (semver-impact gate not enforced).');
  }

  const packages = findPromptPackages(root);
  if (packages.length === 0) {
    console.log('No publishable prompt packages under prompts/.');
    return 0;
  }
  const scopes = [...new Set(packages.map((pkg) => scopeOf(pkg.name)).filter((scope): scope is string => scope !== undefined))];
  const access = await resolveRegistryAccess(root, scopes, values.registry ?? (process.env.PROMPTPACK_REGISTRY || undefined));
  try {
    step(`release plan against ${access.source}`);
    const states = await queryAll(packages, access.env, root);
    const identities = new Map<string, Identity>();
    await mapLimit(packages, 4, async (pkg) => {
      const state = states.get(pkg.name);
      if (state?.kind !== 'present') return;
      const identity: Identity = { localShasum: await localShasum(pkg.dir, access.env) };
      if (identity.localShasum !== state.shasum) {
        identity.localContentHash = localContentHash(pkg.dir);
        identity.remoteContentHash = await remoteContentHash(pkg.name, pkg.version, access.env, root);
      }
      identities.set(pkg.name, identity);
    });
    const plan = planRelease(packages, states, identities);
    console.log(formatPlan(plan));
    const unreachable = plan.filter((entry) => entry.action === 'unreachable');
    if (unreachable.length > 0) {
      console.error(`\nerror: cannot read the registry, so nothing was published.\n  hint: is it running? (local: pnpm registry:start) Then re-run pnpm release.`);
      return 1;
    }

    step('eval gate (eval-result.json of each prompt to publish)');
    const override = skipEvals === undefined ? undefined : await createOverride(skipEvals, root);
    const evalGate = new Map<string, EvalGateDecision>(packages.map((pkg) => [pkg.name, decideEvalGate(pkg, readEvalRecord(pkg.dir), readBuiltIdentity(pkg.dir), override)]));
    const gated = plan.filter((entry) => entry.action === 'publish').map((entry) => evalGate.get(entry.pkg.name) as EvalGateDecision);
    console.log(gated.length > 0 ? formatEvalGate(gated) : '  nothing to publish');
    const warning = formatOverrideWarning(gated);
    if (warning) console.error(`\n${warning}`);
    if (values['dry-run']) {
      console.log('\n--dry-run: nothing published, nothing tagged.');
      return gated.some((decision) => decision.verdict === 'refused') ? 1 : 0;
    }

    const refused = new Set(gated.filter((decision) => decision.verdict === 'refused').map((decision) => decision.pkg.name));
    const toPublish = plan.filter((entry) => entry.action === 'publish' && !refused.has(entry.pkg.name)).map((entry) => entry.pkg);
    const outcomes = new Map<string, Outcome>();
    for (const decision of gated) {
      if (decision.verdict === 'refused') outcomes.set(decision.pkg.name, { pkg: decision.pkg, result: 'failed', reason: `eval gate: ${decision.problem}` });
    }
    if (toPublish.length > 0) {
      step(`changeset publish (${toPublish.length} package${toPublish.length === 1 ? '' : 's'})`);
      const shasums = new Map<string, string>();
      await mapLimit(toPublish, 4, async (pkg) => shasums.set(pkg.name, await localShasum(pkg.dir, access.env)));
      const report = await changesetPublish({ root, packages: toPublish, changesetBin, env: access.env });
      step('verifying on the registry');
      const after = await queryAll(toPublish, access.env, root);
      for (const pkg of toPublish) {
        const state = after.get(pkg.name) ?? { kind: 'unreachable', reason: 'not queried' };
        const fate = publishedOrFailed(pkg, state, shasums.get(pkg.name), report);
        console.log(`  ${tagName(pkg)}: ${describeState(state)}`);
        outcomes.set(pkg.name, fate.result === 'published' ? { pkg, result: 'published', confirmedBy: fate.confirmedBy, tag: 'skipped' } : { pkg, result: 'failed', reason: fate.reason });
      }
    }
    for (const entry of plan) outcomes.set(entry.pkg.name, outcomes.get(entry.pkg.name) ?? outcomeOfPlanned(entry));

    step('tagging confirmed versions');
    const tagging = await isGitRepo(root);
    for (const [name, outcome] of outcomes) {
      if (outcome.result === 'failed') continue;
      const tag = tagName(outcome.pkg);
      let result: TagResult = 'skipped';
      if (!tagging) result = 'skipped';
      else if (await tagExists(root, tag)) result = 'existed';
      else {
        await createTag(root, tag, tagAnnotation(outcome.pkg, evalGate.get(name)));
        result = 'created';
        console.log(`  tag ${tag}`);
      }
      outcomes.set(name, { ...outcome, tag: result });
    }
    if (!tagging) console.log('  not a git repository: no tags created');

    let pushed = 'not requested (pass --push)';
    if (values.push) {
      const names = await remotes(root);
      if (names.length === 0) pushed = 'skipped: the repository has no remote';
      else {
        step('git push --follow-tags');
        const push = await pushFollowTags(root);
        pushed = push.ok ? 'done' : `FAILED (${push.message}); push the tags by hand: git push --follow-tags`;
      }
    }

    step('summary');
    const ordered = packages.map((pkg) => outcomes.get(pkg.name)).filter((o): o is Outcome => o !== undefined);
    const summary = formatSummary(ordered, { pushed });
    console.log(summary.text);
    const published = new Set(ordered.filter((o) => o.result === 'published').map((o) => o.pkg.name));
    const overrideNote = formatOverrideWarning(gated.filter((decision) => published.has(decision.pkg.name)));
    if (overrideNote) console.error(`\n${overrideNote}`);
    return summary.ok && !pushed.startsWith('FAILED') ? 0 : 1;
  } finally {
    access.cleanup();
  }
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

async function queryAll(packages: readonly PromptPackage[], env: NodeJS.ProcessEnv, cwd: string): Promise<Map<string, VersionState>> {
  const states = await mapLimit(packages, 8, (pkg) => queryVersion(pkg.name, pkg.version, env, cwd));
  return new Map(packages.map((pkg, index) => [pkg.name, states[index] as VersionState]));
}

function describeState(state: VersionState): string {
  if (state.kind === 'present') return `on the registry (shasum ${state.shasum.slice(0, 12)})`;
  if (state.kind === 'absent') return 'NOT on the registry';
  return `registry unreachable (${state.reason})`;
}

function step(title: string): void {
  console.log(`\n» ${title}`);
}

class StepFailed extends Error {}

async function mustRun(command: string, args: readonly string[], cwd: string, failure: string, options: { quiet?: boolean } = {}): Promise<void> {
  const result = await run(command, args, options.quiet ? { cwd } : { cwd, echo: '  ' });
  if (result.code !== 0) {
    if (options.quiet) console.error(`${result.stdout}${result.stderr}`);
    throw new StepFailed(`${failure}. Nothing was published.`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof StepFailed || error instanceof ReleaseConfigError) console.error(`\nerror: ${error.message}`);
    else console.error(error);
    process.exit(1);
  },
);
