// Finds the eval record of a prompt version: `eval-result.json`, written by
// `promptpack eval <id> --gate` and committed with the release. A record
// counts only for the exact contentHash it evaluated.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { evalRecordFile, parsePackageIdentity, safeParseEvalRecordText } from '@promptpack/spec/plain';

export interface EvalLookup {
  /** `--eval-result FILE`: records kept elsewhere (a CI artifact). Looked at first. */
  files: readonly string[];
  /** The prompts repository (release tags, the working tree); undefined outside one. */
  repo: string | undefined;
  /** `--service-dir DIR`: folders of services on this machine; their installed packages are searched. */
  serviceDirs: readonly string[];
}

export interface EvalQuery {
  id: string;
  /** The package name, e.g. @acme/prompt-support-reply (release tags are `<name>@<version>`). */
  name: string | undefined;
  version: string;
  /** From the service inventory; undefined when no service has the version installed. */
  contentHash: string | undefined;
}

export type EvalVerdict =
  | { status: 'passed'; source: string; verified: boolean }
  | { status: 'failed'; source: string; reasons: string[] }
  /** `invalid`: files found that @promptpack/spec's reader rejects, with its reason. */
  | { status: 'missing'; looked: string[]; mismatched: Array<{ source: string; contentHash: string }>; invalid: Array<{ source: string; problem: string }> };

interface Candidate {
  source: string;
  read: () => string | undefined;
}

/**
 * Lookup order, first match wins: (1) `--eval-result` files, (2) the release
 * tag `<name>@<version>:prompts/<id>/eval-result.json`, (3) the package as
 * installed in `--service-dir` folders (`eval-result.json`, then
 * `dist/eval-result.json`), (4) the working tree's
 * `prompts/<id>/eval-result.json`. A record matches when its
 * `prompt.contentHash` is the version's contentHash (or, with no contentHash
 * known, its `prompt.version` is the version).
 */
export function findEvalRecord(query: EvalQuery, lookup: EvalLookup): EvalVerdict {
  const looked: string[] = [];
  const mismatched: Array<{ source: string; contentHash: string }> = [];
  const invalid: Array<{ source: string; problem: string }> = [];
  for (const candidate of candidates(query, lookup)) {
    looked.push(candidate.source);
    const text = candidate.read();
    if (text === undefined) continue;
    const parsed = safeParseEvalRecordText(text);
    if (!parsed.success) {
      invalid.push({ source: candidate.source, problem: parsed.error.summary });
      continue;
    }
    const { prompt, gate } = parsed.data;
    const matches = query.contentHash ? prompt.contentHash === query.contentHash : prompt.version === query.version;
    if (!matches) {
      mismatched.push({ source: candidate.source, contentHash: prompt.contentHash });
      continue;
    }
    if (gate.passed) return { status: 'passed', source: candidate.source, verified: query.contentHash !== undefined };
    return { status: 'failed', source: candidate.source, reasons: gate.reasons.map(String) };
  }
  return { status: 'missing', looked, mismatched, invalid };
}

function* candidates(query: EvalQuery, lookup: EvalLookup): Generator<Candidate> {
  for (const file of lookup.files) yield { source: file, read: () => readText(file) };
  const inRepo = `prompts/${query.id}/${evalRecordFile}`;
  if (lookup.repo && query.name) {
    const tag = `${query.name}@${query.version}`;
    yield { source: `git ${tag}:${inRepo}`, read: () => gitShow(lookup.repo!, `refs/tags/${tag}:${inRepo}`) };
  }
  for (const dir of lookup.serviceDirs) {
    for (const packageDir of installedPackages(dir, query.name, query.version)) {
      for (const file of [evalRecordFile, `dist/${evalRecordFile}`]) {
        const full = path.join(packageDir, file);
        yield { source: full, read: () => readText(full) };
      }
    }
  }
  if (lookup.repo) {
    const full = path.join(lookup.repo, inRepo);
    yield { source: full, read: () => readText(full) };
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function gitShow(repo: string, object: string): string | undefined {
  try {
    return execFileSync('git', ['show', object], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** Top-level packages in `<dir>/node_modules` (aliases included: support-reply-next -> @acme/prompt-support-reply) with this name and version. */
export function installedPackages(dir: string, name: string | undefined, version: string): string[] {
  const modules = path.join(dir, 'node_modules');
  if (!existsSync(modules)) return [];
  const found: string[] = [];
  const consider = (packageDir: string) => {
    const manifest = readText(path.join(packageDir, 'package.json'));
    if (!manifest) return;
    // Not a package (not JSON): skipped.
    const identity = parsePackageIdentity(manifest, path.join(packageDir, 'package.json')).identity;
    if (identity && identity.version === version && (name === undefined || identity.name === name)) found.push(packageDir);
  };
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      for (const inner of readdirSync(path.join(modules, entry))) consider(path.join(modules, entry, inner));
    } else {
      consider(path.join(modules, entry));
    }
  }
  return found;
}

/** Versions released from this repository: tags `<name>@<version>`. */
export function releasedVersions(repo: string | undefined, name: string | undefined): string[] {
  if (!repo || !name) return [];
  try {
    const out = execFileSync('git', ['tag', '--list', `${name}@*`], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\n').filter(Boolean).map((tag) => tag.slice(name.length + 1));
  } catch {
    return [];
  }
}

/** The git work tree containing `dir`, or undefined. */
export function gitRoot(dir: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Prompt ids and package names in `<repo>/prompts/*`. */
export function repoPrompts(repo: string | undefined): Map<string, string> {
  const prompts = new Map<string, string>();
  if (!repo) return prompts;
  const dir = path.join(repo, 'prompts');
  if (!existsSync(dir)) return prompts;
  for (const id of readdirSync(dir)) {
    const manifest = readText(path.join(dir, id, 'package.json'));
    if (!manifest) continue;
    // A broken package.json is `validate`'s business.
    const name = parsePackageIdentity(manifest, path.join(dir, id, 'package.json')).identity?.name;
    if (name) prompts.set(id, name);
  }
  return prompts;
}
