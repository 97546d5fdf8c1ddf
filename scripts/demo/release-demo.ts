// The release half of the demo, on a local registry started by demo.sh:
// release every prompt from a scratch copy of this checkout, cut a second
// version of support-reply there (a policy change, through a real changeset),
// install both versions side by side in a scratch consumer and render with
// each. The consumer is a copy of examples/support-service, with
// @promptpack/runtime from the same registry: the live canary demo
// (canary-demo.ts) runs it next. The real prompts/ and the checkout's git
// state are never touched.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedDependencies } from '../registry/seed-dependencies.js';
import { installExampleService, publishRuntime } from '../e2e/lib/example-service.js';
import { approvePolicy, type CommandResult, runChangeset, runCommand, runRelease } from '../e2e/lib/release-cli.js';
import { createScratchRepo, repoRoot, type ScratchRepo } from '../e2e/lib/scratch-repo.js';

const { values } = parseArgs({ args: process.argv.slice(2), options: { registry: { type: 'string' } } });
const registry = values.registry ?? process.env.PROMPTPACK_REGISTRY;
if (!registry) throw new Error('usage: release-demo.ts --registry <url>');

const name = '@acme/prompt-support-reply';
const policySentence = 'Reply in the language the customer wrote in.';
const demoDir = path.join(repoRoot, '.cache/demo');
// No model is reachable in the demo: the release overrides the eval gate, loudly and on record (the tag annotation).
const skipEvals = 'demo: no model reachable';

console.log(`» scratch copy of this checkout in ${path.relative(repoRoot, path.join(demoDir, 'repo'))}/ (its own git history)`);
const repo = createScratchRepo(path.join(demoDir, 'repo'));

console.log('» first release of every prompt (promptpack release); meanwhile zod is seeded into the registry and @promptpack/runtime is published there');
const [first, , runtimeVersion] = await Promise.all([runRelease(repo.dir, registry, { skipEvals }), seedDependencies(registry, ['zod@4.6.7']), publishRuntime(registry)]);
report(first);
const v1 = versionOf(repo);

console.log('» second version of support-reply: a policy sentence, a minor changeset, changeset version, promptpack release');
const policy = path.join(repo.dir, 'prompts/support-reply/policy.md');
writeFileSync(policy, `${readFileSync(policy, 'utf8').trimEnd()}\n\n${policySentence}\n`);
const approved = await approvePolicy(repo.dir, 'support-reply', 'legal@acme.example');
if (approved.code !== 0) fail('policy approve', approved);
writeFileSync(path.join(repo.dir, '.changeset/demo-policy.md'), `---\n"${name}": minor\n---\n\nPolicy: answer in the customer's language.\n`);
repo.commit('support-reply: answer in the language of the customer');
const versioned = await runChangeset(repo.dir, ['version']);
if (versioned.code !== 0) fail('changeset version', versioned);
repo.commit('Version packages');
report(await runRelease(repo.dir, registry, { skipEvals }));
const v2 = versionOf(repo);

const consumerDir = path.join(demoDir, 'support-service');
console.log(
  `» examples/support-service installed in ${path.relative(repoRoot, consumerDir)}/: "support-reply-stable": "npm:${name}@${v1}", "support-reply-next": "npm:${name}@${v2}", "@promptpack/runtime": "${runtimeVersion}" (pnpm install from the local registry)`,
);
const install = await installExampleService(consumerDir, registry, { stable: v1, next: v2, runtime: runtimeVersion });
if (install.code !== 0) fail('pnpm install of the example service', install);

console.log('» rendering the first eval case with both installed versions\n');
const script = path.join(consumerDir, 'render-both.mjs');
writeFileSync(
  script,
  `import * as stable from 'support-reply-stable';
import * as next from 'support-reply-next';
const vars = stable.evals.cases[0].variables;
console.log(JSON.stringify([stable.render(vars), next.render(vars)].map((r) => ({ meta: r.meta, messages: r.messages }))));
`,
);
const rendered = await runCommand(process.execPath, [script], { cwd: consumerDir });
if (rendered.code !== 0) fail('rendering in the consumer', rendered);
printSideBySide(JSON.parse(rendered.output) as Rendered[]);

interface Rendered {
  meta: { version: string; contentHash: string; policyHash: string };
  messages: Array<{ role: string; content: string }>;
}

function printSideBySide([one, two]: Rendered[]): void {
  if (!one || !two) return;
  const width = 34;
  const row = (label: string, a: string, b: string) => console.log(`  ${label.padEnd(13)} ${a.padEnd(width)} ${b}`);
  const short = (hash: string) => `${hash.slice(0, 19)}…`;
  row('', 'support-reply-stable', 'support-reply-next');
  row('version', one.meta.version, two.meta.version);
  row('contentHash', short(one.meta.contentHash), short(two.meta.contentHash));
  row('policyHash', short(one.meta.policyHash), short(two.meta.policyHash));
  row('messages', String(one.messages.length), String(two.messages.length));
  let differences = 0;
  one.messages.forEach((message, index) => {
    const other = two.messages[index];
    if (!other || other.content === message.content) return;
    differences++;
    // The first line each version has that the other lacks: a one-line diff.
    const a = message.content.split('\n');
    const b = other.content.split('\n');
    const onlyA = a.find((text) => text.trim() !== '' && !b.includes(text));
    const onlyB = b.find((text) => text.trim() !== '' && !a.includes(text));
    console.log(`\n  first lines that differ, ${message.role} message (#${index + 1}):`);
    console.log(`    - ${one.meta.version}: ${onlyA ?? '(nothing the other lacks)'}`);
    console.log(`    + ${two.meta.version}: ${onlyB ?? '(nothing the other lacks)'}`);
  });
  if (differences === 0) console.log('\n  the two versions render identical messages');
  console.log(`\n  both installed side by side in ${path.relative(repoRoot, consumerDir)}/node_modules, next to the service that serves them.`);
}

function versionOf(scratch: ScratchRepo): string {
  return (JSON.parse(readFileSync(path.join(scratch.dir, 'prompts/support-reply/package.json'), 'utf8')) as { version: string }).version;
}

/** The release's plan and summary; everything when it failed. */
function report(result: CommandResult): void {
  if (result.code !== 0) fail('promptpack release', result);
  let show = false;
  for (const line of result.output.split('\n')) {
    if (line.startsWith('» ')) show = line.startsWith('» release plan') || line.startsWith('» summary');
    else if (show && line.trim() !== '' && !line.startsWith('git push')) console.log(`  ${line}`);
  }
}

function fail(what: string, result: CommandResult): never {
  console.error(result.output);
  console.error(`error: ${what} failed (exit ${result.code}); output above.`);
  process.exit(1);
}
