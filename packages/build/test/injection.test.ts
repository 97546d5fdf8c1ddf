import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedPrompt } from '@promptpack/core';
import type { ObjectNode, StringNode } from '@promptpack/spec';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAndImport, copyFixture, loadFixture, scratchDir, type GeneratedModule } from './temp-build.js';

// Every way a piece of user text could end a string, a comment or a script
// and run what follows; each run of the injected code sets this global.
const flag = '__promptpackInjected';
const escapes = ['\n', '\r', '\r\n', '\u2028', '\u2029', '*/', '-->', '</script>', '"', "'", '`', '${', '\\'];
const payload = escapes.map((escape) => `${escape};globalThis.${flag}=1;//`).join('');
const hostile = (label: string) => `${label} ${payload}`;

type Global = typeof globalThis & { [flag]?: unknown };

/**
 * The fixture with hostile text in every user-controlled string that reaches
 * generated code. The package name is set in memory, past the loader's npm
 * name check, to prove the emitter alone never lets text become code.
 */
function hostilePrompt(prompt: LoadedPrompt): LoadedPrompt {
  const variables = structuredClone(prompt.spec.variables);
  const customer = variables.properties.customer as ObjectNode;
  (customer.properties.tier as StringNode).enum = ['free', hostile('tier')];
  customer.description = hostile('customer description');
  // Property names are identifiers by the loader's rules; set past them, a name still only reaches code quoted.
  variables.properties[hostile('name')] = { type: 'string', description: hostile('name description') };
  const output = structuredClone(prompt.spec.output) as ObjectNode;
  (output.properties.decision as StringNode).enum = ['reply', hostile('decision')];
  const evals = structuredClone(prompt.evals);
  evals.cases[0]!.id = hostile('case id');
  evals.cases[0]!.description = hostile('case description');
  (evals.cases[0]!.variables as { ticket: { body: string } }).ticket.body = hostile('case body');
  return {
    ...prompt,
    packageJson: { ...prompt.packageJson, name: hostile('@acme/prompt-support-mini') },
    spec: { ...prompt.spec, id: hostile('id'), description: hostile('description'), owners: [hostile('owner')], variables, output, model: { ...prompt.spec.model, stop: [hostile('stop')] } },
    sources: { ...prompt.sources, policy: `${prompt.sources.policy}\n${hostile('policy')}`, template: `${prompt.sources.template}\n${hostile('template')}` },
    fewshots: [{ user: hostile('fewshot user'), assistant: hostile('fewshot assistant') }],
    evals,
  };
}

const scratch = scratchDir();
let dir: string;
let esm: GeneratedModule;
let cjs: GeneratedModule;

beforeAll(async () => {
  delete (globalThis as Global)[flag];
  dir = path.join(scratch.dir, 'support-mini');
  const prompt = hostilePrompt(loadFixture(copyFixture('support-mini', scratch.dir)));
  ({ esm, cjs } = await buildAndImport(prompt, dir));
});
afterAll(() => scratch.cleanup());

test('the payload holds every line terminator and comment or string closer', () => {
  for (const escape of ['\n', '\r', '\u2028', '\u2029', '*/', '-->', '</script>']) expect(payload).toContain(escape);
});

test('importing the generated modules runs none of the injected code', () => {
  expect(esm.id).toBe(hostile('id'));
  expect(cjs.id).toBe(hostile('id'));
  expect((globalThis as Global)[flag]).toBeUndefined();
});

describe.each(['esm', 'cjs'] as const)('%s: every hostile string round-trips as data', (format) => {
  const load = () => (format === 'esm' ? esm : cjs);
  const variables = { customer: { name: 'Ada', tier: hostile('tier') }, ticket: { subject: 'S', body: 'B' }, orders: [] };

  test('package name, id, description and owners', () => {
    const { manifest } = load();
    expect(manifest.name).toBe(hostile('@acme/prompt-support-mini'));
    expect(manifest.description).toBe(hostile('description'));
    expect(manifest.owners).toEqual([hostile('owner')]);
    expect(load().render(variables).meta).toMatchObject({ id: hostile('id'), name: hostile('@acme/prompt-support-mini') });
  });

  test('policy, few-shots, template, enum values and model stop sequences', () => {
    const result = load().render(variables);
    expect(result.messages[0]!.content.endsWith(hostile('policy'))).toBe(true);
    expect(result.messages[1]!.content).toBe(hostile('fewshot user'));
    expect(result.messages[2]!.content).toBe(hostile('fewshot assistant'));
    expect(result.messages.at(-1)!.content).toContain(`Customer: Ada (${hostile('tier')})`);
    expect(result.messages.at(-1)!.content.endsWith(hostile('template'))).toBe(true);
    expect(result.model.stop).toEqual([hostile('stop')]);
    expect(load().parseOutput(JSON.stringify({ decision: hostile('decision'), reply: 'ok' }))).toEqual({ decision: hostile('decision'), reply: 'ok' });
  });

  test('a variable name', () => {
    expect(load().safeRender({ ...variables, [hostile('name')]: 'value' }).success).toBe(true);
    expect(load().safeRender({ ...variables, [hostile('name')]: 1 }).success).toBe(false);
    const schema = load().manifest.variables as { properties: Record<string, { description: string }> };
    expect(schema.properties[hostile('name')]!.description).toBe(hostile('name description'));
  });

  test('variable descriptions and eval case text', () => {
    const schema = load().manifest.variables as { properties: { customer: { description: string } } };
    expect(schema.properties.customer.description).toBe(hostile('customer description'));
    const [first] = load().evals.cases as Array<{ id: string; description: string; variables: { ticket: { body: string } } }>;
    expect(first).toMatchObject({ id: hostile('case id'), description: hostile('case description'), variables: { ticket: { body: hostile('case body') } } });
  });
});

test('the declarations parse, with exactly the statements of a harmless build', () => {
  const text = readFileSync(path.join(dir, 'dist/index.d.ts'), 'utf8');
  const file = ts.createSourceFile('index.d.ts', text, ts.ScriptTarget.Latest, true);
  const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  expect(diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))).toEqual([]);
  const names = file.statements.map((statement) => (ts.isVariableStatement(statement) ? statement.declarationList.declarations[0]!.name.getText(file) : (statement as ts.DeclarationStatement).name?.getText(file)));
  expect(names).toContain('Variables');
  expect(names.filter((name) => name === undefined)).toHaveLength(2); // the zod import and `export default prompt`
});
