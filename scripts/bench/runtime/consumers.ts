// Each row's service as a standalone ES module: what a service of that kind
// imports, sets up and does for its first request. The same text is run in a
// fresh Node process (cold start: it prints the milliseconds from before its
// first import to after its first render) and bundled with esbuild (the
// bytes a service that only renders ships).

export interface Workload {
  policy: string;
  fewshots: { role: string; content: string }[];
  variables: Record<string, unknown>;
  features: unknown;
  /** Handlebars.precompile output (JS expressions) for policy.md and template.hbs. */
  precompiled: { policy: string; user: string };
}

export interface ConsumerPaths {
  stable: string;
  canary: string;
  runtime: string;
  flagsFile: string;
  /** langfuse-core's ESM entry: langfuse 3's own ESM entry does not export ChatPromptClient (its types claim it does), and pnpm does not hoist langfuse-core. */
  langfuseCore: string;
}

const json = JSON.stringify;

/**
 * `cold`: imports after the clock starts (dynamic), so they are timed.
 * `bundle`: static imports, as a service writes them, so a bundler can drop
 * what the service does not use (a dynamic import keeps a whole module).
 */
export type Mode = 'cold' | 'bundle';

type Binding = { named: string[] } | { namespace: string } | { default: string };

function importLine(mode: Mode, binding: Binding, specifier: string): string {
  const from = json(specifier);
  if ('named' in binding) return mode === 'cold' ? `const { ${binding.named.join(', ')} } = await import(${from});` : `import { ${binding.named.join(', ')} } from ${from};`;
  if ('namespace' in binding) return mode === 'cold' ? `const ${binding.namespace} = await import(${from});` : `import * as ${binding.namespace} from ${from};`;
  return mode === 'cold' ? `const ${binding.default} = (await import(${from})).default;` : `import ${binding.default} from ${from};`;
}

// Started before the first import, read after the first render.
const clockStart = 'const started = performance.now();';
const clockEnd = 'console.log(JSON.stringify({ milliseconds: performance.now() - started, length: JSON.stringify(messages).length }));';

export function floorConsumer(workload: Workload, _mode: Mode): string {
  return [
    clockStart,
    `const policyParts = ${json(workload.policy.split(/\{\{(company|team)\}\}/))};`,
    `const fewshots = ${json(workload.fewshots)};`,
    'function render(vars) {',
    "  let system = '';",
    '  for (let index = 0; index < policyParts.length; index += 1) system += index % 2 === 0 ? policyParts[index] : vars[policyParts[index]];',
    "  const user = `Customer: ${vars.customer} (plan: ${vars.tier})\\nSubject: ${vars.subject}\\n\\n${vars.body}\\n\\nRecent orders:\\n${vars.orders.map((order) => `- ${order.id}: ${order.status}\\n`).join('')}`;",
    "  return [{ role: 'system', content: system }, ...fewshots, { role: 'user', content: user }];",
    '}',
    `const messages = render(${json(workload.variables)});`,
    clockEnd,
  ].join('\n');
}

function handlebarsSetup(workload: Workload, mode: Mode): string[] {
  return [
    importLine(mode, { default: 'Handlebars' }, 'handlebars/runtime.js'),
    `const policyTemplate = Handlebars.template(${workload.precompiled.policy});`,
    `const userTemplate = Handlebars.template(${workload.precompiled.user});`,
    `const fewshots = ${json(workload.fewshots)};`,
    'const render = (vars) => [{ role: "system", content: policyTemplate(vars) }, ...fewshots, { role: "user", content: userTemplate(vars) }];',
  ];
}

export function handlebarsConsumer(workload: Workload, mode: Mode): string {
  return [clockStart, ...handlebarsSetup(workload, mode), `const messages = render(${json(workload.variables)});`, clockEnd].join('\n');
}

export function naiveConsumer(workload: Workload, mode: Mode): string {
  return [
    clockStart,
    importLine(mode, { named: ['Unleash'] }, 'unleash-client'),
    ...handlebarsSetup(workload, mode),
    `const unleash = new Unleash({ appName: 'bench', url: 'http://127.0.0.1/none', disableMetrics: true, refreshInterval: 0, skipInstanceCountWarning: true, bootstrap: { data: ${json((workload.features as { features: unknown }).features)} }, storageProvider: { get: async () => undefined, set: async () => {} } });`,
    "await new Promise((resolve) => unleash.once('ready', resolve));",
    "unleash.getVariant('prompt.runtime-workload', { userId: 'user-1' });",
    `const messages = render(${json(workload.variables)});`,
    clockEnd,
    'unleash.destroy();',
  ].join('\n');
}

export function renderConsumer(workload: Workload, paths: ConsumerPaths, mode: Mode): string {
  return [clockStart, importLine(mode, { named: ['render'] }, paths.stable), `const { messages } = render(${json(workload.variables)});`, clockEnd].join('\n');
}

export function runtimeConsumer(workload: Workload, paths: ConsumerPaths, mode: Mode): string {
  return [
    clockStart,
    importLine(mode, { named: ['createPromptRuntime', 'fileFlags'] }, paths.runtime),
    importLine(mode, { namespace: 'stable' }, paths.stable),
    importLine(mode, { namespace: 'canary' }, paths.canary),
    `const runtime = createPromptRuntime({ prompts: { 'runtime-workload': { stable, candidates: [canary] } }, flags: fileFlags(${json(paths.flagsFile)}, { pollInterval: 0 }), opentelemetry: false });`,
    `const { messages } = runtime.render('runtime-workload', ${json(workload.variables)}, { userId: 'user-1' });`,
    clockEnd,
    'await runtime.close();',
  ].join('\n');
}

/**
 * Langfuse's ChatPromptClient as a service holds it after fetching a chat
 * prompt (here built locally, no server): the system policy, the few-shots
 * and the user template as messages. Its compile() only replaces plain
 * {{variable}}s, so the orders loop is passed as one pre-joined variable.
 */
export function langfuseSetup(workload: Workload, userTemplate: string): unknown {
  return {
    name: 'runtime-workload',
    version: 1,
    config: {},
    labels: [],
    tags: [],
    type: 'chat',
    prompt: [{ role: 'system', content: workload.policy }, ...workload.fewshots, { role: 'user', content: userTemplate }],
  };
}

/** The user template in Langfuse's language: the {{#each}} loop replaced by one variable the caller fills. */
export const langfuseUserTemplate = (template: string) => template.replace(/\{\{#each orders\}\}\n- \{\{id\}\}: \{\{status\}\}\n\{\{\/each\}\}\n/, '{{orders}}');

/** Everything compile() takes is a string: the orders joined as the floor's loop writes them. */
export const langfuseVariables = (vars: Record<string, unknown>) => ({ ...vars, orders: (vars.orders as { id: string; status: string }[]).map((order) => `- ${order.id}: ${order.status}\n`).join('') }) as Record<string, string>;

export function langfuseConsumer(workload: Workload, paths: ConsumerPaths, userTemplate: string, mode: Mode): string {
  return [
    clockStart,
    importLine(mode, { named: ['ChatPromptClient'] }, paths.langfuseCore),
    `const prompt = new ChatPromptClient(${json(langfuseSetup(workload, userTemplate))});`,
    `const vars = ${json(workload.variables)};`,
    "const messages = prompt.compile({ ...vars, orders: vars.orders.map((order) => `- ${order.id}: ${order.status}\\n`).join('') });",
    clockEnd,
  ].join('\n');
}

/** The user template in Mustache, which LaunchDarkly AI interpolates with: the {{#each}} loop as a section over the same list. */
export const mustacheUserTemplate = (template: string) => template.replace('{{#each orders}}', '{{#orders}}').replace('{{/each}}', '{{/orders}}');

/**
 * An AI Config as LaunchDarkly serves it, 90/10 like the other rows' flags:
 * each variation is a completion config whose messages are the version's
 * policy, the few-shots and the user template. Given to the SDK through its
 * own TestData source (no network), as a preconfigured flag so the rollout
 * is a real percentage rollout bucketed by the SDK.
 */
export function launchDarklyFlag(workload: Workload, userTemplate: string, canaryPolicy: string): unknown {
  const variation = (version: string, policy: string) => ({
    _ldMeta: { enabled: true, variationKey: version, version: 1, mode: 'completion' },
    model: { name: 'bench-model' },
    messages: [{ role: 'system', content: policy }, ...workload.fewshots, { role: 'user', content: userTemplate }],
  });
  return {
    key: 'runtime-workload',
    version: 1,
    on: true,
    salt: 'runtime-workload',
    variations: [variation('1.0.0', workload.policy), variation('1.1.0', canaryPolicy)],
    offVariation: 0,
    fallthrough: { rollout: { variations: [{ variation: 0, weight: 90_000 }, { variation: 1, weight: 10_000 }] } },
  };
}

/** The SDK set up as a service sets it up, offline: TestData instead of the streaming connection, no events sent, quiet. */
export const launchDarklyOptions = "{ updateProcessor: testData.getFactory(), sendEvents: false, diagnosticOptOut: true, logger: { error() {}, warn() {}, info() {}, debug() {} } }";

export function launchDarklyConsumer(workload: Workload, flag: unknown, userKey: string, mode: Mode): string {
  return [
    clockStart,
    importLine(mode, { named: ['init', 'integrations'] }, '@launchdarkly/node-server-sdk'),
    importLine(mode, { named: ['initAi'] }, '@launchdarkly/server-sdk-ai'),
    'const testData = new integrations.TestData();',
    `testData.usePreconfiguredFlag(${json(flag)});`,
    `const client = init('bench', ${launchDarklyOptions});`,
    'await client.waitForInitialization({ timeout: 10 });',
    'const ai = initAi(client);',
    `const { messages } = await ai.completionConfig('runtime-workload', { kind: 'user', key: ${json(userKey)} }, { enabled: false }, ${json(workload.variables)});`,
    clockEnd,
    'client.close();',
  ].join('\n');
}

/**
 * The workload as one .prompt template (dotprompt's Handlebars, which runs
 * the loop as written): `{{role}}` markers split it into the policy, the
 * few-shot turns (dotprompt calls the assistant `model`) and the user
 * template. No frontmatter: with one, dotprompt trims the body.
 */
export function dotpromptSource(workload: Workload, userTemplate: string): string {
  const turns = workload.fewshots.map((shot) => `{{role "${shot.role === 'assistant' ? 'model' : shot.role}"}}${shot.content}`).join('');
  return `{{role "system"}}${workload.policy}${turns}{{role "user"}}${userTemplate}`;
}

/** dotprompt's messages (parts, role `model`) as the chat messages every other row returns: what a caller sending them to an OpenAI-style API writes. */
export const dotpromptToChat = 'const toChat = (messages) => messages.map((message) => ({ role: message.role === "model" ? "assistant" : message.role, content: message.content.map((part) => part.text).join("") }));';

export function dotpromptConsumer(workload: Workload, userTemplate: string, mode: Mode): string {
  return [
    clockStart,
    importLine(mode, { named: ['Dotprompt'] }, 'dotprompt'),
    dotpromptToChat,
    `const render = await new Dotprompt().compile(${json(dotpromptSource(workload, userTemplate))});`,
    `const messages = toChat((await render({ input: ${json(workload.variables)} })).messages);`,
    clockEnd,
  ].join('\n');
}
