// A whole release, as `promptpack release` runs it: the preflight steps
// (build, validate, check --published: passed in by the CLI, which owns those
// commands), the plan against the registry and the eval gate, then (unless
// dry-run) its application. Works from any folder of an npm, pnpm or yarn
// workspace: packages are found the way changesets finds them.
import path from 'node:path';
import { applyReleasePlan, publishable, step } from './apply-release-plan.js';
import { assembleReleasePlan } from './assemble-release-plan.js';
import { formatEvalGate, formatOverrideWarning, isOverrideReason } from './eval-gate.js';
import { createOverride } from './eval-records.js';
import { formatPlan, formatSummary, planJson, type ReleasePlanJson } from './format-release.js';
import { isGitRepo, uncommitted } from './git.js';
import type { Outcome } from './plan.js';
import { findPromptWorkspace, type PromptPackage } from './prompt-packages.js';
import { resolveRegistryAccess } from './registry-access.js';
import { ReleaseError } from './release-error.js';
import type { ReleaseLog } from './release-log.js';

/** A step that must succeed before anything is planned; returns an exit code (0: go on). */
export interface PreflightStep {
  /** Printed as the step's heading, e.g. `promptpack build`. */
  title: string;
  /** Said when it fails, e.g. `the prompt build failed; fix the errors above`. */
  failure: string;
  run(): Promise<number>;
}

export interface ReleaseOptions {
  /** Any folder inside the prompts repository. */
  cwd: string;
  /** Publish there instead of the registry the npm config names for each package. */
  registry?: string;
  /** Publish prompts without a passing eval record, for this reason (loud; recorded in each tag). */
  skipEvals?: { reason: string };
  /** Build, check and plan; publish and tag nothing. */
  dryRun?: boolean;
  /** `git push --follow-tags` afterwards, when the repository has a remote. */
  push?: boolean;
  /** Release although the prompt folders or .changeset/ have uncommitted changes. */
  allowDirty?: boolean;
  /** The steps before planning, for the packages to release (the CLI: build, validate, check --published). */
  preflight?: (packages: readonly PromptPackage[]) => readonly PreflightStep[];
  env?: NodeJS.ProcessEnv;
  log: ReleaseLog;
}

export interface ReleaseResult {
  /** 0: everything planned is published and tagged (or, dry-run, would be); 1: otherwise. */
  exitCode: 0 | 1;
  plan?: ReleasePlanJson;
  outcomes?: Outcome[];
}

/** Throws ReleaseError when the release cannot start (usage, dirty tree, a failed preflight step, registry config). */
export async function runRelease(options: ReleaseOptions): Promise<ReleaseResult> {
  const { log } = options;
  const reason = options.skipEvals?.reason.trim();
  if (reason !== undefined && !isOverrideReason(reason)) {
    throw new ReleaseError('release/usage', '--skip-evals needs a --reason a reviewer can act on. Nothing was published.', {
      hint: 'e.g. promptpack release --skip-evals --reason "hotfix: model endpoint down, evals re-run after"',
    });
  }
  const workspace = await findPromptWorkspace(options.cwd);
  const { root, packages } = workspace;
  // Tags name the current commit, so what is published must be committed.
  if (!options.allowDirty && (await isGitRepo(root))) {
    const dirty = await uncommitted(root, [...promptFolders(packages), '.changeset']);
    if (dirty !== '') {
      throw new ReleaseError('release/dirty', `The prompt packages or .changeset/ have uncommitted changes, and release tags name the current commit:\n${dirty}\nNothing was published.`, {
        hint: 'commit them first (or pass --allow-dirty).',
      });
    }
  }
  if (packages.length === 0) {
    log.out(`No publishable prompt packages in ${root} (a workspace package with a prompt.yaml that is not private).`);
    return { exitCode: 0, plan: planJson([], new Map(), 'none: nothing to publish') };
  }
  for (const preflight of options.preflight?.(packages) ?? []) {
    step(log, preflight.title);
    if ((await preflight.run()) !== 0) throw new ReleaseError('release/step-failed', `${preflight.failure}. Nothing was published.`);
  }
  const access = await resolveRegistryAccess(root, packages.map((pkg) => pkg.name), options.registry, options.env);
  try {
    step(log, `release plan against ${access.source}`);
    const override = reason === undefined ? undefined : await createOverride(reason, root);
    const plan = await assembleReleasePlan(packages, access, override);
    const json = planJson(plan.entries, plan.gate, access.source);
    log.out(formatPlan(plan.entries));
    if (plan.entries.some((entry) => entry.action === 'unreachable')) {
      log.err('');
      log.err('error: cannot read the registry, so nothing was published.');
      log.err('  hint: is it running and reachable from here? Then re-run promptpack release.');
      return { exitCode: 1, plan: json };
    }

    step(log, 'eval gate (eval-result.json of each prompt to publish)');
    const gated = publishable(plan);
    log.out(gated.length > 0 ? formatEvalGate(gated) : '  nothing to publish');
    const warning = formatOverrideWarning(gated);
    if (warning) {
      log.err('');
      log.err(warning);
    }
    if (options.dryRun) {
      log.out('');
      log.out('--dry-run: nothing published, nothing tagged.');
      return { exitCode: gated.some((decision) => decision.verdict === 'refused') ? 1 : 0, plan: json };
    }

    const applied = await applyReleasePlan(plan, { root, packages, access, push: options.push ?? false, log });
    step(log, 'summary');
    const summary = formatSummary(applied.outcomes, { pushed: applied.pushed });
    log.out(summary.text);
    const published = new Set(applied.outcomes.filter((o) => o.result === 'published').map((o) => o.pkg.name));
    const overrideNote = formatOverrideWarning(gated.filter((decision) => published.has(decision.pkg.name)));
    if (overrideNote) {
      log.err('');
      log.err(overrideNote);
    }
    return { exitCode: summary.ok && !applied.pushed.startsWith('FAILED') ? 0 : 1, plan: json, outcomes: applied.outcomes };
  } finally {
    access.cleanup();
  }
}

/** The folders holding the prompts (`prompts/`, with its `_shared/` sections), not only the packages themselves. */
function promptFolders(packages: readonly PromptPackage[]): string[] {
  return [...new Set(packages.map((pkg) => path.posix.dirname(pkg.relativeDir)))];
}
