// pnpm bench:runtime — one table from one run: the per-request cost of the
// standard workload (1.5 KB policy with 2 variables, 3 few-shot pairs, a user
// template with 5 variables and a loop) for the template-literal floor, the
// naive stack (unleash-client getVariant + precompiled Handlebars), a built
// package's render() alone, the peers the issue names (Langfuse's
// ChatPromptClient.compile: a local chat prompt, no flag evaluation, the
// orders loop pre-joined since its compile has no loops; dotprompt's compiled
// render; LaunchDarkly AI's completionConfig, offline on its TestData source,
// 90/10) and runtime.render (file flags 90/10 over two built versions); per
// row: µs/op, ratio to the floor, heap KB/op, cold start and the size of a
// bundle that only renders. Every row must build the same messages. Then the
// issue's goals with PASS or MISS. A report, not a test: a miss never fails
// the process.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPromptRuntime, fileFlags, type AnyPromptModule } from '@promptpack/runtime';
import { init as launchDarklyInit, integrations as launchDarklyIntegrations } from '@launchdarkly/node-server-sdk';
import { initAi } from '@launchdarkly/server-sdk-ai';
import { Dotprompt, type Message as DotpromptMessage } from 'dotprompt';
import { Unleash } from 'unleash-client';
import { parse } from 'yaml';
import { coldStart } from './runtime/cold-start.js';
import { buildSync } from './runtime/esbuild.js';
import {
  dotpromptConsumer,
  dotpromptSource,
  floorConsumer,
  handlebarsConsumer,
  langfuseConsumer,
  langfuseSetup,
  langfuseUserTemplate,
  langfuseVariables,
  launchDarklyConsumer,
  launchDarklyFlag,
  mustacheUserTemplate,
  naiveConsumer,
  renderConsumer,
  runtimeConsumer,
  type ConsumerPaths,
  type Mode,
  type Workload,
} from './runtime/consumers.js';
import { bytesPerOp, nanosecondsPerOp, type Calling } from './runtime/measure.js';
import { goals, table, type Row } from './runtime/print-table.js';
import { renderBundle, type RenderBundle } from './runtime/render-bundle.js';
import { buildWorkloadVersion, canaryPolicySuffix, workloadSource, workloadVariables } from './runtime/workload.js';

const repo = path.resolve(import.meta.dirname, '../..');
// Inside the runtime package, so what the generated code and the consumers import (handlebars, unleash-client) resolves.
const workdir = path.join(repo, 'packages/runtime/test/.bench');

// The runtime as its dist is built (tsup: the sources bundled, dependencies left to node_modules), from the current sources.
function buildRuntime(): string {
  const outfile = path.join(workdir, 'runtime.mjs');
  const { dependencies = {}, peerDependencies = {} } = JSON.parse(readFileSync(path.join(repo, 'packages/runtime/package.json'), 'utf8')) as Record<string, Record<string, string>>;
  const external = Object.keys({ ...dependencies, ...peerDependencies }).filter((name) => !name.startsWith('@promptpack/'));
  buildSync({ entryPoints: [path.join(repo, 'packages/runtime/src/index.ts')], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', external, logLevel: 'silent' });
  return outfile;
}

mkdirSync(workdir, { recursive: true });
const paths: ConsumerPaths = {
  stable: buildWorkloadVersion(workdir, '1.0.0', ''),
  canary: buildWorkloadVersion(workdir, '1.1.0', canaryPolicySuffix),
  runtime: buildRuntime(),
  flagsFile: path.join(workdir, 'flags.json'),
  langfuseCore: createRequire(createRequire(import.meta.url).resolve('langfuse'))
    .resolve('langfuse-core')
    .replace(/index\.cjs\.js$/, 'index.mjs'),
};
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
writeFileSync(paths.flagsFile, JSON.stringify(features));

const variables = workloadVariables;
const users = Array.from({ length: 1024 }, (_, index) => ({ userId: `user-${index}` }));

const Handlebars = (await import(pathToFileURL(path.join(repo, 'packages/core/node_modules/handlebars/lib/index.js')).href)).default;
// The system message is policy.md without its final line break, as the build reads it.
const policyText = readFileSync(path.join(workloadSource, 'policy.md'), 'utf8').replace(/\r?\n$/, '');
const userText = readFileSync(path.join(workloadSource, 'template.hbs'), 'utf8');
const options = { strict: true, noEscape: true, knownHelpersOnly: true };
const workload: Workload = {
  policy: policyText,
  fewshots: (parse(readFileSync(path.join(workloadSource, 'fewshots.yaml'), 'utf8')) as { user: string; assistant: string }[]).flatMap((shot) => [
    { role: 'user', content: shot.user },
    { role: 'assistant', content: shot.assistant },
  ]),
  variables,
  features,
  precompiled: { policy: Handlebars.precompile(policyText, options), user: Handlebars.precompile(userText, options) },
};

// In this process, for the hot numbers: the same services as the consumers, set up once.
const policyParts = policyText.split(/\{\{(company|team)\}\}/);
function templateLiterals(vars: typeof variables) {
  let system = '';
  for (let index = 0; index < policyParts.length; index += 1) system += index % 2 === 0 ? policyParts[index] : vars[policyParts[index] as 'company' | 'team'];
  const user = `Customer: ${vars.customer} (plan: ${vars.tier})\nSubject: ${vars.subject}\n\n${vars.body}\n\nRecent orders:\n${vars.orders.map((order) => `- ${order.id}: ${order.status}\n`).join('')}`;
  return [{ role: 'system', content: system }, ...workload.fewshots, { role: 'user', content: user }];
}
const runtimeHandlebars = createRequire(path.join(workdir, 'consumer.mjs'))('handlebars/runtime') as { template(spec: unknown): (data: unknown) => string };
const evaluate = (spec: string) => runtimeHandlebars.template(new Function(`return ${spec};`)());
const policyTemplate = evaluate(workload.precompiled.policy);
const userTemplate = evaluate(workload.precompiled.user);
const precompiled = (vars: typeof variables) => [{ role: 'system', content: policyTemplate(vars) }, ...workload.fewshots, { role: 'user', content: userTemplate(vars) }];
const unleash = new Unleash({ appName: 'bench', url: 'http://127.0.0.1/none', disableMetrics: true, refreshInterval: 0, skipInstanceCountWarning: true, bootstrap: { data: features.features as never }, storageProvider: { get: async () => undefined, set: async () => {} } });
await new Promise((resolve) => unleash.once('ready', resolve));
const stable = (await import(pathToFileURL(paths.stable).href)) as AnyPromptModule;
const canary = (await import(pathToFileURL(paths.canary).href)) as AnyPromptModule;
const langfuseCore = (await import(pathToFileURL(paths.langfuseCore).href)) as { ChatPromptClient: new (prompt: unknown) => { compile(variables: Record<string, string>): unknown } };
const langfuseTemplate = langfuseUserTemplate(userText);
if (langfuseTemplate === userText) throw new Error('template.hbs changed: the Langfuse row no longer replaces its orders loop.');
const langfusePrompt = new langfuseCore.ChatPromptClient(langfuseSetup(workload, langfuseTemplate));
const runtime = createPromptRuntime({ prompts: { 'runtime-workload': { stable, candidates: [canary] } }, flags: fileFlags(paths.flagsFile, { pollInterval: 0 }), opentelemetry: false });

// dotprompt: the template compiled once, rendered per request, its messages turned into chat messages (as dotpromptToChat in the consumer).
const dotpromptRender = await new Dotprompt().compile(dotpromptSource(workload, userText));
const toChat = (messages: DotpromptMessage[]) => messages.map((message) => ({ role: message.role === 'model' ? 'assistant' : message.role, content: message.content.map((part) => ('text' in part ? part.text : '')).join('') }));
const dotprompt = async () => toChat((await dotpromptRender({ input: variables })).messages);

// LaunchDarkly AI: the SDK offline on its TestData source, the AI Config 90/10; completionConfig evaluates the flag and interpolates (Mustache).
const canaryPolicyText = `${readFileSync(path.join(workloadSource, 'policy.md'), 'utf8')}${canaryPolicySuffix}`.replace(/\r?\n$/, '');
const launchDarklyTemplate = mustacheUserTemplate(userText);
if (launchDarklyTemplate === userText) throw new Error('template.hbs changed: the LaunchDarkly row no longer turns its orders loop into a Mustache section.');
const launchDarklyFlagValue = launchDarklyFlag(workload, launchDarklyTemplate, canaryPolicyText);
const testData = new launchDarklyIntegrations.TestData();
testData.usePreconfiguredFlag(launchDarklyFlagValue as Record<string, unknown>);
const launchDarkly = launchDarklyInit('bench', { updateProcessor: testData.getFactory(), sendEvents: false, diagnosticOptOut: true, logger: { error() {}, warn() {}, info() {}, debug() {} } });
await launchDarkly.waitForInitialization({ timeout: 10 });
const launchDarklyAi = initAi(launchDarkly);
const contexts = users.map((user) => ({ kind: 'user', key: user.userId }));
const completionConfig = async (index: number) => (await launchDarklyAi.completionConfig('runtime-workload', contexts[index & 1023]!, { enabled: false }, variables)) as { messages?: unknown };

// Faster must not mean different: every row builds the same messages for the stable version.
const expected = JSON.stringify(templateLiterals(variables));
for (const [name, messages] of [
  ['Handlebars', precompiled(variables)],
  ['render()', stable.render(variables).messages],
  ['Langfuse compile', langfusePrompt.compile(langfuseVariables(variables))],
  ['dotprompt', await dotprompt()],
] as const) {
  if (JSON.stringify(messages) !== expected) throw new Error(`${name} builds other messages than the template literals; the rows would not be comparable.`);
}

// runtime.render serves each user the version its flag picks: what it returns must be that version's render(), byte for byte.
const byVersion = new Map([stable, canary].map((module) => [module.manifest.version, module]));
for (const user of users) {
  const served = runtime.render('runtime-workload', variables, user) as { messages: unknown; meta: { version: string } };
  const direct = byVersion.get(served.meta.version)!.render(variables) as { messages: unknown };
  if (JSON.stringify(served.messages) !== JSON.stringify(direct.messages)) throw new Error(`runtime.render for ${user.userId} builds other messages than ${served.meta.version}'s render().`);
}

// LaunchDarkly buckets users its own way: each user's messages must be one version's render(), and both versions must be served.
const versionOfMessages = new Map([stable, canary].map((module) => [JSON.stringify((module.render(variables) as { messages: unknown }).messages), module.manifest.version]));
// Its consumers render for the first user it serves the stable version, whose messages the cold start and bundle checks compare with.
const launchDarklyServed = new Map<string, string>();
for (const [index, user] of users.entries()) {
  const version = versionOfMessages.get(JSON.stringify((await completionConfig(index)).messages));
  if (version === undefined) throw new Error(`LaunchDarkly AI builds other messages for ${user.userId} than either version's render().`);
  if (!launchDarklyServed.has(version)) launchDarklyServed.set(version, user.userId);
}
if (launchDarklyServed.size !== 2) throw new Error(`LaunchDarkly AI served only ${[...launchDarklyServed.keys()].join(', ')} to ${users.length} users; the rollout is not 90/10.`);
const launchDarklyStableUser = launchDarklyServed.get('1.0.0')!;

interface System {
  name: string;
  run: (index: number) => unknown;
  consumer: (mode: Mode) => string;
  /** How the system answers; default sync. */
  calling?: Calling;
}
const systems: System[] = [
  { name: 'template literals (the floor)', run: () => templateLiterals(variables), consumer: (mode) => floorConsumer(workload, mode) },
  { name: 'precompiled Handlebars alone (cold-start reference)', run: () => precompiled(variables), consumer: (mode) => handlebarsConsumer(workload, mode) },
  {
    name: 'unleash getVariant + precompiled Handlebars (naive)',
    run: (index) => (unleash.getVariant('prompt.runtime-workload', users[index & 1023]!), precompiled(variables)),
    consumer: (mode) => naiveConsumer(workload, mode),
  },
  { name: "a built package's render()", run: () => stable.render(variables), consumer: (mode) => renderConsumer(workload, paths, mode) },
  {
    name: 'Langfuse ChatPromptClient.compile (no flag evaluation; orders pre-joined)',
    run: () => langfusePrompt.compile(langfuseVariables(variables)),
    consumer: (mode) => langfuseConsumer(workload, paths, langfuseTemplate, mode),
  },
  { name: 'dotprompt compiled render (async; parts to chat messages)', run: dotprompt, consumer: (mode) => dotpromptConsumer(workload, userText, mode), calling: 'async' },
  {
    name: 'LaunchDarkly AI completionConfig (async; TestData 90/10)',
    run: completionConfig,
    consumer: (mode) => launchDarklyConsumer(workload, launchDarklyFlagValue, launchDarklyStableUser, mode),
    calling: 'async',
  },
  { name: 'promptpack runtime.render (file flags 90/10)', run: (index) => runtime.render('runtime-workload', variables, users[index & 1023]), consumer: (mode) => runtimeConsumer(workload, paths, mode) },
];

const bundles: (RenderBundle | undefined)[] = [];
const nanoseconds = await nanosecondsPerOp(
  systems.map((system) => system.run),
  systems.map((system) => system.calling ?? 'sync'),
);
const rows: Row[] = [];
for (const [index, system] of systems.entries()) {
  const entry = path.join(workdir, `consumer-${index}.mjs`);
  const cold = coldStart(entry, system.consumer('cold'), workdir);
  if (cold.length !== expected.length) throw new Error(`${entry} renders ${cold.length} characters of messages, the floor ${expected.length}.`);
  const bundleEntry = path.join(workdir, `consumer-${index}-bundled.mjs`);
  writeFileSync(bundleEntry, system.consumer('bundle'));
  let bundle: RenderBundle | undefined;
  try {
    bundle = renderBundle(bundleEntry, workdir);
  } catch {
    bundle = undefined;
  }
  if (bundle?.length !== undefined && bundle.length !== expected.length) throw new Error(`${bundleEntry} bundled renders ${bundle.length} characters of messages, the floor ${expected.length}: the bundle lost code it needs.`);
  bundles.push(bundle);
  rows.push({ name: system.name, nanoseconds: nanoseconds[index]!, bytes: await bytesPerOp(system.run, system.calling), coldMilliseconds: cold.milliseconds, bundleBytes: bundles[index]?.bytes, bundleRuns: bundles[index]?.length !== undefined });
}
const renderOnly = bundles[3];

const [floor, handlebars, naive, render, langfuse, dotpromptRow, launchDarklyRow, served] = rows as [Row, Row, Row, Row, Row, Row, Row, Row];
const ratio = (row: Row, base: Row) => row.nanoseconds / base.nanoseconds;
console.log(`promptpack runtime benchmark (node ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model.trim()}): one run`);
console.log("µs/op: median of 201 batches of ~0.25 ms each after warm-up, the systems' batches interleaved, each through its own timing loop;");
console.log('heap: bytes allocated per op over 200-op batches after a forced gc;');
console.log('cold start: fresh node process, import + init + first render, median of 7; bundle: esbuild --bundle --minify of that consumer,');
console.log('then run once: it must render the same messages ("does not run" when it fails).');
console.log('');
for (const line of table(rows)) console.log(line);
console.log('');
for (const line of goals([
  { text: 'runtime.render <= 4x the floor', measured: `${ratio(served, floor).toFixed(1)}x`, met: ratio(served, floor) <= 4 },
  { text: 'runtime.render >= 6x faster than the naive stack', measured: `${(naive.nanoseconds / served.nanoseconds).toFixed(1)}x`, met: naive.nanoseconds / served.nanoseconds >= 6 },
  { text: 'runtime.render >= 6x faster than Langfuse compile', measured: `${(langfuse.nanoseconds / served.nanoseconds).toFixed(1)}x`, met: langfuse.nanoseconds / served.nanoseconds >= 6 },
  { text: 'runtime.render >= 6x faster than dotprompt', measured: `${(dotpromptRow.nanoseconds / served.nanoseconds).toFixed(1)}x`, met: dotpromptRow.nanoseconds / served.nanoseconds >= 6 },
  { text: 'runtime.render >= 6x faster than LaunchDarkly AI', measured: `${(launchDarklyRow.nanoseconds / served.nanoseconds).toFixed(1)}x`, met: launchDarklyRow.nanoseconds / served.nanoseconds >= 6 },
  { text: 'render() alone <= 3x the floor', measured: `${ratio(render, floor).toFixed(1)}x`, met: ratio(render, floor) <= 3 },
  { text: 'runtime.render heap <= 3 KB per request', measured: `${(served.bytes / 1024).toFixed(1)} KB`, met: served.bytes <= 3 * 1024 },
  {
    text: 'runtime.render cold start <= 1.5x precompiled Handlebars',
    measured: `${(served.coldMilliseconds / handlebars.coldMilliseconds).toFixed(1)}x (${served.coldMilliseconds.toFixed(1)} vs ${handlebars.coldMilliseconds.toFixed(1)} ms)`,
    met: served.coldMilliseconds <= 1.5 * handlebars.coldMilliseconds,
  },
  {
    text: "a bundle that only calls a package's render() carries no eval cases",
    measured: !renderOnly ? 'the bundle did not build' : renderOnly.length === undefined ? 'the bundle does not run' : renderOnly.carriesEvals ? 'the evals manifest is in the bundle' : 'no evals manifest in the bundle',
    met: renderOnly !== undefined && renderOnly.length !== undefined && !renderOnly.carriesEvals,
  },
])) console.log(line);
await runtime.close();
unleash.destroy();
launchDarkly.close();
