import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './capture-io.js';
import { hashOf, reviewRepo } from './review-fixture.js';

const repo = reviewRepo();
afterAll(() => rmSync(repo.root, { recursive: true, force: true }));
const at = '2026-12-01T10:00:00Z';

describe('promptpack review --agreement', () => {
  it("prints raw agreement, Cohen's kappa and each disagreement", async () => {
    // Two answers: both say hard on basic, ana fail and ben soft on no-orders.
    // Table (ana rows, ben columns; hard, soft, fail): [1,0,0],[0,0,0],[0,1,0]. po = 1/2.
    // ana's shares hard 1/2, fail 1/2; ben's hard 1/2, soft 1/2: pe = 1/4. kappa = (1/2 - 1/4) / (3/4) = 1/3.
    writeFileSync(
      path.join(repo.promptDir, 'reviews.json'),
      JSON.stringify({
        specificationVersion: 'promptpack.reviews/v1',
        prompt: 'order-help',
        verdicts: {
          [hashOf(1)]: { ana: { grade: 'hard', caseId: 'basic', at }, ben: { grade: 'hard', caseId: 'basic', at } },
          [hashOf(2)]: { ana: { grade: 'fail', caseId: 'no-orders', at }, ben: { grade: 'soft', caseId: 'no-orders', at } },
        },
      }),
    );
    const io = capture();
    expect(await main(['review', repo.promptDir, '--agreement'], io)).toBe(0);
    expect(io.stdout).toEqual(["order-help: ana and ben agree on 1 of 2 answers (50.0%), Cohen's kappa 0.33", '  disagree no-orders: ana fail, ben soft']);
  });

  it('asks for --results and --reviewer before serving, with an example', async () => {
    const io = capture();
    expect(await main(['review', repo.promptDir], io)).toBe(2);
    expect(io.text()).toContain('--results is required');
    const noReviewer = capture();
    expect(await main(['review', '--results', repo.results], noReviewer)).toBe(2);
    expect(noReviewer.text()).toContain('--reviewer is required');
  });
});
