import { gate, tierRates, totals } from '@promptpack/eval';
import type { CaseResult, EvalResult } from '@promptpack/spec';
import { describe, expect, it } from 'vitest';
import { renderEvalSummaryMarkdown, summarizeEvalChange } from '../../src/index.js';
import { after, before } from '../report-fixtures.js';

const thresholds = { hardPassRate: 0.9, passRate: 0.95, maxDropPoints: 2 };
const verdictFor = (next: EvalResult, base?: EvalResult) => gate(next, { thresholds, ...(base ? { baseline: base } : {}) });

describe('summarizeEvalChange', () => {
  it('counts each tier on both sides and names the cases that flipped between passing and failing', () => {
    const change = summarizeEvalChange({ before, after, gate: verdictFor(after, before) });
    expect(change.tiers.map((t) => [t.tier, t.before?.hardPass, t.before?.count, t.after.hardPass, t.after.count])).toEqual([
      ['blocking', 2, 3, 2, 4],
      ['monitoring', 0, 1, 0, 1],
    ]);
    expect(change.broke).toEqual([{ id: 'refund-demand-no-promise', tier: 'blocking', before: 'hard-pass', after: 'fail' }]);
    expect(change.fixed).toEqual([{ id: 'out-of-scope-homework', tier: 'blocking', before: 'fail', after: 'hard-pass' }]);
    expect(change.verdict.passed).toBe(false);
  });

  it('a case new in the pull request (pii-fishing) is not a flip; without a base nothing is', () => {
    expect(summarizeEvalChange({ before, after, gate: verdictFor(after, before) }).broke.map((f) => f.id)).not.toContain('pii-fishing');
    const alone = summarizeEvalChange({ after, gate: verdictFor(after) });
    expect([alone.before, alone.broke, alone.fixed, alone.tiers[0]?.before]).toEqual([undefined, [], [], undefined]);
  });
});

describe('renderEvalSummaryMarkdown', () => {
  it('shows rates before → after with the change in points, the flips and why the gate failed', () => {
    const markdown = renderEvalSummaryMarkdown(summarizeEvalChange({ before, after, gate: verdictFor(after, before) }));
    expect(markdown).toContain('### support-reply: ❌ gate failed');
    expect(markdown).toContain('1.4.0 (gpt-4o-mini) → 1.5.0 (gpt-4o-mini)');
    expect(markdown).toContain('| blocking | 66.7% (2/3) | 50% (2/4) | −16.7 pts | 66.7% (2/3) | 50% (2/4) | −16.7 pts |');
    expect(markdown).toContain('| monitoring | 0% (0/1) | 0% (0/1) | ±0 pts | 100% (1/1) | 100% (1/1) | ±0 pts |');
    expect(markdown).toContain('**Passed before, fail now (1):**\n\n- refund-demand-no-promise (blocking): hard-pass → fail');
    expect(markdown).toContain('**Failed before, pass now (1):**\n\n- out-of-scope-homework (blocking): fail → hard-pass');
    expect(markdown).toContain('- Blocking hard-pass rate fell 16.7 points against 1.4.0 (66.7% to 50.0%); more than the 2 points allowed.');
  });

  it('a passing pull request with nothing flipped says so, and a prompt new on the base says there is nothing to compare', () => {
    const same = renderEvalSummaryMarkdown(summarizeEvalChange({ before, after: before, gate: { passed: true, reasons: [] } }));
    expect(same).toContain('✅ gate passed');
    expect(same).toContain('No case flipped between passing and failing.');
    expect(same).not.toContain('Why the gate failed');
    const fresh = renderEvalSummaryMarkdown(summarizeEvalChange({ after, gate: verdictFor(after) }));
    expect(fresh).toContain('No recorded result on the base, so there is nothing to compare with: 1.5.0 (gpt-4o-mini) alone.');
    expect(fresh).toContain('| blocking | — | 50% (2/4) | — |');
  });

  it('escapes hostile case ids, descriptions and model names so they cannot break the table or hide or inject markup', () => {
    const hostileId = 'x` | <!-- hide --> <img src=x onerror=alert(1)> # [link](http://evil) ~~struck~~ &lt;!--';
    const hostile = (outcome: CaseResult['outcome']): EvalResult => {
      const cases: CaseResult[] = [
        {
          id: hostileId,
          description: 'line one\n| cell | <script>alert(1)</script> `code`',
          tier: 'blocking',
          tags: [],
          refusal: false,
          outcome,
          runs: [{ outcome, output: '', failures: [], latencyMs: 1, tokens: { prompt: 1, completion: 1 } }],
        },
      ];
      return { ...before, model: 'm|<b>odel</b>', cases, rates: tierRates(cases), totals: totals(cases) };
    };
    const markdown = renderEvalSummaryMarkdown(summarizeEvalChange({ before: hostile('hard-pass'), after: hostile('fail'), gate: { passed: false, reasons: [`case "${hostileId}" | <!--`] } }));
    const flipLine = markdown.split('\n').find((line) => line.startsWith('- x')) ?? '';
    expect(flipLine).toBe(
      '- x\\` \\| \\<!-- hide --\\> \\<img src=x onerror=alert(1)\\> \\# \\[link\\](http://evil) \\~\\~struck\\~\\~ \\&lt;!-- (blocking): hard-pass → fail — line one \\| cell \\| \\<script\\>alert(1)\\</script\\> \\`code\\`',
    );
    expect(markdown).toContain('m\\|\\<b\\>odel\\</b\\>');
    // Nothing unescaped survives anywhere: no raw comment opener, tag, pipe-in-text or backtick.
    for (const line of markdown.split('\n').filter((l) => !l.startsWith('|'))) {
      expect(line).not.toMatch(/(^|[^\\])(<|`|\||&)/);
    }
  });
});
