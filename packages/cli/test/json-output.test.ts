// validate --json and build --json: one JSON document on stdout, nothing else there, the same exit codes.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import type { Io } from '../src/output.js';
import { useOrderHelpRepo } from './order-help-repo.js';

const currentRepo = useOrderHelpRepo('promptpack-json-');

async function run(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { out: (line) => stdout.push(line), err: (line) => stderr.push(line), color: { out: true, err: true } };
  const code = await main(argv, io);
  return { code, json: JSON.parse(stdout.join('\n')) as Record<string, unknown>, stderr };
}

function breakTemplate(): void {
  const template = path.join(currentRepo(), 'prompts/order-help/template.hbs');
  writeFileSync(template, readFileSync(template, 'utf8').replace('{{customer.name}}', '{{custmer.name}}'));
}

describe('promptpack validate --json', () => {
  it('a valid prompt: ok, no diagnostics, exit 0', async () => {
    const { code, json, stderr } = await run('validate', '--json');
    expect(code).toBe(0);
    expect(stderr).toEqual([]);
    expect(json).toEqual({ specificationVersion: 1, ok: true, errors: 0, warnings: 0, prompts: [{ id: 'order-help', dir: 'prompts/order-help', ok: true, errors: 0, warnings: 0, diagnostics: [] }] });
  });

  it('each diagnostic with file, line, column, severity, code, message and hint; exit 1; no escape codes even on a colour terminal', async () => {
    breakTemplate();
    const { code, json, stderr } = await run('validate', 'prompts/order-help', '--json');
    expect(code).toBe(1);
    expect(stderr).toEqual([]);
    expect(json).toMatchObject({ ok: false, prompts: [{ id: 'order-help', ok: false }] });
    const [prompt] = json.prompts as { diagnostics: Record<string, unknown>[] }[];
    const unknown = prompt!.diagnostics.find((diagnostic) => diagnostic.code === 'template/unknown-variable');
    expect(unknown).toMatchObject({ file: 'prompts/order-help/template.hbs', line: 1, column: expect.any(Number), severity: 'error', message: expect.stringMatching(/custmer/), hint: expect.any(String) });
    expect(Object.keys(unknown!)).toEqual(['file', 'line', 'column', 'severity', 'code', 'message', 'hint', 'expected', 'path']);
    expect(json.errors).toBe(prompt!.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length);
    expect(JSON.stringify(json)).not.toContain('\x1b[');
  });
});

describe('promptpack build --json', () => {
  it('what each prompt built: package, version, the files written; then unchanged on a second build', async () => {
    const first = await run('build', '--json');
    expect(first.code).toBe(0);
    expect(first.stderr).toEqual([]);
    expect(first.json).toMatchObject({ specificationVersion: 1, ok: true, built: 1, failed: 0, prompts: [{ id: 'order-help', ok: true, package: '@acme/prompt-order-help', version: expect.any(String), removed: [], diagnostics: [] }] });
    const [built] = first.json.prompts as { written: string[] }[];
    expect(built!.written).toContain('dist/index.js');
    const second = await run('build', '--json');
    expect((second.json.prompts as { written: string[]; unchanged: string[] }[])[0]).toMatchObject({ written: [], unchanged: expect.arrayContaining(['dist/index.js']) });
  });

  it('a prompt with errors: not built, its diagnostics, exit 1', async () => {
    breakTemplate();
    const { code, json } = await run('build', '--json');
    expect(code).toBe(1);
    expect(json).toMatchObject({ ok: false, built: 0, failed: 1, prompts: [{ id: 'order-help', ok: false, package: null, version: null, written: [] }] });
    expect((json.prompts as { diagnostics: { code: string }[] }[])[0]!.diagnostics.map((diagnostic) => diagnostic.code)).toContain('template/unknown-variable');
  });
});
