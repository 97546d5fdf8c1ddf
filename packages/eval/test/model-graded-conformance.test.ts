import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runEvals, type EvaluableCase, type EvaluablePrompt, type JudgePrompt, type Provider } from '../src/index.js';
import { buildRealPrompt } from './built-prompt.js';
import { deliberateDifferences } from './conformance/deliberate-differences.js';

// promptfoo's own llm-rubric and similar code, given a grading provider that
// answers what the test says: the two must reach the same verdict from the
// same judge answer or the same vectors.
type Assertion = EvaluableCase['assert'][number];
interface GradingProvider {
  id(): string;
  callApi?(prompt: string): Promise<{ output: string }>;
  callEmbeddingApi?(text: string): Promise<{ embedding: number[] }>;
}
interface PromptfooAssertions {
  runAssertion(options: { prompt: string; assertion: Assertion; test: { vars: Record<string, never>; options: { provider: GradingProvider } }; latencyMs: number; providerResponse: { output: string } }): Promise<{ pass: boolean }>;
}

let promptfoo: PromptfooAssertions;
let judge: JudgePrompt;

beforeAll(async () => {
  process.env.PROMPTFOO_CONFIG_DIR = mkdtempSync(path.join(tmpdir(), 'promptfoo-config-'));
  process.env.PROMPTFOO_DISABLE_TELEMETRY = '1';
  process.env.PROMPTFOO_DISABLE_UPDATE = '1';
  promptfoo = ((await import('promptfoo')) as unknown as { assertions: PromptfooAssertions }).assertions;
  judge = (await buildRealPrompt('llm-judge')) as unknown as JudgePrompt;
}, 60_000);

const vectors: Record<string, number[]> = {
  answer: [1, 0, 0],
  near: [0.96, 0.28, 0],
  middle: [0.75, 0.661437827766, 0],
  far: [0, 0, 1],
  zero: [0, 0, 0],
};

function provider(verdict: string): Provider {
  return {
    name: 'scripted',
    // The judge's request is the one with structured output; the case's own answer is always "answer".
    complete: async (request) => ({ text: request.jsonSchema ? verdict : 'answer', usage: { promptTokens: 0, completionTokens: 0 }, latencyMs: 1, model: 'judge' }),
    embed: async (request) => ({ vectors: request.input.map((text) => vectors[text] as number[]), model: 'embed', usage: { promptTokens: 0 } }),
  };
}

async function promptpackPasses(assertion: Assertion, verdict: string): Promise<boolean> {
  const prompt: EvaluablePrompt = {
    manifest: { id: 'p', name: 'p', version: '1.0.0', contentHash: 'sha256:p', model: { name: 'm' } },
    evals: { repeats: 1, cases: [{ id: 'c', tier: 'blocking', variables: {}, assert: [assertion] }] },
    render: () => ({ messages: [{ role: 'user', content: 'q' }], model: { name: 'm' } }),
    safeParseOutput: (text) => ({ success: true, data: text }),
    outputJsonSchema: null,
  };
  const result = await runEvals({ prompt, provider: provider(verdict), judge: { prompt: judge } });
  const outcome = result.cases[0]?.outcome;
  if (outcome === 'error') throw new Error(result.cases[0]?.runs[0]?.error);
  return outcome === 'hard-pass';
}

async function promptfooPasses(assertion: Assertion, verdict: string): Promise<boolean> {
  const grading: GradingProvider = { id: () => 'scripted', callApi: async () => ({ output: verdict }), callEmbeddingApi: async (text) => ({ embedding: vectors[text] as number[] }) };
  const result = await promptfoo.runAssertion({ prompt: 'q', assertion: structuredClone(assertion), test: { vars: {}, options: { provider: grading } }, latencyMs: 0, providerResponse: { output: 'answer' } });
  return result.pass;
}

const verdicts = [true, false].flatMap((pass) => [0, 0.49, 0.5, 0.8, 1].map((score) => JSON.stringify({ reason: 'r', pass, score })));
const rubrics: Assertion[] = [{ type: 'llm-rubric', value: 'Answers.' }, ...[0, 0.5, 0.8, 1].map((threshold) => ({ type: 'llm-rubric', value: 'Answers.', threshold }) as Assertion)];
const similarities: Assertion[] = (['similar', 'not-similar'] as const).flatMap((type) =>
  [undefined, 0.5, 0.75, 0.96, 0.99].flatMap((threshold) =>
    [['near'], ['middle'], ['far'], ['zero'], ['far', 'near'], ['near', 'far']].map((value) => ({ type, value: value.length === 1 ? (value[0] as string) : value, ...(threshold !== undefined ? { threshold } : {}) }) as Assertion),
  ),
);

describe('model-graded checks score like promptfoo 0.123.1', () => {
  it.each(rubrics.map((assertion) => [JSON.stringify(assertion), assertion] as const))('%s on every verdict', async (_name, assertion) => {
    const differences: string[] = [];
    for (const verdict of verdicts) {
      const [ours, theirs] = [await promptpackPasses(assertion, verdict), await promptfooPasses(assertion, verdict)];
      if (ours !== theirs) differences.push(`${verdict}: promptfoo ${theirs}, promptpack ${ours}`);
    }
    expect(differences).toEqual([]);
  });

  it.each(similarities.map((assertion) => [JSON.stringify(assertion), assertion] as const))('%s', async (_name, assertion) => {
    expect(await promptpackPasses(assertion, '')).toBe(await promptfooPasses(assertion, ''));
  });

  it('the similarity corpus has passes and fails for both types', async () => {
    const outcomes = await Promise.all(similarities.map(async (assertion) => `${assertion.type}:${await promptfooPasses(assertion, '')}`));
    expect(new Set(outcomes)).toEqual(new Set(['similar:true', 'similar:false', 'not-similar:true', 'not-similar:false']));
  });

  const judged = deliberateDifferences.filter((difference) => difference.example.judgeAnswer !== undefined);
  it.each(judged.map((difference) => [difference.example.judgeAnswer as string, difference] as const))('the deliberate difference on the judge answer %s still differs', async (_name, difference) => {
    const { assertion, judgeAnswer } = difference.example;
    const ours = await promptpackPasses(assertion, judgeAnswer as string).catch(() => false);
    expect(ours).not.toBe(await promptfooPasses(assertion, judgeAnswer as string));
  });

  it('lists a judged difference', () => {
    expect(judged.map((difference) => difference.types)).toContainEqual(['llm-rubric']);
  });
});
