import { realpathSync } from 'node:fs';
import path from 'node:path';
import { bumpCovers, compareText, comparePrompts, defaultBase, effectivePolicy, findApprovedPolicy, findRepoRoot, listPromptFoldersAtRef, listReleaseTags, loadPrompt, loadPromptFromSources, maxBump, policyHash, readPackageIdentity, readPromptAtRef, releaseBase, resolveRef, unifiedDiff, versionBump, type BaseRef, type LoadedPrompt, type LoadPromptResult } from '@promptpack/core';
import type { Bump } from '@promptpack/spec';
import { parsePackageIdentity, PromptpackError, type PackageIdentity } from '@promptpack/spec';
import { findChangesetRoot, readDeclaredReleases, type DeclaredRelease } from '../changesets.js';
import { printJson, printText } from '../check-report.js';
import type { CheckBase, CheckReport, PolicyCheck, PromptCheck } from '@promptpack/spec';
import { findPromptDirs, findPromptsRoot } from '../find-prompts.js';
import { printDiagnostics, type Io } from '../output.js';

export interface CheckOptions {
  /** Git ref to compare with; default: the merge base of HEAD with main. */
  base?: string;
  /** Compare each prompt with its last release tag and check the version already written covers the change. */
  published?: boolean;
  json?: boolean;
}

interface Context {
  repoRoot: string;
  declared: Map<string, DeclaredRelease>;
}

/**
 * `promptpack check`: computes the bump each prompt's changes require and
 * fails when what is declared for its package covers less. Declared means
 * the pending changesets plus any version already written to package.json
 * since the base (a version PR); with `--published`, the version written
 * since the last release tag, which is what is about to be published.
 * In both modes it also fails a prompt whose effective policy is not the one
 * its policy.lock approves (or that has no lock), showing what changed since
 * the approved version.
 */
export async function checkCommand(args: readonly string[], options: CheckOptions, io: Io): Promise<number> {
  if (options.base !== undefined && options.published) {
    throw new PromptpackError('cli/usage', '--base and --published cannot be used together.', {
      hint: 'Use --base <ref> to compare with a branch or commit (pull requests), or --published to compare with the last release tags (before publishing).',
    });
  }
  const cwd = process.cwd();
  const repoRoot = findRepoRoot(cwd);
  // git reports the work tree with symlinks resolved; resolve ours too so relative paths line up.
  const dirs = findPromptDirs(args, cwd).map((dir) => realpathSync(dir));
  const base: BaseRef | undefined = options.published ? undefined : options.base !== undefined ? { ref: options.base, commit: resolveRef(repoRoot, options.base) } : defaultBase(repoRoot);

  let declared: Map<string, DeclaredRelease>;
  try {
    // Once `changeset version` ran, the changesets are gone and the version says it all.
    declared = options.published ? new Map() : await readDeclaredReleases(findChangesetRoot(cwd, repoRoot));
  } catch (error) {
    io.err(`error: cannot read the pending changesets in .changeset/: ${(error as Error).message}`);
    io.err('  hint: fix or delete the changeset file shown above; `pnpm changeset` writes a valid one.');
    return 1;
  }

  const context: Context = { repoRoot, declared };
  const prompts = dirs.map((dir): PromptCheck => {
    const current = loadPrompt(dir);
    const check = base ? checkAgainstRef(context, dir, base, current) : checkAgainstRelease(context, dir, current);
    return current.success ? withPolicy(check, checkPolicy(context, current.prompt)) : { ...check, policy: null };
  });
  // Prompts deleted since the base are reported too, but only when every prompt is checked.
  if (base && args.length === 0) prompts.push(...removedSince(context, base, dirs, cwd));
  prompts.sort((a, b) => a.id.localeCompare(b.id));

  const checkBase: CheckBase = base ? { kind: 'ref', ...base } : { kind: 'published' };
  const report: CheckReport = { specificationVersion: 1, base: checkBase, ok: prompts.every((prompt) => prompt.ok), prompts };
  for (const prompt of prompts) printDiagnostics(io, prompt.diagnostics);
  if (options.json) printJson(io, report);
  else printText(io, report);
  return report.ok ? 0 : 1;
}

type SemverCheck = Omit<PromptCheck, 'policy'>;

function checkAgainstRef(context: Context, dir: string, base: BaseRef, current: LoadPromptResult): SemverCheck {
  if (!current.success) return invalid(context, dir, current.diagnostics, base, 'the prompt has errors (listed above); fix them to compute its bump.');
  const prompt = current.prompt;
  const declaration = context.declared.get(prompt.packageJson.name);
  const declaredBy = declaration ? declaration.changesets.map((id) => `.changeset/${id}.md`) : [];
  const loaded = loadAtRef(context, dir, base);
  if (loaded === undefined) {
    return { ...describe(prompt), status: 'new', base, required: 'none', declared: declaration?.bump ?? 'none', declaredBy, ok: true, changes: [], diagnostics: [], message: null, hint: null };
  }
  if (!loaded.success) return invalid(context, dir, loaded.diagnostics, base, `the prompt as it was at ${base.ref} does not load (errors above), so there is nothing to compare with.`, 'Pass another base with --base <ref>.');

  const impact = comparePrompts(loaded.prompt, prompt);
  const moved = versionBump(loaded.prompt.packageJson.version, prompt.packageJson.version);
  if (moved !== 'none') declaredBy.push(`package.json ${loaded.prompt.packageJson.version} → ${prompt.packageJson.version}`);
  const declared = maxBump(declaration?.bump ?? 'none', moved);
  const ok = bumpCovers(declared, impact.bump);
  const name = prompt.packageJson.name;
  return {
    ...describe(prompt),
    status: impact.bump === 'none' ? 'unchanged' : 'changed',
    base,
    required: impact.bump,
    declared,
    declaredBy,
    ok,
    changes: impact.changes,
    diagnostics: [],
    message: ok
      ? null
      : `changed since ${base.ref} in ways that need a ${impact.bump} release of ${name}; ${declared === 'none' ? 'no pending changeset names it' : `only ${declared} is declared (${declaredBy.join(', ')})`}.`,
    hint: ok ? null : `run \`pnpm changeset\` and choose ${impact.bump} for ${name}${declared === 'none' ? '' : ` (or raise it in ${declaredBy.join(', ')})`}.`,
  };
}

function checkAgainstRelease(context: Context, dir: string, current: LoadPromptResult): SemverCheck {
  if (!current.success) return invalid(context, dir, current.diagnostics, null, 'the prompt has errors (listed above); it cannot be released.');
  const prompt = current.prompt;
  const { name, version } = prompt.packageJson;
  const tag = releaseBase(listReleaseTags(context.repoRoot, name), version);
  if (!tag) {
    return { ...describe(prompt), status: 'new', base: null, required: 'none', declared: 'none', declaredBy: [], ok: true, changes: [], diagnostics: [], message: null, hint: null };
  }
  const base = { ref: tag.tag, commit: resolveRef(context.repoRoot, tag.tag), version: tag.version };
  const loaded = loadAtRef(context, dir, base);
  if (loaded === undefined) {
    return { ...describe(prompt), status: 'new', base, required: 'none', declared: 'none', declaredBy: [], ok: true, changes: [], diagnostics: [], message: `${tag.tag} has no ${relative(context, dir)} folder; checked as a new prompt.`, hint: null };
  }
  if (!loaded.success) return invalid(context, dir, loaded.diagnostics, base, `the prompt as released in ${tag.tag} does not load (errors above), so there is nothing to compare with.`);

  const impact = comparePrompts(loaded.prompt, prompt);
  const declared = versionBump(tag.version, version);
  const ok = bumpCovers(declared, impact.bump);
  const already = tag.version === version;
  return {
    ...describe(prompt),
    status: impact.bump === 'none' ? 'unchanged' : 'changed',
    base,
    required: impact.bump,
    declared,
    declaredBy: declared === 'none' ? [] : [`version ${tag.version} → ${version}`],
    ok,
    changes: impact.changes,
    diagnostics: [],
    message: ok
      ? null
      : already
        ? `changed since its release ${tag.tag}, but package.json still says ${version}: the changes need a ${impact.bump} release and would not be published.`
        : `changed since ${tag.tag} in ways that need a ${impact.bump} release, but ${tag.version} → ${version} is a ${declared} bump.`,
    hint: ok ? null : `run \`pnpm changeset\` and choose ${impact.bump} for ${name}, then \`pnpm changeset version\` before releasing.`,
  };
}

function loadAtRef(context: Context, dir: string, base: { ref: string; commit: string }) {
  const snapshot = readPromptAtRef({ repoRoot: context.repoRoot, ref: base.commit, promptDir: dir });
  if (!snapshot) return undefined;
  return loadPromptFromSources({ dir, folder: path.basename(dir), sources: snapshot.sources, shared: snapshot.shared, displayDir: `${base.ref}:${relative(context, dir)}` });
}

function removedSince(context: Context, base: BaseRef, dirs: readonly string[], cwd: string): PromptCheck[] {
  const found = findPromptsRoot(cwd);
  if (!found) return [];
  const promptsRoot = realpathSync(found);
  const present = new Set(dirs.map((dir) => relative(context, dir)));
  return listPromptFoldersAtRef({ repoRoot: context.repoRoot, ref: base.commit, promptsDir: promptsRoot })
    .filter((folder) => !present.has(folder))
    .map((folder) => {
      const snapshot = readPromptAtRef({ repoRoot: context.repoRoot, ref: base.commit, promptDir: folder });
      const text = snapshot?.sources.packageJson;
      const packageJson = orNull(text === undefined ? undefined : parsePackageIdentity(text, `${base.ref}:${folder}/package.json`).identity);
      return {
        id: path.posix.basename(folder),
        package: packageJson.name,
        version: packageJson.version,
        status: 'removed' as const,
        base,
        required: 'none' as Bump,
        declared: 'none' as Bump,
        declaredBy: [],
        ok: true,
        changes: [],
        diagnostics: [],
        policy: null,
        message: `${folder} was deleted since ${base.ref}; its published versions stay installable.`,
        hint: packageJson.name ? `to steer users away, run \`npm deprecate ${packageJson.name} "<why>"\` after the merge.` : null,
      };
    });
}

function withPolicy(check: SemverCheck, policy: PolicyCheck): PromptCheck {
  return { ...check, ok: check.ok && policy.ok, policy };
}

/**
 * Whether legal approved the policy the model would get: policy.lock must
 * hold the sha256 of the effective policy. When it does not, the approved
 * text is looked up in git (first where policy.lock last changed) so the
 * failure can show exactly what changed since the approval.
 */
function checkPolicy(context: Context, prompt: LoadedPrompt): PolicyCheck {
  const id = prompt.spec.id;
  const hash = policyHash(prompt);
  const lock = prompt.policyLock ?? null;
  const sections = prompt.shared.map((section) => section.name);
  const approve = `have legal review it and run \`promptpack policy approve ${id} --by <name>\`, then commit ${relative(context, prompt.dir)}/policy.lock`;
  const base = { hash, sections, lock, approvedVersion: null, diff: null, whitespaceOnly: null };
  if (lock?.sha256 === hash) return { ...base, status: 'approved', ok: true, message: null, hint: null };
  if (!lock) {
    return {
      ...base,
      status: 'missing',
      ok: false,
      message: `has no policy.lock: its policy (${short(hash)}) was never approved.`,
      hint: `${approve} (\`promptpack policy show ${id}\` prints the policy as the model sees it).`,
    };
  }
  const approval = `${lock.approvedBy} approved it on ${lock.approvedAt}`;
  const search = findApprovedPolicy({ repoRoot: context.repoRoot, promptDir: prompt.dir, sha256: lock.sha256 });
  if (!search.found) {
    const where = search.searched === 0 ? 'no commit of this repository has a policy for it' : `none of the ${search.searched} commits that changed it has`;
    return {
      ...base,
      status: 'unknown-hash',
      ok: false,
      message:
        `policy.lock says ${approval}, but its sha256 (${short(lock.sha256)}) matches no version of this policy: not the working tree (${short(hash)}), and ${where} that text. ` +
        (search.shallow
          ? 'This is a shallow clone, so the approved version may not be fetched; otherwise the lock was edited by hand or copied from another prompt.'
          : 'The lock was edited by hand or copied from another prompt, so the approved text cannot be shown.'),
      hint: `${approve}; never edit policy.lock by hand${search.shallow ? ' (or fetch the full history: git fetch --unshallow)' : ''}.`,
    };
  }
  const current = effectivePolicy(prompt);
  const { version } = search;
  const change = compareText(version.policy, current);
  const from = `approved ${relative(context, prompt.dir)} policy (commit ${version.commit.slice(0, 12)}${version.lastLockChange ? ', where policy.lock last changed' : ''}; ${approval})`;
  return {
    ...base,
    status: 'changed',
    ok: false,
    approvedVersion: { commit: version.commit, lastLockChange: version.lastLockChange },
    diff: unifiedDiff(version.policy, current, { from, to: `working tree ${relative(context, prompt.dir)} policy (${short(hash)})` }),
    whitespaceOnly: change?.whitespaceOnly ?? false,
    message: `the policy changed since ${approval} (policy.lock)${change?.whitespaceOnly ? ', in whitespace only' : ''}; the model would be told something legal has not approved. The changes since the approved version:`,
    hint: `${approve}.`,
  };
}

function short(hash: string): string {
  return `${hash.slice(0, 'sha256:'.length + 12)}…`;
}

function describe(prompt: LoadedPrompt) {
  return { id: prompt.spec.id, package: prompt.packageJson.name, version: prompt.packageJson.version };
}

function invalid(context: Context, dir: string, diagnostics: PromptCheck['diagnostics'], base: PromptCheck['base'], message: string, hint?: string): SemverCheck {
  const packageJson = readCurrentPackageJson(dir);
  const declaration = packageJson.name ? context.declared.get(packageJson.name) : undefined;
  return {
    id: path.basename(dir),
    package: packageJson.name,
    version: packageJson.version,
    status: 'invalid',
    base,
    required: null,
    declared: declaration?.bump ?? 'none',
    declaredBy: declaration ? declaration.changesets.map((id) => `.changeset/${id}.md`) : [],
    ok: false,
    changes: [],
    diagnostics,
    message,
    hint: hint ?? `run \`promptpack validate ${path.relative(process.cwd(), dir) || '.'}\` for the full report.`,
  };
}

function readCurrentPackageJson(dir: string) {
  return orNull(readPackageIdentity(path.join(dir, 'package.json')).identity);
}

/** The report says null for a name or version it could not read; validate reports why. */
function orNull(identity: PackageIdentity | undefined): { name: string | null; version: string | null } {
  return { name: identity?.name ?? null, version: identity?.version ?? null };
}

function relative(context: Context, dir: string): string {
  return path.relative(context.repoRoot, dir).split(path.sep).join('/');
}
