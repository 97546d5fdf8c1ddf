// The whole chain: evals.yaml asks for a person, promptpack eval marks the
// cases and their request hashes, the gate fails while they are pending and
// passes once reviews.json holds the verdicts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvalResult } from '@promptpack/spec';
import { type ChatServer, startChatServer } from '../../eval/test/chat-server.js';
import { main } from '../src/index.js';
import { answering, capture, createFaqRepo, faqEvals, goodAnswers, type ScratchRepo } from './eval-fixture.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-review-eval-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let repo: ScratchRepo;
let server: ChatServer;
let previousCwd: string;
const savedEnv = { ...process.env };

beforeEach(async () => {
  repo = createFaqRepo(scratch);
  const evals = faqEvals
    .replace('    tags: [semver]\n', '    tags: [semver]\n    human: { rubric: Explains a fix without jargon. }\n')
    .replace("    variables: { question: What does a minor bump mean? }\n    assert:\n", "    variables: { question: What does a minor bump mean? }\n    assert:\n      - type: human\n        rubric: Says nothing breaks.\n");
  expect(evals).not.toBe(faqEvals);
  writeFileSync(path.join(repo.promptDir, 'evals.yaml'), evals);
  previousCwd = process.cwd();
  process.chdir(repo.dir);
  for (const name of ['OPENAI_API_KEY', 'PROMPTPACK_EVAL_MODEL', 'PROMPTPACK_EVAL_PROVIDER', 'PROMPTPACK_PROGRESS']) delete process.env[name];
  server = await startChatServer({ script: answering(goodAnswers) });
  process.env.OPENAI_BASE_URL = server.url;
});
afterEach(async () => {
  process.chdir(previousCwd);
  process.env = { ...savedEnv };
  await server.close();
});

describe('promptpack eval --gate with cases that ask for a person', () => {
  it('fails while reviews are pending, naming them, and passes once reviewers graded the answers', async () => {
    const pending = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--gate', '--report', 'json', '--out', 'reports'], pending), pending.text()).toBe(1);
    expect(pending.text()).toContain('Blocking hard-pass rate 33.3% (1 of 3 cases) is below the 90.0% threshold.');
    expect(pending.text()).toContain('gate: 2 cases (2 blocking) still wait for a human review: "patch-bump", "minor-bump"; they count as failed');

    const result = JSON.parse(readFileSync(path.join(repo.dir, 'reports/faq.eval.json'), 'utf8')) as EvalResult;
    const patch = result.cases.find((c) => c.id === 'patch-bump')!;
    const minor = result.cases.find((c) => c.id === 'minor-bump')!;
    expect(patch.review).toEqual({ rubrics: ['Explains a fix without jargon.'] });
    expect(minor.review).toEqual({ rubrics: ['Says nothing breaks.'] });
    // The machine still scored the minor bump's other assertion; the human one is left to the reviewer.
    expect(minor.outcome).toBe('hard-pass');
    expect(patch.runs[0]!.requestHash).toMatch(/^sha256:[0-9a-f]{64}$/);

    const at = '2026-12-01T10:00:00Z';
    writeFileSync(
      path.join(repo.promptDir, 'reviews.json'),
      JSON.stringify({
        specificationVersion: 'promptpack.reviews/v1',
        prompt: 'faq',
        verdicts: {
          [patch.runs[0]!.requestHash!]: { ana: { grade: 'hard', caseId: 'patch-bump', at } },
          [minor.runs[0]!.requestHash!]: { ana: { grade: 'hard', caseId: 'minor-bump', at } },
        },
      }),
    );
    const reviewed = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--gate'], reviewed), reviewed.text()).toBe(0);
  });
});
