import { diffWordsWithSpace } from 'diff';
import type { DiffEndpoint, DiffLine, Hunk, PartDiff, PromptDiff } from '@promptpack/core';
import type { Bump, PromptPart } from '@promptpack/spec';

// Phrases every format shares, so text, markdown and HTML say the same thing.

export const partTitles: Record<PromptPart, string> = {
  policy: 'Policy (as the model sees it)',
  fewshots: 'Few-shot examples',
  template: 'Template (the user message)',
  variables: 'Variables (the input)',
  output: 'Output schema',
  model: 'Model and parameters',
  tools: 'Tools (what the model may call)',
  evals: 'Evals',
  metadata: 'Description, owners and package.json',
};

export function whitespaceNote(part: PromptPart): string {
  const what = part === 'policy' ? 'The policy' : partTitles[part];
  return `${what} changed in whitespace only (spaces, tabs or line breaks); the words are identical. The text the model receives is still different${part === 'policy' ? ', so it still needs approval' : ''}.`;
}

export function bumpSentence(bump: Bump): string {
  return bump === 'none' ? 'No new release needed: nothing that ships changed.' : `Required release: ${bump}.`;
}

export function endpointLabel(endpoint: DiffEndpoint): string {
  return endpoint.kind === 'working-tree' ? `working tree (${endpoint.version})` : endpoint.requested === endpoint.version ? endpoint.version : `${endpoint.requested} (${endpoint.version})`;
}

export function partStatus(part: PartDiff): string {
  if (!part.changed) return 'unchanged';
  if (part.text?.whitespaceOnly) return 'changed (whitespace only)';
  if (part.note) return 'changed (formatting only)';
  return 'changed';
}

export function partSummaries(part: PartDiff): string[] {
  if (part.changes.length > 0) return part.changes.map((change) => change.summary);
  return part.note ? [part.note] : [];
}

/** `Lines 12-18 before, 12-19 after`: a hunk's place in words. */
export function hunkPlace(hunk: Hunk): string {
  const range = (start: number, count: number) => (count === 0 ? `none (after line ${start})` : count === 1 ? `line ${start}` : `lines ${start}-${start + count - 1}`);
  return `Before: ${range(hunk.oldStart, hunk.oldLines)}; after: ${range(hunk.newStart, hunk.newLines)}`;
}

/** Unchanged lines skipped between two hunks (or before the first). */
export function gapBefore(hunks: readonly Hunk[], index: number): number {
  const hunk = hunks[index]!;
  const previous = hunks[index - 1];
  const start = hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart;
  const end = previous ? (previous.oldLines === 0 ? previous.oldStart : previous.oldStart + previous.oldLines - 1) : 0;
  return Math.max(0, start - end - 1);
}

type RedlineSegment = RewrittenBlock['segments'][number];

/**
 * Runs of changes with the lone spaces between them read as part of the
 * run, each run shown as its removed text then its added text:
 * `brief <ins>, kind</ins> and`, not `brief<ins>,</ins> <ins>kind </ins>and`.
 */
function redline(words: readonly RedlineSegment[]): RedlineSegment[] {
  const out: RedlineSegment[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed.trim() !== '' || (removed !== '' && added === '')) out.push({ text: removed, kind: 'removed' });
    if (added.trim() !== '' || (added !== '' && removed === '')) out.push({ text: added, kind: 'added' });
    removed = '';
    added = '';
  };
  words.forEach((word, index) => {
    const inRun = removed !== '' || added !== '';
    const between = word.kind === 'same' && /^[ \t]+$/.test(word.text) && inRun && words[index + 1] !== undefined && words[index + 1]!.kind !== 'same';
    if (word.kind === 'removed' || between) removed += word.text;
    if (word.kind === 'added' || between) added += word.text;
    if (word.kind === 'same' && !between) {
      flush();
      out.push(word);
    }
  });
  flush();
  return out;
}

export interface RewrittenBlock {
  /** The first line of the block after the change. */
  newLine: number | undefined;
  oldLine: number | undefined;
  segments: Array<{ text: string; kind: 'same' | 'removed' | 'added' }>;
}

/**
 * Each run of rewritten lines as one redline: unchanged words plain, removed
 * and added words marked, in reading order. Pure additions and deletions
 * are left to the line diff.
 */
export function rewrittenBlocks(hunk: Hunk): RewrittenBlock[] {
  const blocks: RewrittenBlock[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = () => {
    if (removed.length > 0 && added.length > 0 && added.some((line) => line.segments)) {
      const before = removed.map((line) => line.text).join('\n');
      const after = added.map((line) => line.text).join('\n');
      blocks.push({
        oldLine: removed[0]!.oldLine,
        newLine: added[0]!.newLine,
        segments: redline(diffWordsWithSpace(before, after).map((word) => ({ text: word.value, kind: word.added ? 'added' : word.removed ? 'removed' : 'same' }))),
      });
    }
    removed = [];
    added = [];
  };
  for (const line of hunk.lines) {
    if (line.kind === 'context') flush();
    else if (line.kind === 'removed') {
      if (added.length > 0) flush();
      removed.push(line);
    } else added.push(line);
  }
  flush();
  return blocks;
}

/** `approved by Ada on 2026-11-21T09:30:00Z`, or why not. */
export function approvalSentence(endpoint: DiffEndpoint): string {
  const approval = endpoint.approval;
  if (!approval) return 'not approved (no policy.lock)';
  const who = `${approval.by} on ${approval.at}`;
  return approval.matches ? `approved by ${who}` : `NOT the approved text: policy.lock (${who}) approves ${approval.sha256}`;
}

/** What each kind of release means, for a reader who does not know semver. */
export const bumpMeanings: Record<Bump, string> = {
  major: 'a major release: services using the prompt must change how they call it.',
  minor: 'a minor release: the prompt behaves differently (its policy, examples or model changed); services need not change how they call it.',
  patch: 'a patch release: wording, typo or test changes that do not change what the prompt is asked to do.',
  none: 'no release: nothing that ships changed.',
};
