// evals.yaml's tool assertions against tools.yaml: a name no tool has, or a
// tool assertion in a prompt without tools, is an error at file:line:column.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '@promptpack/spec';
import { loadPrompt } from '../src/index.js';

const fixture = path.join(import.meta.dirname, '__fixtures__/valid/order-help');
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-eval-tools-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const tools = `tools:
  - name: lookup_order
    description: Looks up one of the customer's orders by its number.
    parameters:
      type: object
      properties:
        orderId: { type: string }
      required: [orderId]
  - name: issue_refund
    description: Refunds an order.
    parameters:
      type: object
      properties:
        orderId: { type: string }
        amountCents: { type: integer }
      required: [orderId, amountCents]
`;

// One case, its assertions written at a known indentation so the expected columns read off the text.
function evalsWith(assertions: string): string {
  return `cases:
  - id: refund-asked
    variables:
      shop: Acme
      customer: { name: Ada, tier: pro }
      orders: [{ id: A-1, total: 12.5 }]
      question: Refund A-1
    assert:
${assertions}`;
}

let counter = 0;
function folder(evals: string, toolsYaml: string | undefined): string {
  const dir = path.join(scratch, String(counter++), 'order-help');
  cpSync(fixture, dir, { recursive: true });
  writeFileSync(path.join(dir, 'evals.yaml'), evals);
  if (toolsYaml !== undefined) writeFileSync(path.join(dir, 'tools.yaml'), toolsYaml);
  return dir;
}

const errors = (dir: string) =>
  loadPrompt(dir)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ code: d.code, file: path.basename(d.file), line: d.line, column: d.column, path: d.path, message: d.message, expected: d.expected }));

describe('tool assertions in evals.yaml', () => {
  it('load when they name declared tools and parameters', () => {
    const dir = folder(
      evalsWith(`      - type: tool-called
        name: issue_refund
        arguments: { orderId: A-1, amountCents: 1250 }
      - type: not-tool-called
        name: lookup_order
      - type: not-tool-called
      - type: is-valid-openai-tools-call
`),
      tools,
    );
    const result = loadPrompt(dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.prompt?.evals.cases[0]?.assert[0]).toEqual({ type: 'tool-called', name: 'issue_refund', arguments: { orderId: 'A-1', amountCents: 1250 } });
  });

  it('report a tool name tools.yaml does not declare, at the name, with the declared names', () => {
    const dir = folder(evalsWith(`      - type: icontains\n        value: A-1\n      - type: tool-called\n        name: issue_refnd\n`), tools);
    expect(errors(dir)).toEqual([
      {
        code: 'evals/unknown-tool',
        file: 'evals.yaml',
        line: 12,
        column: 15,
        path: 'cases[0].assert[1].name',
        message: 'Case "refund-asked", assert[1] (tool-called) names tool "issue_refnd", which tools.yaml does not declare.',
        expected: 'one of "lookup_order", "issue_refund"',
      },
    ]);
    const [diagnostic] = loadPrompt(dir).diagnostics;
    expect(formatDiagnostic(diagnostic!)).toContain('evals.yaml:12:15');
  });

  it('report a not-tool-called name in the soft list too', () => {
    const dir = folder(`${evalsWith('      - type: not-tool-called\n')}    soft:\n      - type: not-tool-called\n        name: refund\n`, tools);
    expect(errors(dir)).toEqual([expect.objectContaining({ code: 'evals/unknown-tool', line: 12, column: 15, path: 'cases[0].soft[0].name' })]);
  });

  it('report an expected argument the tool has no parameter for, at its key', () => {
    const dir = folder(evalsWith(`      - type: tool-called\n        name: issue_refund\n        arguments:\n          amount: 1250\n`), tools);
    expect(errors(dir)).toEqual([
      expect.objectContaining({
        code: 'evals/unknown-tool-argument',
        line: 12,
        column: 11,
        path: 'cases[0].assert[0].arguments.amount',
        message: 'Case "refund-asked", assert[0] (tool-called) expects argument "amount", which tool "issue_refund" has no parameter for.',
        expected: 'one of "orderId", "amountCents"',
      }),
    ]);
  });

  it.each(['tool-called\n        name: lookup_order', 'not-tool-called', 'is-valid-openai-tools-call', 'not-is-valid-openai-tools-call'])('report %s in a prompt without tools.yaml', (type) => {
    const dir = folder(evalsWith(`      - type: ${type}\n`), undefined);
    expect(errors(dir)).toEqual([
      expect.objectContaining({
        code: 'evals/no-tools',
        line: 9,
        column: 15,
        message: expect.stringContaining('checks tool calls, but the prompt declares no tools: there is no tools.yaml beside evals.yaml.'),
      }),
    ]);
  });

  it('are not checked against a tools.yaml that is itself broken: only its own error is reported', () => {
    const dir = folder(evalsWith(`      - type: tool-called\n        name: anything\n`), 'tools:\n  - name: bad name\n    description: x\n    parameters: { type: object, properties: {} }\n');
    expect(errors(dir).map((error) => `${error.file}:${error.code}`)).toEqual(['tools.yaml:schema/invalid-value']);
  });
});
