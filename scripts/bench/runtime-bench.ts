// pnpm bench:runtime — per-request cost of resolve + render for the standard
// workload (1.5 KB policy with 2 variables, 3 few-shot pairs, a user
// template with 5 variables and a loop), next to baselines measured in the
// same run: plain template literals building the same messages (the floor)
// and the naive stack (unleash-client getVariant + precompiled Handlebars).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPrompt } from '@promptpack/build';
import { createPromptRuntime, fileFlags, type AnyPromptModule } from '@promptpack/runtime';
import { Unleash } from 'unleash-client';

const repo = path.resolve(import.meta.dirname, '../..');
const source = path.join(import.meta.dirname, 'runtime-workload');
// Built inside the runtime package so the generated code's imports (zod, handlebars) resolve.
const workdir = path.join(repo, 'packages/runtime/test/.bench');

async function buildVersion(version: string, policySuffix: string): Promise<AnyPromptModule> {
  const dir = path.join(workdir, version, 'runtime-workload');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(source, dir, { recursive: true });
  const edit = (file: string, change: (text: string) => string) => writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), 'utf8')));
  edit('package.json', (text) => text.replace('"version": "1.0.0"', `"version": "${version}"`));
  edit('policy.md', (text) => text + policySuffix);
  const result = buildPrompt(dir);
  if (!result.success) throw new Error(JSON.stringify(result.diagnostics));
  return import(pathToFileURL(path.join(dir, 'dist/index.js')).href) as Promise<AnyPromptModule>;
}

const stable = await buildVersion('1.0.0', '');
const canary = await buildVersion('1.1.0', 'Mention the help centre when it helps.\n');
const flagsFile = path.join(workdir, 'flags.json');
const features = {
  version: 2,
  features: [
    {
      name: 'prompt.runtime-workload',
      enabled: true,
      strategies: [
        {
          name: 'flexibleRollout',
          parameters: { rollout: '100', stickiness: 'default', groupId: 'prompt.runtime-workload' },
          variants: [
            { name: '1.0.0', weight: 900, stickiness: 'default', weightType: 'variable' },
            { name: '1.1.0', weight: 100, stickiness: 'default', weightType: 'fix' },
          ],
        },
      ],
    },
  ],
};
writeFileSync(flagsFile, JSON.stringify(features));

const variables = {
  company: 'Acme',
  team: 'Acme Support',
  customer: 'Ada Lovelace',
  tier: 'pro' as const,
  subject: 'Order A-1001 is late',
  body: 'Hi, my order A-1001 was due on Monday and has not arrived. Can you check where it is? Thanks, Ada',
  orders: [
    { id: 'A-1001', status: 'shipped' },
    { id: 'A-0999', status: 'delivered' },
    { id: 'A-0950', status: 'delivered' },
  ],
};
const users = Array.from({ length: 1024 }, (_, index) => ({ userId: `user-${index}` }));

// The floor: the same messages built with template literals, no validation, no flags.
const policyText = readFileSync(path.join(source, 'policy.md'), 'utf8');
const policyParts = policyText.split(/\{\{(company|team)\}\}/);
const fewshots = [
  { role: 'user', content: 'Where is my order A-1?' }, { role: 'assistant', content: 'It shipped yesterday and should arrive within three days.' },
  { role: 'user', content: 'Can I return a gift?' }, { role: 'assistant', content: 'Yes, within 30 days with the order number; we will email a label.' },
  { role: 'user', content: 'Why was I charged twice?' }, { role: 'assistant', content: "I'll check the payment records; a duplicate charge is refunded automatically." },
];
function templateLiterals(vars: typeof variables) {
  let system = '';
  for (let index = 0; index < policyParts.length; index += 1) system += index % 2 === 0 ? policyParts[index] : vars[policyParts[index] as 'company' | 'team'];
  const user = `Customer: ${vars.customer} (plan: ${vars.tier})\nSubject: ${vars.subject}\n\n${vars.body}\n\nRecent orders:\n${vars.orders.map((order) => `- ${order.id}: ${order.status}\n`).join('')}`;
  return [{ role: 'system', content: system }, ...fewshots, { role: 'user', content: user }];
}

// The naive stack: unleash-client offline + Handlebars compiled once.
const Handlebars = (await import(pathToFileURL(path.join(repo, 'packages/core/node_modules/handlebars/lib/index.js')).href)).default;
const policyTemplate = Handlebars.compile(policyText, { strict: true, noEscape: true });
const userTemplate = Handlebars.compile(readFileSync(path.join(source, 'template.hbs'), 'utf8'), { strict: true, noEscape: true });
const unleash = new Unleash({ appName: 'bench', url: 'http://127.0.0.1/none', disableMetrics: true, refreshInterval: 0, skipInstanceCountWarning: true, bootstrap: { data: features.features as never }, storageProvider: { get: async () => undefined, set: async () => {} } });
await new Promise((resolve) => unleash.once('ready', resolve));
function naive(vars: typeof variables, context: { userId: string }) {
  unleash.getVariant('prompt.runtime-workload', context);
  return [{ role: 'system', content: policyTemplate(vars) }, ...fewshots, { role: 'user', content: userTemplate(vars) }];
}

const runtime = createPromptRuntime({ prompts: { 'runtime-workload': { stable, candidates: [canary] } }, flags: fileFlags(flagsFile, { pollInterval: 0 }), opentelemetry: false });

interface Case {
  name: string;
  run: (index: number) => unknown;
}
const cases: Case[] = [
  { name: 'template literals (floor)', run: () => templateLiterals(variables) },
  { name: 'unleash getVariant + Handlebars (naive)', run: (index) => naive(variables, users[index & 1023]!) },
  { name: 'promptpack runtime.resolve (flags only)', run: (index) => runtime.resolve('runtime-workload', users[index & 1023]) },
  { name: 'prompt package render() (no flags)', run: () => stable.render(variables) },
  { name: 'promptpack runtime.render (resolve + render)', run: (index) => runtime.render('runtime-workload', variables, users[index & 1023]) },
];

function measure(run: (index: number) => unknown): { median: number; min: number } {
  const iterations = 20_000;
  let sink: unknown;
  for (let index = 0; index < iterations; index += 1) sink = run(index); // warm-up: let the JIT settle
  const samples: number[] = [];
  for (let sample = 0; sample < 15; sample += 1) {
    const started = process.hrtime.bigint();
    for (let index = 0; index < iterations; index += 1) sink = run(index);
    samples.push(Number(process.hrtime.bigint() - started) / iterations);
  }
  if (sink === undefined) throw new Error('benchmark body returned nothing');
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, min: samples[0]! };
}

const results = cases.map((entry) => ({ ...entry, ...measure(entry.run) }));
const floor = results[0]!.median;
const naiveMedian = results[1]!.median;
const rows = results.map((result) => [
  result.name,
  (result.median / 1000).toFixed(2),
  (result.min / 1000).toFixed(2),
  `${(result.median / floor).toFixed(1)}x`,
  `${(result.median / naiveMedian).toFixed(2)}x`,
]);
const header = ['case', 'median µs/op', 'min µs/op', 'vs floor', 'vs naive'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
const line = (cells: string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
console.log(`promptpack runtime benchmark (node ${process.version}, ${cpus().length} cores; 15 samples x 20,000 ops, after warm-up)`);
console.log(line(header));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
await runtime.close();
unleash.destroy();
