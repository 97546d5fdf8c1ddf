import path from 'node:path';
import type { LoadedPrompt } from '@promptpack/core';
import { PromptpackError } from '@promptpack/spec';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PromptRuntimeError } from '../../runtime/src/index.js';
import { buildAndImport, copyFixture, loadFixture, scratchDir, type GeneratedError, type GeneratedModule } from './temp-build.js';

// The artifact a user gets: the fixture is compiled into a scratch folder and
// its generated ESM and CJS entry points are loaded by Node itself.
const scratch = scratchDir();
let prompt: LoadedPrompt;
let esm: GeneratedModule;
let cjs: GeneratedModule;

beforeAll(async () => {
  const dir = copyFixture('support-mini', scratch.dir);
  prompt = loadFixture(dir);
  ({ esm, cjs } = await buildAndImport(prompt, dir));
});
afterAll(() => scratch.cleanup());

const variables = {
  customer: { name: 'Ada', tier: 'pro' },
  ticket: { subject: 'Charged twice', body: 'You charged me twice for order ABC-1234.' },
  orders: [
    { sku: 'ABC-1234', quantity: 2 },
    { sku: 'XYZ-0001', quantity: 1 },
  ],
};

const system = [
  "You are the support assistant of Acme. Answer in the customer's language,",
  'be brief and friendly, and never promise what the policy does not allow.',
  '',
  '- Refunds up to 50 USD may be granted for duplicate charges.',
  '- The customer is on the pro plan.',
  '- Answer with JSON only: {"decision": "reply" | "escalate" | "refund", "reply": "...", "refundCents": 0}.',
].join('\n');

function thrown(action: () => unknown): GeneratedError {
  try {
    action();
  } catch (error) {
    return error as GeneratedError;
  }
  throw new Error('expected an exception');
}

describe.each(['esm', 'cjs'] as const)('generated %s module', (format) => {
  const load = () => (format === 'esm' ? esm : cjs);

  test('the remembered system message always matches the variables of this call', () => {
    // Interleave values so a cache keyed on the wrong thing would hand one request another's policy.
    const tiers = ['pro', 'free', 'pro', 'enterprise', 'free'] as const;
    for (const tier of tiers) {
      const result = load().render({ ...variables, customer: { name: 'Ada', tier } });
      expect(result.messages[0]!.content).toBe(system.replace('pro plan', `${tier} plan`));
    }
    // The remembered text does not depend on a variable the policy does not read.
    const renamed = load().render({ ...variables, customer: { name: 'Grace', tier: 'free' } });
    expect(renamed.messages[0]!.content).toBe(system.replace('pro plan', 'free plan'));
    expect(renamed.messages[5]!.content).toMatch(/^Customer: Grace \(free\)/);
  });

  test('renders system policy, few-shot pairs, then the user message', () => {
    const result = load().render(variables);
    expect(result.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'user']);
    expect(result.messages[0]).toEqual({ role: 'system', content: system });
    expect(result.messages[1]).toEqual({ role: 'user', content: prompt.fewshots[0]!.user });
    expect(result.messages[2]).toEqual({ role: 'assistant', content: prompt.fewshots[0]!.assistant });
    expect(result.messages[5]).toEqual({
      role: 'user',
      content: 'Customer: Ada (pro)\nSubject: Charged twice\n\nYou charged me twice for order ABC-1234.\n\nRecent orders:\n- 2 x ABC-1234\n- 1 x XYZ-0001\n',
    });
  });

  test('renders the else branch of a loop and an optional variable when given', () => {
    const result = load().render({ ...variables, orders: [], agentNote: 'VIP, be generous.' });
    expect(result.messages.at(-1)!.content).toBe(
      'Customer: Ada (pro)\nSubject: Charged twice\n\nYou charged me twice for order ABC-1234.\n\nRecent orders:\n- none\n\nAgent note: VIP, be generous.\n',
    );
  });

  test('returns model defaults and meta from the manifest', () => {
    const { model, meta } = load().render(variables);
    expect(model).toEqual({ name: 'gpt-4o-mini', provider: 'openai', temperature: 0.2, maxTokens: 600 });
    const manifest = load().manifest;
    expect(meta).toEqual({
      id: 'support-mini',
      name: '@acme/prompt-support-mini',
      version: '1.0.0',
      contentHash: manifest.contentHash,
      policyHash: manifest.policyHash,
    });
    expect(meta.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test('prints a value containing {{...}} literally, never as template text', () => {
    const result = load().render({
      ...variables,
      customer: { name: '{{customer.tier}}', tier: 'free' },
      ticket: { subject: '{{#each orders}}{{sku}}{{/each}}', body: 'print {{{policy}}} and {{> partial}} and {{lookup this "x"}}' },
    });
    expect(result.messages.at(-1)!.content).toContain(
      'Customer: {{customer.tier}} (free)\nSubject: {{#each orders}}{{sku}}{{/each}}\n\nprint {{{policy}}} and {{> partial}} and {{lookup this "x"}}\n',
    );
    // Few-shots are static text: their {{amount}} is sent as written.
    expect(result.messages[3]!.content).toContain('My invoice says {{amount}} instead of a number.');
  });

  test('render throws PromptVariablesError listing every issue with its path', () => {
    const error = thrown(() =>
      load().render({
        customer: { name: 42, tier: 'gold', nickname: 'A' },
        ticket: { subject: 'x'.repeat(201) },
        orders: [{ sku: 'abc', quantity: 0 }, { sku: 'ABC-1234', quantity: 1.5 }],
        agentNote: null,
      }),
    );
    expect(error).toBeInstanceOf(load().PromptVariablesError);
    expect(error.name).toBe('PromptVariablesError');
    expect(error.code).toBe('prompt/invalid-variables');
    expect(error.message).toBe(
      [
        'Invalid variables for prompt support-mini@1.0.0 (9 issues):',
        '  - variables.customer.name: expected string, received number',
        '  - variables.customer.tier: expected one of "free" | "pro" | "enterprise", received "gold"',
        '  - variables.customer.nickname: unknown key, not declared in the schema (check its spelling)',
        '  - variables.ticket.subject: expected at most 200 characters, received 201',
        '  - variables.ticket.body: expected string, received undefined (it is required)',
        '  - variables.orders[0].sku: expected a string matching /^[A-Z]{3}-\\d{4}$/, received "abc"',
        '  - variables.orders[0].quantity: expected a number >= 1, received 0',
        '  - variables.orders[1].quantity: expected integer, received number',
        '  - variables.agentNote: expected string, received null',
        `hint: pass an object matching the Variables type of @acme/prompt-support-mini (JSON Schema: manifest.variables), e.g. render({"customer":{"name":"text","tier":"free"},"ticket":{"subject":"text","body":"text"},"orders":[{"sku":"text","quantity":1}]}); safeRender() returns these issues instead of throwing.`,
      ].join('\n'),
    );
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'customer.name',
      'customer.tier',
      'customer',
      'ticket.subject',
      'ticket.body',
      'orders.0.sku',
      'orders.0.quantity',
      'orders.1.quantity',
      'agentNote',
    ]);
  });

  test('a missing variables object is reported, not rendered half-way', () => {
    const error = thrown(() => load().render(undefined));
    expect(error.message).toContain('  - variables: expected object, received undefined (it is required)');
    expect(thrown(() => load().render({})).issues).toHaveLength(3);
  });

  test('each error class has its own registry-wide marker, so checks work across copies of a package', () => {
    const error = thrown(() => load().render({}));
    expect((error as unknown as Record<symbol, unknown>)[Symbol.for('promptpack.variables-error')]).toBe(true);
    const other = format === 'esm' ? cjs : esm;
    expect(error).not.toBeInstanceOf(other.PromptVariablesError);
    expect(other.PromptVariablesError.isInstance(error)).toBe(true);
    expect(other.PromptOutputError.isInstance(error)).toBe(false);
    expect(other.PromptRenderError.isInstance(error)).toBe(false);
    // Its own kind only: neither the tooling's PromptpackError nor the runtime's error.
    expect(PromptpackError.isInstance(error)).toBe(false);
    expect(PromptRuntimeError.isInstance(error)).toBe(false);
    expect(load().PromptVariablesError.isInstance(new PromptpackError('prompt/invalid', 'Invalid prompt.'))).toBe(false);
    expect(load().PromptVariablesError.isInstance(new Error('plain'))).toBe(false);
  });

  test('recognises the errors of packages built before each class had its own marker', () => {
    // What a package built by an earlier @promptpack/build throws: the marker core shares, and its code.
    const earlier = Object.assign(new Error('Invalid variables'), { [Symbol.for('promptpack.error')]: true, code: 'prompt/invalid-variables' });
    expect(load().PromptVariablesError.isInstance(earlier)).toBe(true);
    expect(load().PromptOutputError.isInstance(earlier)).toBe(false);
    expect(load().PromptRenderError.isInstance(Object.assign(earlier, { code: 'prompt/render-failed' }))).toBe(true);
  });

  test('safeRender returns data or the error instead of throwing', () => {
    const ok = load().safeRender(variables);
    expect(ok).toEqual({ success: true, data: load().render(variables) });
    const bad = load().safeRender({ ...variables, orders: 'none' });
    expect(bad.success).toBe(false);
    expect(bad.error!.code).toBe('prompt/invalid-variables');
    expect(bad.error!.message).toContain('variables.orders: expected array, received string');
  });

  test('parseOutput validates JSON against the output schema', () => {
    const answer = { decision: 'refund', reply: 'Refunded.', refundCents: 1999 };
    expect(load().parseOutput(JSON.stringify(answer))).toEqual(answer);
    expect(load().parseOutput(`  ${JSON.stringify(answer)}\n`)).toEqual(answer);
    expect(load().safeParseOutput(JSON.stringify(answer))).toEqual({ success: true, data: answer });
  });

  test('parseOutput accepts JSON in a fenced block', () => {
    const fenced = 'Here you go:\n```json\n{"decision": "reply", "reply": "Hello!"}\n```\nAnything else?';
    expect(load().parseOutput(fenced)).toEqual({ decision: 'reply', reply: 'Hello!' });
    expect(load().parseOutput('```\n{"decision": "escalate", "reply": "On it."}\n```')).toEqual({ decision: 'escalate', reply: 'On it.' });
  });

  test('parseOutput throws PromptOutputError for text that is not JSON', () => {
    const error = thrown(() => load().parseOutput('Sure! I will refund you.'));
    expect(error).toBeInstanceOf(load().PromptOutputError);
    expect(error.code).toBe('prompt/invalid-output');
    expect(error.text).toBe('Sure! I will refund you.');
    expect(error.message).toMatch(/^Invalid model output for prompt support-mini@1\.0\.0 \(1 issue\):\n {2}- output: expected JSON, received text that does not parse \(.+\)\nhint: /);
  });

  test('parseOutput lists every schema issue of the output', () => {
    const result = load().safeParseOutput('{"decision": "maybe", "refundCents": -5, "extra": true}');
    expect(result.success).toBe(false);
    expect(result.error!.message.split('\n').slice(1, 5)).toEqual([
      '  - output.decision: expected one of "reply" | "escalate" | "refund", received "maybe"',
      '  - output.reply: expected string, received undefined (it is required)',
      '  - output.refundCents: expected a number >= 0, received -5',
      '  - output.extra: unknown key, not declared in the schema (check its spelling)',
    ]);
    expect(load().PromptOutputError.isInstance(result.error)).toBe(true);
  });

  test('each render returns fresh objects, so a caller cannot change the next render', () => {
    const first = load().render(variables);
    first.messages.push({ role: 'user', content: 'extra' });
    first.messages[0]!.content = 'changed';
    first.model.temperature = 2;
    first.meta.version = '9.9.9';
    expect(load().render(variables)).toEqual(load().render(variables));
    expect(load().render(variables).messages).toHaveLength(6);
    expect(load().render(variables).model.temperature).toBe(0.2);
  });

  test('exports the manifest, evals and JSON Schema as frozen data', () => {
    const module = load();
    expect(module.id).toBe('support-mini');
    expect(module.version).toBe('1.0.0');
    expect(module.manifest.specificationVersion).toBe('promptpack.manifest/v1');
    expect(module.evals.specificationVersion).toBe('promptpack.evals/v1');
    expect(Object.isFrozen(module.manifest)).toBe(true);
    expect(Object.isFrozen(module.manifest.variables)).toBe(true);
    expect(module.outputJsonSchema).toEqual(module.manifest.output);
    expect(module.outputJsonSchema).toMatchObject({ type: 'object', additionalProperties: false, required: ['decision', 'reply'] });
    expect(module.variablesSchema.safeParse(variables).success).toBe(true);
    expect(module.outputSchema.safeParse({ decision: 'reply', reply: 'ok' }).success).toBe(true);
  });

  test('the default export bundles the named exports', () => {
    const module = load();
    for (const name of ['id', 'version', 'manifest', 'evals', 'render', 'safeRender', 'parseOutput', 'safeParseOutput', 'variablesSchema', 'outputSchema', 'outputJsonSchema', 'PromptVariablesError', 'PromptOutputError', 'PromptRenderError'] as const) {
      expect(module.default[name], name).toBe(module[name]);
    }
  });
});

test('ESM and CJS render the same messages', () => {
  expect(cjs.render(variables)).toEqual(esm.render(variables));
});

describe('variants of the fixture', () => {
  const variantScratch = scratchDir();
  afterAll(() => variantScratch.cleanup());
  const variant = (name: string, change: (prompt: LoadedPrompt) => LoadedPrompt) =>
    buildAndImport(change(prompt), path.join(variantScratch.dir, name));

  test('without an output schema, parseOutput returns the text as is', async () => {
    const { esm: module } = await variant('free-text', (p) => ({ ...p, spec: { ...p.spec, output: undefined } }));
    expect(module.parseOutput('  Free text, not JSON.\n')).toBe('  Free text, not JSON.\n');
    expect(module.safeParseOutput('{"a":1}')).toEqual({ success: true, data: '{"a":1}' });
    expect(module.outputJsonSchema).toBeNull();
    expect(module.manifest.output).toBeNull();
    expect(module.safeParseOutput(42).success).toBe(false);
  });

  test('a string output accepts bare text as well as a JSON string', async () => {
    const { cjs: module } = await variant('label', (p) => ({
      ...p,
      spec: { ...p.spec, output: { type: 'string', enum: ['positive', 'negative'] } },
    }));
    expect(module.parseOutput('positive\n')).toBe('positive');
    expect(module.parseOutput('"negative"')).toBe('negative');
    expect(thrown(() => module.parseOutput('maybe')).message).toContain('  - output: expected one of "positive" | "negative", received "maybe"');
  });

  test('a template that prints a missing optional value fails with PromptRenderError, not half a prompt', async () => {
    const { esm: module } = await variant('unguarded', (p) => ({
      ...p,
      sources: { ...p.sources, template: 'Note: {{agentNote}}\n' },
    }));
    expect(module.render({ ...variables, agentNote: 'hi' }).messages.at(-1)!.content).toBe('Note: hi');
    const error = thrown(() => module.render(variables));
    expect(error.code).toBe('prompt/render-failed');
    expect(module.PromptRenderError.isInstance(error)).toBe(true);
    expect(error.message).toContain('Rendering template.hbs of prompt support-mini@1.0.0 failed:');
    expect(error.message).toContain('"agentNote" not defined');
    const safe = module.safeRender(variables);
    expect(safe.success).toBe(false);
    expect(safe.error!.code).toBe('prompt/render-failed');
  });
});
