import path from 'node:path';
import {
  listReleaseTags,
  loadPrompt,
  loadPromptFromSources,
  parseVersion,
  optionalPromptFiles,
  promptFiles,
  readPromptAtRef,
  resolveRef,
  type DiffEndpointInput,
  type LoadedPrompt,
  type OptionalPromptFilePart,
  type PromptFilePart,
} from '@promptpack/core';
import { fetchPublishedPackage, type RegistryMiss, type RegistryTarget } from '@promptpack/release';
import { PromptpackError, safeParseManifestText, type Diagnostic } from '@promptpack/spec';
import { asPromptpackError } from './registry-target.js';

export interface Side {
  prompt: LoadedPrompt;
  endpoint: DiffEndpointInput;
}

export interface SideContext {
  repoRoot: string;
  /** Absolute path of the prompt folder in the working tree. */
  dir: string;
  /** The prompt's package name (from the working tree). */
  packageName: string;
  /** The registry (and its credentials) to read published versions from; undefined: none configured, use release tags. */
  registry: RegistryTarget | undefined;
}

export const workingTree = 'working tree';

type Sources = Partial<Record<PromptFilePart | OptionalPromptFilePart, string>>;

/**
 * One side of a diff, as the user named it: a version (`1.4.0`, read from
 * the registry, else its release tag), a git ref, or the working tree.
 */
export async function resolveSide(context: SideContext, spec: string): Promise<Side> {
  if (spec === workingTree || spec === 'WORKTREE') return fromWorkingTree(context);
  if (parseVersion(spec)) return fromVersion(context, spec.replace(/^v/, ''));
  const commit = resolveRef(context.repoRoot, spec);
  return fromGit(context, spec, commit, { requested: spec, kind: 'ref', source: `git ref ${spec} (commit ${commit.slice(0, 12)})`, commit });
}

function fromWorkingTree(context: SideContext): Side {
  const loaded = loadPrompt(context.dir);
  if (!loaded.success) throw invalid(`${relative(context)} in the working tree`, loaded.diagnostics);
  return { prompt: loaded.prompt, endpoint: { requested: workingTree, kind: 'working-tree', source: `working tree ${relative(context)} (uncommitted edits included)` } };
}

async function fromVersion(context: SideContext, version: string): Promise<Side> {
  const tag = `${context.packageName}@${version}`;
  const tagged = listReleaseTags(context.repoRoot, context.packageName).some((release) => release.version === version);
  if (!context.registry) {
    if (!tagged) throw unknownVersion(context, version, undefined);
    return fromTag(context, version, tag, ['no registry is configured (--registry <url>, or an @scope:registry line in .npmrc), so this version was read from its git release tag.']);
  }
  const published = await fetchPublishedPackage(context.registry, context.packageName, version).catch((error: unknown) => {
    throw asPromptpackError(error);
  });
  if ('kind' in published) {
    if (!tagged) throw unknownVersion(context, version, published);
    return fromTag(context, version, tag, [`${missed(published, context.packageName, version)}; read from the git release tag ${tag} instead.`]);
  }
  const sources: Sources = {};
  for (const [part, file] of Object.entries({ ...promptFiles, ...optionalPromptFiles }) as Array<[keyof Sources, string]>) {
    const text = published.files.get(file);
    if (text !== undefined) sources[part] = text;
  }
  const shared = Object.fromEntries([...published.files].flatMap(([file, text]) => (/^dist\/shared\/[^/]+\.md$/.test(file) ? [[path.posix.basename(file, '.md'), text]] : [])));
  const label = `${context.packageName}@${version}`;
  const prompt = load(context, sources, shared, label, `published package ${label}`);
  const manifest = publishedPolicy(published.files.get('dist/manifest.json'), label);
  const endpoint: DiffEndpointInput = { requested: version, kind: 'registry', source: `registry ${published.registry} (${label}, ${published.verified})` };
  if (manifest.policyHash) endpoint.publishedPolicyHash = manifest.policyHash;
  if (manifest.approval) endpoint.publishedApproval = manifest.approval;
  if (manifest.note) endpoint.notes = [manifest.note];
  return { prompt, endpoint };
}

function fromTag(context: SideContext, version: string, tag: string, notes: string[]): Side {
  const commit = resolveRef(context.repoRoot, tag);
  return fromGit(context, tag, commit, { requested: version, kind: 'tag', source: `git tag ${tag} (commit ${commit.slice(0, 12)})`, commit, notes });
}

function fromGit(context: SideContext, ref: string, commit: string, endpoint: DiffEndpointInput): Side {
  const found = readPromptAtRef({ repoRoot: context.repoRoot, ref: commit, promptDir: context.dir });
  if (!found) {
    throw new PromptpackError('prompt/not-found', `${relative(context)} did not exist at ${ref} (commit ${commit.slice(0, 12)}): there is nothing to compare with.`, {
      hint: 'Pass a later ref or version with --from, e.g. the commit that added the prompt (git log --diff-filter=A -- <folder>).',
    });
  }
  return { prompt: load(context, found.sources, found.shared, `${ref}:${relative(context)}`, `${relative(context)} at ${ref}`), endpoint };
}

function load(context: SideContext, sources: Sources, shared: Record<string, string>, displayDir: string, what: string): LoadedPrompt {
  const options = { dir: context.dir, folder: path.basename(context.dir), sources, displayDir, shared };
  const loaded = loadPromptFromSources(options);
  if (!loaded.success) throw invalid(what, loaded.diagnostics);
  return loaded.prompt;
}

function invalid(what: string, diagnostics: readonly Diagnostic[]): PromptpackError {
  return new PromptpackError('prompt/invalid', `The prompt as of ${what} does not load, so it cannot be compared:`, {
    diagnostics: diagnostics.filter((diagnostic) => diagnostic.severity === 'error'),
    hint: 'Compare other versions, or fix the prompt (promptpack validate) when it is the working tree.',
  });
}

function unknownVersion(context: SideContext, version: string, miss: RegistryMiss | undefined): PromptpackError {
  const tags = listReleaseTags(context.repoRoot, context.packageName).map((release) => release.version);
  const lines = [`${context.packageName} has no version ${version}.`];
  if (miss?.kind === 'no-version') lines.push(`Published on ${miss.registry}: ${list(miss.versions)}.`);
  else if (miss) lines.push(`${capitalise(missed(miss, context.packageName, version))}.`);
  lines.push(`Release tags in this repository: ${list(tags)}.`);
  const hint =
    miss?.kind === 'unreachable'
      ? `Start or reach the registry (pnpm registry:start for the local one), pass another with --registry <url>, or fetch the release tags (git fetch --tags) to read it from git.`
      : `Pass one of the versions above, a git ref (main, a commit), or fetch the release tags (git fetch --tags).`;
  return new PromptpackError('cli/usage', lines.join(' '), { hint });
}

function missed(miss: RegistryMiss, name: string, version: string): string {
  if (miss.kind === 'unreachable') return `the registry ${miss.registry} is unreachable (${miss.reason})`;
  if (miss.kind === 'no-package') return `the registry ${miss.registry} has no package ${name}`;
  return `the registry ${miss.registry} has no ${name}@${version}`;
}

/** The published policy hash and approval, read by @promptpack/spec's manifest reader; a manifest it rejects becomes a note instead. */
function publishedPolicy(text: string | undefined, label: string): { policyHash?: string; approval?: { by: string; at: string }; note?: string } {
  if (text === undefined) return { note: `${label} has no dist/manifest.json, so its published policy hash is not shown.` };
  const parsed = safeParseManifestText(text);
  if (!parsed.success) return { note: `${label}'s dist/manifest.json: ${parsed.error.summary} Its published policy hash is not shown.` };
  const { hash, approval } = parsed.data.policy;
  return { policyHash: hash, ...(approval ? { approval } : {}) };
}

function list(items: readonly string[]): string {
  return items.length === 0 ? 'none' : items.join(', ');
}

function capitalise(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

function relative(context: SideContext): string {
  return path.relative(context.repoRoot, context.dir).split(path.sep).join('/');
}
