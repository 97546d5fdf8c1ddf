import path from 'node:path';
import { compilePrompt } from '@promptpack/build';
import { loadPromptOrThrow, type LoadedPrompt, type PromptImpact } from '@promptpack/core';
import { describe, expect, it } from 'vitest';
import { collectPromptNotes, type PromptHistory } from '../src/collect-prompt-notes.js';
import { promptContentHash } from '@promptpack/core';
import type { EvalRecord } from '@promptpack/spec';
import { completeEvalRecord } from '../../spec/test/complete-eval-record.js';
import { formatEvalNotes } from '../src/eval-notes.js';
import { formatPromptNotes } from '../src/format-release-line.js';

const fixture = path.resolve(import.meta.dirname, '../../core/test/__fixtures__/valid/order-help');
const prompt = loadPromptOrThrow(fixture);
const contentHash = promptContentHash(prompt);

function record(hash: string, blocking: { hardPass: number; count: number; passRate: number }, passed = true): EvalRecord {
  return completeEvalRecord({
    prompt: { version: '1.1.0', contentHash: hash, evalsHash: 'sha256:e' },
    provider: 'openai',
    model: 'gpt-4o-mini',
    gate: { passed },
    summary: { cases: 14, repeats: 3 },
    blocking: { ...blocking, hardPassRate: blocking.hardPass / blocking.count },
  });
}

function history(files: { now?: EvalRecord | string; atTag?: EvalRecord; override?: string }): PromptHistory {
  const impact: PromptImpact = { id: 'order-help', bump: 'patch', added: false, changes: [{ part: 'template', bump: 'patch', summary: 'template text changed' }] };
  return {
    packageDir: () => fixture,
    isPromptFolder: () => true,
    loadWorkingTree: () => prompt,
    loadAtRef: () => prompt as LoadedPrompt,
    releaseTags: () => [{ tag: `${prompt.packageJson.name}@${prompt.packageJson.version}`, version: prompt.packageJson.version }],
    isShallow: () => false,
    comparePrompts: () => impact,
    readEvalRecord: () => (typeof files.now === 'string' ? files.now : files.now ? JSON.stringify(files.now) : undefined),
    readEvalRecordAtRef: () => (files.atTag ? JSON.stringify(files.atTag) : undefined),
    evalOverride: () => files.override,
  };
}

const evalLine = (source: PromptHistory) => formatPromptNotes(collectPromptNotes(prompt.packageJson.name, source)!).at(-1);

describe('the eval line of a changelog entry', () => {
  it('computes the same contentHash as the build writes into manifest.json', () => {
    expect(contentHash).toBe(compilePrompt(prompt).manifest.contentHash);
    // The repository's prompts too: shared policy sections, structured output.
    const prompts = path.resolve(import.meta.dirname, '../../../prompts');
    for (const id of ['support-reply', 'refund-triage', 'study-tutor']) {
      const real = loadPromptOrThrow(path.join(prompts, id));
      expect(promptContentHash(real), id).toBe(compilePrompt(real).manifest.contentHash);
    }
  });

  it('summarises the record and the delta against the previous release', () => {
    const line = evalLine(history({ now: record(contentHash, { hardPass: 9, count: 10, passRate: 0.95 }), atTag: record('sha256:old', { hardPass: 10, count: 10, passRate: 1 }) }));
    expect(line).toBe(`Evals: blocking hard-pass 90% (9/10), pass 95%, 14 cases × 3, openai/gpt-4o-mini — vs ${prompt.packageJson.version}: hard-pass −10 pts, pass −5 pts`);
  });

  it('leaves the delta out when the previous release has no record', () => {
    expect(evalLine(history({ now: record(contentHash, { hardPass: 10, count: 10, passRate: 1 }) }))).toBe('Evals: blocking hard-pass 100% (10/10), pass 100%, 14 cases × 3, openai/gpt-4o-mini');
  });

  it('says "not run" without a record, with a record of other content, or of a failed gate', () => {
    expect(evalLine(history({}))).toMatch(/^Evals: not run \(no eval-result\.json; `promptpack release` requires/);
    expect(evalLine(history({ now: record('sha256:other', { hardPass: 1, count: 1, passRate: 1 }) }))).toMatch(/^Evals: not run \(eval-result\.json is for other content \(recorded at 1\.1\.0\)/);
    expect(evalLine(history({ now: record(contentHash, { hardPass: 1, count: 2, passRate: 0.5 }, false) }))).toMatch(/records a failed gate/);
  });

  it('says "not run" with the spec\'s reason when the record is not a valid eval record', () => {
    expect(evalLine(history({ now: '{ "specificationVersion": ' }))).toMatch(/^Evals: not run \(eval-result\.json is unreadable: Not a valid eval record: it is not JSON: .*\(line 1, column \d+\)/);
    const partial = JSON.stringify({ ...record(contentHash, { hardPass: 1, count: 1, passRate: 1 }), gate: { passed: true } });
    expect(evalLine(history({ now: partial }))).toMatch(/^Evals: not run \(eval-result\.json is unreadable: Not a valid eval record: gate\.reasons: expected an array of strings\./);
  });

  it('names the override reason when the release skips evals', () => {
    expect(evalLine(history({ override: 'hotfix, model down' }))).toBe('Evals: not run (override: hotfix, model down)');
  });

  it('prints points with a sign', () => {
    const now = record(contentHash, { hardPass: 10, count: 10, passRate: 1 });
    expect(formatEvalNotes({ kind: 'recorded', record: now, baseline: { version: '1.0.0', record: now } })).toMatch(/hard-pass ±0 pts, pass ±0 pts$/);
  });
});
