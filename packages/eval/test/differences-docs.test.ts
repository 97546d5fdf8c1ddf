import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { differencesTable, docsMarkers } from './conformance/deliberate-differences.js';

const docs = readFileSync(new URL('../../../docs/evals.md', import.meta.url), 'utf8');
const { start, end } = docsMarkers;

describe('docs/evals.md', () => {
  it('shows the deliberate differences from promptfoo exactly as the conformance test allows them', () => {
    const from = docs.indexOf(start);
    const to = docs.indexOf(end);
    expect(from, `docs/evals.md has no ${start} marker`).toBeGreaterThanOrEqual(0);
    expect(to, `docs/evals.md has no ${end} marker`).toBeGreaterThan(from);
    // On a mismatch: pnpm exec tsx packages/eval/test/conformance/write-differences-table.ts
    expect(docs.slice(from + start.length, to).trim()).toBe(differencesTable());
  });
});
