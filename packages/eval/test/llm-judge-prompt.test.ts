import { beforeAll, describe, expect, it } from 'vitest';
import type { JudgePrompt } from '../src/index.js';
import { buildRealPrompt } from './built-prompt.js';

type BuiltJudge = JudgePrompt & { evals: { thresholds: { minimumBlockingCases?: number }; cases: ReadonlyArray<{ id: string; tier: string; tags?: readonly string[]; variables: { rubric: string; answer: string; question?: string } }> } };
let judge: BuiltJudge;

beforeAll(async () => {
  judge = (await buildRealPrompt('llm-judge')) as unknown as BuiltJudge;
}, 60_000);

describe('prompts/llm-judge', () => {
  it('renders every case of its golden set, the answer fenced as data after the rubric', () => {
    for (const { id, variables } of judge.evals.cases) {
      const user = judge.render(variables).messages.at(-1)?.content ?? '';
      const answerAt = user.indexOf('<answer>\n');
      expect(user.indexOf(`<rubric>\n${variables.rubric}\n</rubric>`), id).toBeGreaterThanOrEqual(0);
      expect(answerAt, id).toBeGreaterThan(user.indexOf('</rubric>'));
      expect(user.trimEnd().endsWith('</answer>'), id).toBe(true);
      if (variables.answer !== '') expect(user.slice(answerAt), id).toContain(variables.answer);
    }
  });

  it('has at least 30 blocking cases, covering every kind of answer the judge meets', () => {
    const blocking = judge.evals.cases.filter((c) => c.tier === 'blocking');
    expect(blocking.length).toBeGreaterThanOrEqual(30);
    expect(judge.evals.thresholds.minimumBlockingCases).toBe(30);
    const tags = new Set(blocking.flatMap((c) => c.tags ?? []));
    for (const tag of ['pass', 'fail', 'injection', 'empty', 'refusal', 'off-topic', 'partial']) expect(tags, tag).toContain(tag);
  });

  it('asks for exactly { reason, pass, score } with score from 0 to 1', () => {
    expect(judge.outputJsonSchema).toMatchObject({ required: ['reason', 'pass', 'score'], additionalProperties: false, properties: { score: { type: 'number', minimum: 0, maximum: 1 } } });
    expect(judge.safeParseOutput('{"reason":"ok","pass":true,"score":1}')).toMatchObject({ success: true, data: { reason: 'ok', pass: true, score: 1 } });
    expect(judge.safeParseOutput('{"reason":"ok","pass":true,"score":1,"extra":1}').success).toBe(false);
  });
});
