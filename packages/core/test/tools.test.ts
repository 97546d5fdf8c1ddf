// tools.yaml as a prompt author writes it: loaded into LoadedPrompt.tools,
// hashed into contentHash, and every bad file reported at file:line:column.
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffPrompts, loadPrompt, promptContentHash } from '../src/index.js';

const fixture = path.join(import.meta.dirname, '__fixtures__/valid/order-help');
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-tools-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
function folderWith(tools: string | undefined): string {
  const dir = path.join(scratch, String(counter++), 'order-help');
  cpSync(fixture, dir, { recursive: true });
  if (tools !== undefined) writeFileSync(path.join(dir, 'tools.yaml'), tools);
  return dir;
}

const lookupOrder = `tools:
  - name: lookup_order
    description: Looks up one of the customer's orders by its number. Call it before answering anything about an order.
    parameters:
      type: object
      properties:
        orderId: { type: string, pattern: "^NW-[0-9]+$", description: The order number. }
        includeItems: { type: boolean }
      required: [orderId]
`;

const errors = (dir: string) =>
  loadPrompt(dir)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ code: d.code, file: path.basename(d.file), line: d.line, column: d.column, message: d.message }));

describe('tools.yaml', () => {
  it('is optional: a folder without it loads with no tools', () => {
    const result = loadPrompt(folderWith(undefined));
    expect(result.diagnostics).toEqual([]);
    expect(result.prompt?.tools).toEqual([]);
  });

  it('loads its tools in order, with parameters as declared', () => {
    const result = loadPrompt(folderWith(lookupOrder));
    expect(result.diagnostics).toEqual([]);
    expect(result.prompt?.tools).toEqual([
      {
        name: 'lookup_order',
        description: "Looks up one of the customer's orders by its number. Call it before answering anything about an order.",
        parameters: {
          type: 'object',
          properties: { orderId: { type: 'string', pattern: '^NW-[0-9]+$', description: 'The order number.' }, includeItems: { type: 'boolean' } },
          required: ['orderId'],
        },
      },
    ]);
  });

  it('changes contentHash when it is added or its text changes, and leaves a prompt without tools as it was', () => {
    const none = loadPrompt(folderWith(undefined)).prompt!;
    const withTools = loadPrompt(folderWith(lookupOrder)).prompt!;
    const reworded = loadPrompt(folderWith(lookupOrder.replace('Call it before', 'Use it before'))).prompt!;
    const reformatted = loadPrompt(folderWith(`# the same tool, keys in another order\n${lookupOrder.replace('        includeItems: { type: boolean }\n', '        includeItems:\n          type: boolean\n')}`)).prompt!;
    expect(promptContentHash(withTools)).not.toBe(promptContentHash(none));
    expect(promptContentHash(reworded)).not.toBe(promptContentHash(withTools));
    expect(promptContentHash(reformatted)).toBe(promptContentHash(withTools));
    // A reader that predates tools (no `tools` field) hashes a prompt without tools the same way.
    const { tools: _ignored, ...withoutField } = none;
    expect(promptContentHash(withoutField)).toBe(promptContentHash(none));
  });

  it('reports each bad tool file at file:line:column', () => {
    expect(errors(folderWith('tools:\n  - name: lookup order\n    description: x\n    parameters: { type: object, properties: {} }\n'))).toEqual([
      expect.objectContaining({ code: 'schema/invalid-value', file: 'tools.yaml', line: 2, column: 11 }),
    ]);
    expect(errors(folderWith('tools:\n  - name: a\n    parameters: { type: object, properties: {} }\n'))).toEqual([expect.objectContaining({ code: 'schema/missing-key', file: 'tools.yaml', line: 2, column: 5 })]);
    // Parameters are an object schema: a string root is refused (and an object's properties are required).
    expect(errors(folderWith('tools:\n  - name: a\n    description: x\n    parameters: { type: string }\n'))).toEqual([
      expect.objectContaining({ code: 'schema/missing-key', file: 'tools.yaml', line: 4, column: 17 }),
      expect.objectContaining({ code: 'schema/invalid-value', file: 'tools.yaml', line: 4, column: 25 }),
    ]);
    expect(errors(folderWith('tools: []\n'))).toEqual([expect.objectContaining({ code: 'schema/invalid-value', file: 'tools.yaml', line: 1, column: 8 })]);
    expect(errors(folderWith('tools:\n  - name: a\n    description: x\n    parameters: { type: object, properties: {} }\n    strcit: true\n'))).toEqual([
      expect.objectContaining({ code: 'schema/unknown-key', file: 'tools.yaml', line: 5, column: 5 }),
    ]);
    expect(errors(folderWith('tools:\n  - name: a\n    description: [unclosed\n'))).toEqual([expect.objectContaining({ code: 'yaml/syntax', file: 'tools.yaml' })]);
  });

  it('checks parameters with the rules of variables', () => {
    const bad = `tools:
  - name: a
    description: x
    parameters:
      type: object
      properties:
        code: { type: string, pattern: "^(a+)+$" }
        count: { type: integer, minimum: 5, maximum: 1 }
      required: [code, missing]
`;
    expect(errors(folderWith(bad)).map(({ code, line }) => ({ code, line }))).toEqual([
      { code: 'schema/unsafe-pattern', line: 7 },
      { code: 'schema/invalid-value', line: 8 },
      { code: 'schema/required-not-declared', line: 9 },
    ]);
  });

  it('refuses two tools with one name, pointing at the second', () => {
    const twice = `${lookupOrder}  - name: lookup_order\n    description: Another.\n    parameters: { type: object, properties: {} }\n`;
    expect(errors(folderWith(twice))).toEqual([
      { code: 'tools/duplicate-name', file: 'tools.yaml', line: 10, column: 11, message: 'Tool name "lookup_order" is already used by tool 1 (line 2).' },
    ]);
  });

  it('refuses a strict tool with an optional parameter, nested ones included', () => {
    const strict = lookupOrder.replace('    parameters:', '    strict: true\n    parameters:');
    expect(errors(folderWith(strict))).toEqual([
      expect.objectContaining({ code: 'tools/strict-optional', file: 'tools.yaml', line: 9, column: 9, message: expect.stringContaining('parameter "includeItems" is optional') }),
    ]);
    const fine = strict.replace('required: [orderId]', 'required: [orderId, includeItems]');
    expect(errors(folderWith(fine))).toEqual([]);
  });

  it('refuses a linked tools.yaml like every other prompt file', () => {
    const dir = folderWith(undefined);
    const outside = path.join(scratch, 'secret.yaml');
    writeFileSync(outside, lookupOrder);
    symlinkSync(outside, path.join(dir, 'tools.yaml'));
    expect(errors(dir)).toEqual([expect.objectContaining({ code: 'file/symlink', file: 'tools.yaml' })]);
  });

  it('refuses prototype keys as parameter names', () => {
    const hostile = 'tools:\n  - name: a\n    description: x\n    parameters:\n      type: object\n      properties:\n        __proto__: { type: string }\n';
    const found = errors(folderWith(hostile));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'tools.yaml', line: 7 });
  });
});

describe('tools in promptpack diff', () => {
  const side = (dir: string, requested: string) => ({ prompt: loadPrompt(dir).prompt!, endpoint: { requested, kind: 'working-tree' as const, source: dir } });

  it('shows tools as a part, with its line diff and semver changes, and `--only tools` keeps just it', () => {
    const before = side(folderWith(lookupOrder), 'before');
    const after = side(folderWith(lookupOrder.replace('required: [orderId]', 'required: [orderId, includeItems]')), 'after');
    const diff = diffPrompts(before, after, { only: 'tools' });
    expect(diff.parts.map((part) => part.part)).toEqual(['tools']);
    expect(diff.parts[0]).toMatchObject({ changed: true, bump: 'major', changes: [{ part: 'tools', bump: 'major', summary: 'tool "lookup_order": parameter "includeItems" now required (was optional)' }] });
    expect(diff.parts[0]?.text?.changedLines).toBeGreaterThan(0);
    expect(diff.bump).toBe('major');
  });

  it('leaves the tools part out for prompts that have none', () => {
    const diff = diffPrompts(side(folderWith(undefined), 'a'), side(folderWith(undefined), 'b'));
    expect(diff.parts.map((part) => part.part)).not.toContain('tools');
  });
});
