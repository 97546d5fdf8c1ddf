import { readFileSync } from 'node:fs';
import type { Assertion } from '../../src/index.js';

export interface DeliberateDifference {
  /** The assertion types it applies to. */
  types: Assertion['type'][];
  /** Only assertions that set this key differ (regex `flags`); absent: every assertion of the types. */
  key?: string;
  promptfoo: string;
  promptpack: string;
  why: string;
  /** With `judgeAnswer`, what the judge said of `answer` (llm-rubric): model-graded-conformance.test.ts proves those differ. */
  example: { assertion: Assertion; answer: string; judgeAnswer?: string };
}

/** The one list of deliberate differences, read from its data file. */
export const deliberateDifferences: DeliberateDifference[] = (
  JSON.parse(readFileSync(new URL('./deliberate-differences.json', import.meta.url), 'utf8')) as { differences: DeliberateDifference[] }
).differences;

/** Whether promptpack and promptfoo may score `assertion` differently. */
export function isDeliberate(assertion: Assertion): boolean {
  return deliberateDifferences.some((difference) => difference.types.includes(assertion.type) && (difference.key === undefined || Object.hasOwn(assertion, difference.key)));
}

/** The docs table: generated from the data, so docs/evals.md and the test cannot drift apart. */
export function differencesTable(): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const rows = deliberateDifferences.map((difference) => {
    const types = difference.types.map((type) => `\`${type}\``).join(', ') + (difference.key ? ` with \`${difference.key}\`` : '');
    const judged = difference.example.judgeAnswer !== undefined ? `, the judge answering ${cell(JSON.stringify(difference.example.judgeAnswer))}` : '';
    const example = `\`${JSON.stringify(difference.example.assertion)}\` on ${cell(JSON.stringify(difference.example.answer))}${judged}`;
    return `| ${types} | ${cell(difference.promptfoo)} | ${cell(difference.promptpack)} | ${example} | ${cell(difference.why)} |`;
  });
  return ['| assertion | promptfoo 0.123.1 | promptpack | example | why |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** Where docs/evals.md holds the table. */
export const docsMarkers = {
  start: '<!-- deliberate-differences:start (generated from packages/eval/test/conformance/deliberate-differences.json) -->',
  end: '<!-- deliberate-differences:end -->',
};
