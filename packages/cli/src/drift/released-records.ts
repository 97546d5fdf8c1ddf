import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { findRepoRoot, listReleaseTags } from '@promptpack/core';
import { evalRecordFile, PromptpackError, safeParseEvalRecordText, type EvalRecord } from '@promptpack/spec';

export interface ReleasedRecord {
  version: string;
  record: EvalRecord;
  /** e.g. `@acme/prompt-faq@1.0.0:prompts/faq/eval-result.json`. */
  source: string;
}

export interface ReleasedRecords {
  found: ReleasedRecord[];
  /** Versions released without a committed eval record: nothing to compare with. */
  unrecorded: string[];
}

/**
 * The eval record of each released version, as committed at its release tag
 * (the same tags `promptpack release` writes and `--baseline auto` reads), so
 * no registry is needed. `versions` narrows the list; naming one that was
 * never released is a usage error.
 */
export function releasedRecords(dir: string, name: string, versions?: readonly string[]): ReleasedRecords {
  const repoRoot = findRepoRoot(dir);
  const tags = listReleaseTags(repoRoot, name);
  for (const version of versions ?? []) {
    if (!tags.some((tag) => tag.version === version)) {
      const known = tags.map((tag) => tag.version).join(', ') || 'none';
      throw new PromptpackError('cli/usage', `--version ${version}: ${name} has no release tag ${name}@${version}.`, { hint: `Released versions: ${known}. Fetch tags (git fetch --tags) if one is missing.` });
    }
  }
  const file = path.relative(repoRoot, path.join(dir, evalRecordFile)).split(path.sep).join('/');
  const result: ReleasedRecords = { found: [], unrecorded: [] };
  for (const tag of tags.filter((candidate) => !versions || versions.includes(candidate.version))) {
    const source = `${tag.tag}:${file}`;
    let text: string;
    try {
      text = execFileSync('git', ['show', source], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
    } catch {
      result.unrecorded.push(tag.version);
      continue;
    }
    const parsed = safeParseEvalRecordText(text);
    if (!parsed.success) throw new PromptpackError('cli/usage', `${source}: ${parsed.error.summary}`, { hint: parsed.error.hint });
    result.found.push({ version: tag.version, record: parsed.data, source });
  }
  return result;
}
