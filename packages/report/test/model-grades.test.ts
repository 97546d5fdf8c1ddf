import { tierRates, totals } from '@promptpack/eval';
import type { CaseResult, EvalResult, ModelGrade } from '@promptpack/spec';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport, renderJunitReport, renderMarkdownReport } from '../src/index.js';
import { after } from './report-fixtures.js';

// A judge's reason is model text: it may hold markup, pipes and CDATA ends.
const hostileReason = 'Says <script>alert("judge")</script> | ok ]]> & *done*';
const rubric: ModelGrade = { assertion: 'llm-rubric', soft: false, pass: true, score: 0.9, reason: `judge says pass (score 0.9): ${hostileReason}`, grader: '@promptpack/prompt-llm-judge@0.1.0 gpt-4o-mini' };
const similar: ModelGrade = { assertion: 'similar', soft: true, pass: false, similarity: 0.41234, reason: 'similarity 0.412 to ["It shipped."], below 0.75', grader: 'text-embedding-3-large', description: 'close to the gold answer' };
const graded: CaseResult = {
  id: 'judged',
  tier: 'blocking',
  tags: [],
  refusal: false,
  outcome: 'hard-pass',
  runs: [{ outcome: 'hard-pass', output: 'It shipped.', failures: [], latencyMs: 10, tokens: { prompt: 1, completion: 1 }, grades: [rubric, similar] }],
};
const result: EvalResult = { ...after, cases: [graded], rates: tierRates([graded]), totals: totals([graded]) };

describe('model-graded checks in the reports', () => {
  it("markdown lists every graded case, passes included, with the judge's reason and score and the similarity, escaped", () => {
    const markdown = renderMarkdownReport(result);
    expect(markdown).toContain('## Model-graded checks (1 cases)');
    expect(markdown).toContain(
      '| `judged` | hard llm-rubric | pass | score 0.9 | @promptpack/prompt-llm-judge@0.1.0 gpt-4o-mini | judge says pass (score 0.9): Says \\<script\\>alert("judge")\\</script\\> \\| ok \\]\\]\\> & \\*done\\* |',
    );
    expect(markdown).toContain('| `judged` | soft similar (close to the gold answer) | fail | similarity 0.412 | text-embedding-3-large | similarity 0.412 to \\["It shipped."\\], below 0.75 |');
  });

  it('html shows them beside the answer, escaped', () => {
    const page = renderHtmlReport(result);
    expect(page).toContain('<ul class="grades"><li class="pass"><strong>hard llm-rubric: pass</strong>, score 0.9');
    expect(page).toContain('Says &lt;script&gt;alert(&quot;judge&quot;)&lt;/script&gt; | ok ]]&gt; &amp; *done*');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('<li class="fail"><strong>soft similar (close to the gold answer): fail</strong>, similarity 0.412');
  });

  it('junit carries them in system-out of a passing case, well-formed', () => {
    const xml = renderJunitReport([{ result }]);
    expect(xml).toContain('<system-out>model-graded:\nhard llm-rubric: pass, score 0.9 (@promptpack/prompt-llm-judge@0.1.0 gpt-4o-mini): judge says pass (score 0.9): Says &lt;script&gt;');
    expect(xml).toContain('soft similar (close to the gold answer): fail, similarity 0.412 (text-embedding-3-large)');
    expect(xml).not.toContain('ok ]]> &');
  });
});
