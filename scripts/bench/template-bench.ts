// pnpm exec tsx scripts/bench/template-bench.ts — what one render of the
// support-reply prompt's templates costs precompiled for Handlebars' runtime
// (what packages shipped before) and compiled to plain JavaScript by
// compileTemplateToJs, measured in one run on the prompt's eval cases. The
// outputs are checked byte-identical before anything is timed.
import { createRequire } from 'node:module';
import path from 'node:path';
import { effectivePolicy, loadPrompt } from '@promptpack/core';
import { precompileTemplate } from '../../packages/build/src/precompile-template.js';
import { compileTemplateToJs, templateFunction } from '../../packages/build/src/template-js/index.js';

type Render = (data: unknown) => string;

// The runtime packages depend on, resolved from @promptpack/build like the build's own precompiler.
const Handlebars = createRequire(new URL('../../packages/build/package.json', import.meta.url))('handlebars/runtime') as {
  create(): { template(spec: unknown): Render };
};

const dir = path.resolve(import.meta.dirname, '../../prompts/support-reply');
const loaded = loadPrompt(dir);
if (!loaded.prompt) throw new Error(`Cannot load ${dir}: ${JSON.stringify(loaded.diagnostics)}`);
const prompt = loaded.prompt;
const sections = Object.fromEntries(prompt.shared.map((section) => [section.name, section.text]));
const cases = prompt.evals.cases.map((evalCase) => evalCase.variables);

function precompiled(file: string, text: string): Render {
  const spec = new Function(`return ${precompileTemplate(file, text)};`)();
  return Handlebars.create().template(spec);
}

const templates = [
  {
    name: 'template.hbs (user message)',
    handlebars: precompiled(prompt.files.template, prompt.sources.template),
    generated: templateFunction(compileTemplateToJs(prompt.sources.template, { file: prompt.files.template })),
  },
  {
    name: 'policy.md (system message, sections inlined)',
    handlebars: precompiled(prompt.files.policy, effectivePolicy(prompt)),
    generated: templateFunction(compileTemplateToJs(prompt.sources.policy, { file: prompt.files.policy, sections })),
  },
];

for (const template of templates) {
  for (const [index, data] of cases.entries()) {
    if (template.handlebars(data) !== template.generated(data)) throw new Error(`${template.name} renders eval case ${index} differently`);
  }
}

let sink = 0;
/** Median µs per render over rounds, each rendering every eval case `iterations` times. */
function measure(render: Render): number {
  const iterations = 2_000;
  const rounds: number[] = [];
  for (let round = 0; round < 15; round++) {
    const start = process.hrtime.bigint();
    for (let iteration = 0; iteration < iterations; iteration++) for (const data of cases) sink += render(data).length;
    rounds.push(Number(process.hrtime.bigint() - start) / 1000 / (iterations * cases.length));
  }
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)]!;
}

const rows = templates.map((template) => {
  // Warm both up so the JIT has compiled each before its rounds count.
  measure(template.handlebars);
  measure(template.generated);
  const handlebars = measure(template.handlebars);
  const generated = measure(template.generated);
  return [template.name, handlebars.toFixed(3), generated.toFixed(3), `${(handlebars / generated).toFixed(1)}x`];
});

const header = ['support-reply', 'Handlebars precompiled µs/op', 'generated JS µs/op', 'speed-up'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
const line = (cells: string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((width, column) => (column === 0 ? `${'-'.repeat(width + 1)}-` : `${'-'.repeat(width + 1)}:`)).join('|')}|`);
for (const row of rows) console.log(line(row));
console.log(`(${cases.length} eval cases, outputs byte-identical; checksum ${sink % 997})`);
