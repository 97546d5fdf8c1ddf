import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPrompt, compilePrompt } from '@promptpack/build';
import { findRepoRoot, listReleaseTags, loadPromptFromSources, readPackageIdentity, readPromptAtRef } from '@promptpack/core';
import { PromptpackError, type Diagnostic, type ManifestIdentity, type PromptManifest } from '@promptpack/spec';

/** What the eval runner needs from a built prompt package (its dist/index.js). */
export interface BuiltPrompt {
  /** The imported module: render, safeParseOutput, outputJsonSchema, manifest, evals. */
  module: Record<string, unknown> & {
    manifest: BuiltManifest;
    evals: { cases: Array<{ id: string }>; thresholds?: { hardPassRate: number; passRate: number; maxDropPoints: number } };
  };
  manifest: BuiltManifest;
  /** `working tree` or the release tag it was built from. */
  source: string;
  /** Diagnostics (warnings) from loading the sources. */
  diagnostics: Diagnostic[];
  cleanup(): void;
}

/** The parts of `dist/manifest.json` (@promptpack/spec's `PromptManifest`) an eval run reads. */
export type BuiltManifest = ManifestIdentity & { hashes: Pick<PromptManifest['hashes'], 'evals'> };

/**
 * The working tree's prompt, built first: the build writes only what
 * changed, so a fresh dist costs a millisecond and a stale one is never
 * evaluated by mistake.
 */
export async function loadWorkingTreePrompt(dir: string): Promise<BuiltPrompt> {
  const built = buildPrompt(dir);
  if (!built.success) {
    throw new PromptpackError('prompt/invalid', `${path.basename(dir)} has errors, so it cannot be built and evaluated:`, {
      diagnostics: built.diagnostics,
      hint: `fix them (promptpack validate ${path.relative(process.cwd(), dir) || '.'}) and run the eval again.`,
    });
  }
  const module = await importDist(dir);
  return { module, manifest: module.manifest, source: 'working tree', diagnostics: built.diagnostics, cleanup: () => {} };
}

/**
 * A released version, rebuilt from its release tag (`<name>@<version>`):
 * the prompt's sources at the tag, compiled by this promptpack into a
 * temporary folder that borrows the prompt's installed dependencies
 * (zod). The registry is not needed; the contentHash shows it is
 * the same prompt as the published one.
 */
export async function loadReleasedPrompt(dir: string, version: string): Promise<BuiltPrompt> {
  const repoRoot = findRepoRoot(dir);
  const packageJson = path.join(dir, 'package.json');
  const read = readPackageIdentity(packageJson);
  const name = read.identity?.name;
  if (name === undefined) {
    throw new PromptpackError('prompt/invalid', `${packageJson} has no package name, so the release tags of version ${version} cannot be found.`, { ...(read.diagnostic ? { diagnostics: [read.diagnostic] } : {}), hint: 'Run promptpack validate on the folder.' });
  }
  const tags = listReleaseTags(repoRoot, name);
  const tag = tags.find((candidate) => candidate.version === version);
  if (!tag) {
    const known = tags.map((candidate) => candidate.version);
    throw new PromptpackError('cli/usage', `${name} has no release tag ${name}@${version}, so version ${version} cannot be evaluated.`, {
      hint: known.length > 0 ? `released versions: ${known.join(', ')}. Fetch tags (git fetch --tags) if one is missing.` : 'no version is tagged yet; evaluate the working tree (no --version) instead.',
    });
  }
  const atTag = readPromptAtRef({ repoRoot, ref: tag.tag, promptDir: dir });
  const displayDir = `${tag.tag}:${path.relative(repoRoot, dir).split(path.sep).join('/')}`;
  const loaded = atTag ? loadPromptFromSources({ dir, folder: path.basename(dir), sources: atTag.sources, shared: atTag.shared, displayDir }) : undefined;
  if (!loaded?.success) {
    throw new PromptpackError('prompt/invalid', `The prompt at ${displayDir} cannot be loaded${loaded ? ':' : ' (the folder is not in that tag).'}`, { diagnostics: loaded?.diagnostics ?? [] });
  }
  const compiled = compilePrompt(loaded.prompt);
  const scratch = mkdtempSync(path.join(os.tmpdir(), `promptpack-eval-${path.basename(dir)}@${version}-`));
  const cleanup = () => rmSync(scratch, { recursive: true, force: true });
  try {
    writeFileSync(path.join(scratch, 'package.json'), loaded.prompt.sources.packageJson);
    for (const file of compiled.files) {
      mkdirSync(path.dirname(path.join(scratch, file.path)), { recursive: true });
      writeFileSync(path.join(scratch, file.path), file.contents);
    }
    const dependencies = findNodeModules(dir);
    if (dependencies) symlinkSync(dependencies, path.join(scratch, 'node_modules'), 'dir');
    const module = await importDist(scratch);
    return { module, manifest: module.manifest, source: tag.tag, diagnostics: loaded.diagnostics, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

function findNodeModules(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const candidate = path.join(current, 'node_modules');
    if (existsSync(path.join(candidate, 'zod'))) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

async function importDist(dir: string): Promise<BuiltPrompt['module']> {
  // The query keys the module cache by the file's bytes: a rebuilt prompt in
  // the same process (tests, several versions) is imported afresh, an
  // unchanged one is reused.
  const file = path.join(dir, 'dist/index.js');
  const url = `${pathToFileURL(file).href}?content=${createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16)}`;
  try {
    return (await import(url)) as BuiltPrompt['module'];
  } catch (error) {
    throw new PromptpackError('build/failed', `Cannot import the built prompt ${path.join(dir, 'dist/index.js')}: ${(error as Error).message}`, {
      hint: "install the prompt package's dependencies (pnpm install), which its dist imports (zod).",
    });
  }
}
