// Rewrites the deliberate-differences table in docs/evals.md from its data
// file: `pnpm exec tsx packages/eval/test/conformance/write-differences-table.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { differencesTable, docsMarkers } from './deliberate-differences.js';

const file = new URL('../../../../docs/evals.md', import.meta.url);
const docs = readFileSync(file, 'utf8');
const from = docs.indexOf(docsMarkers.start);
const to = docs.indexOf(docsMarkers.end);
if (from < 0 || to < from) throw new Error(`docs/evals.md: the markers ${docsMarkers.start} and ${docsMarkers.end} are missing; put them where the table belongs.`);
writeFileSync(file, `${docs.slice(0, from + docsMarkers.start.length)}\n${differencesTable()}\n${docs.slice(to)}`);
console.log('wrote the deliberate-differences table of docs/evals.md');
