import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertionTypes, checkAssertion, type Assertion } from '../src/index.js';
import { readToolCall } from '../src/tool-call.js';
import { answers, assertions, type Answer } from './conformance/corpus.js';
import { toolAnswers, toolAssertions, tools, type ToolAnswer } from './conformance/tool-corpus.js';
import { deliberateDifferences, isDeliberate } from './conformance/deliberate-differences.js';

// promptfoo's own scoring code (the devDependency pinned in package.json),
// not a reading of its docs: `assertions.runAssertion` is what `promptfoo
// eval` calls per assertion.
interface PromptfooAssertions {
  runAssertion(options: {
    prompt: string;
    assertion: Assertion;
    test: { vars: Record<string, never> };
    latencyMs: number;
    providerResponse: { output: unknown; cost?: number; finishReason?: string };
    provider?: { id(): string; config: { tools: unknown[] } };
  }): Promise<{ pass: boolean; reason: string }>;
}

let promptfoo: PromptfooAssertions;

beforeAll(async () => {
  // promptfoo keeps a config folder and sends telemetry by default; neither belongs in a test run.
  process.env.PROMPTFOO_CONFIG_DIR = mkdtempSync(path.join(tmpdir(), 'promptfoo-config-'));
  process.env.PROMPTFOO_DISABLE_TELEMETRY = '1';
  process.env.PROMPTFOO_DISABLE_UPDATE = '1';
  promptfoo = ((await import('promptfoo')) as unknown as { assertions: PromptfooAssertions }).assertions;
}, 60_000);

async function promptfooPasses(assertion: Assertion, answer: Answer): Promise<boolean> {
  try {
    const providerResponse = {
      output: answer.text,
      ...(answer.costUsd !== undefined ? { cost: answer.costUsd } : {}),
      ...(answer.finishReason !== undefined ? { finishReason: answer.finishReason } : {}),
    };
    // A copy: promptfoo writes into the assertion it is given.
    const grading = await promptfoo.runAssertion({ prompt: 'p', assertion: structuredClone(assertion), test: { vars: {} }, latencyMs: answer.latencyMs ?? 0, providerResponse });
    return grading.pass;
  } catch {
    // promptfoo throws where promptpack fails with a reason (a cost the provider did not report).
    return false;
  }
}

function promptpackPasses(assertion: Assertion, answer: Answer): boolean {
  return checkAssertion(assertion, {
    text: answer.text,
    latencyMs: answer.latencyMs ?? 0,
    outputSchema: null,
    ...(answer.costUsd !== undefined ? { costUsd: answer.costUsd } : {}),
    ...(answer.finishReason !== undefined ? { finishReason: answer.finishReason } : {}),
  }).pass;
}

// promptfoo's OpenAI provider hands its assertions the message's tool_calls
// (with the content) when the model called tools, the text otherwise; the
// tools are what its provider config declares.
async function promptfooPassesTools(assertion: Assertion, answer: ToolAnswer): Promise<boolean> {
  const toolCalls = answer.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
  const output = toolCalls.length > 0 ? { content: answer.text, tool_calls: toolCalls } : answer.text;
  const provider = { id: () => 'openai:chat:test', config: { tools: tools.map((tool) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } })) } };
  try {
    const grading = await promptfoo.runAssertion({ prompt: 'p', assertion: structuredClone(assertion), test: { vars: {} }, latencyMs: 0, providerResponse: { output }, provider });
    return grading.pass;
  } catch {
    return false;
  }
}

function promptpackPassesTools(assertion: Assertion, answer: ToolAnswer): boolean {
  // Read as promptpack's openai provider reads a completion: arguments parsed, kept raw when not JSON.
  const toolCalls = answer.toolCalls.map((call) => readToolCall(call.id, call.name, call.arguments));
  return checkAssertion(assertion, { text: answer.text, latencyMs: 0, outputSchema: null, toolCalls, tools }).pass;
}

describe('promptpack scores like promptfoo 0.123.1', () => {
  it.each(assertions.map((assertion) => [JSON.stringify(assertion), assertion] as const))('%s on every answer of the corpus', async (_name, assertion) => {
    const differences: string[] = [];
    let passes = 0;
    for (const answer of answers) {
      const expected = await promptfooPasses(assertion, answer);
      const found = promptpackPasses(assertion, answer);
      if (found) passes += 1;
      if (found !== expected) differences.push(`${JSON.stringify(answer.text)}: promptfoo ${expected ? 'passes' : 'fails'}, promptpack ${found ? 'passes' : 'fails'}`);
    }
    const allowed = isDeliberate(assertion);
    expect(allowed ? [] : differences, 'differences not listed in test/conformance/deliberate-differences.json').toEqual([]);
    // A corpus where an assertion always passes or always fails would prove nothing about it.
    expect(passes, 'answers that pass').toBeGreaterThan(0);
    expect(passes, 'answers that pass').toBeLessThan(answers.length);
  });

  it.each(toolAssertions.map((assertion) => [assertion.type, assertion] as const))('%s on every tool-call answer of the corpus', async (_name, assertion) => {
    const differences: string[] = [];
    let passes = 0;
    for (const answer of toolAnswers) {
      const expected = await promptfooPassesTools(assertion, answer);
      const found = promptpackPassesTools(assertion, answer);
      if (found) passes += 1;
      if (found !== expected) differences.push(`${JSON.stringify(answer.toolCalls)}: promptfoo ${expected ? 'passes' : 'fails'}, promptpack ${found ? 'passes' : 'fails'}`);
    }
    expect(isDeliberate(assertion) ? [] : differences, 'differences not listed in test/conformance/deliberate-differences.json').toEqual([]);
    expect(passes, 'answers that pass').toBeGreaterThan(0);
    expect(passes, 'answers that pass').toBeLessThan(toolAnswers.length);
  });

  it('covers every assertion type the two share', () => {
    // tool-called and not-tool-called are promptpack's: promptfoo checks a named call only through javascript assertions.
    // Model-graded types need a judge or embeddings: model-graded-conformance.test.ts compares those with promptfoo's code.
    const promptpackOnly = new Set(['json-schema', 'field-equals', 'max-words', 'max-chars', 'tool-called', 'not-tool-called', 'llm-rubric', 'similar', 'not-similar']);
    const covered = new Set([...assertions, ...toolAssertions].map((assertion) => assertion.type));
    const missing = assertionTypes.filter((type) => !promptpackOnly.has(type) && !covered.has(type));
    expect(missing).toEqual([]);
  });

  // Those with a judge's answer need a judge: model-graded-conformance.test.ts proves them.
  it.each(deliberateDifferences.filter((difference) => difference.example.judgeAnswer === undefined).map((difference) => [`${difference.types.join(', ')}${difference.key ? ` with ${difference.key}` : ''}: ${difference.example.answer}`, difference] as const))(
    'the deliberate difference %s still differs',
    async (_name, difference) => {
      const { assertion, answer } = difference.example;
      expect(isDeliberate(assertion)).toBe(true);
      expect(promptpackPasses(assertion, { text: answer })).not.toBe(await promptfooPasses(assertion, { text: answer }));
    },
  );
});
