// End to end on a real prompt package: prompts/refund-triage built by the real
// compiler, its own evals.yaml, the real openai client, a local server that
// plays the model, the gate, and a record/replay round trip.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gate, openaiProvider, replayProvider, runEvals, type EvaluablePrompt } from '../src/index.js';
import { buildRealPrompt } from './built-prompt.js';
import { startChatServer, type ChatServer, type RecordedRequest } from './chat-server.js';

type Variables = { order: { totalCents: number } };
type Field = { type: string; path?: string; value?: unknown };

let prompt: Awaited<ReturnType<typeof buildRealPrompt>>;
let dir: string;
beforeAll(async () => {
  prompt = await buildRealPrompt('refund-triage');
  dir = mkdtempSync(path.join(tmpdir(), 'promptpack-refund-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let server: ChatServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const thresholds = { hardPassRate: 0.9, passRate: 0.95, maxDropPoints: 2 };
const pricing = { inputPerMillion: 0.15, outputPerMillion: 0.6 };

/** A server that answers each case by its rendered user message; `decide` writes the answer. */
async function modelServer(decide: (fields: Record<string, unknown>, variables: Variables) => Record<string, unknown>): Promise<ChatServer> {
  const byMessage = new Map<string, { fields: Record<string, unknown>; variables: Variables }>();
  for (const evalCase of prompt.evals.cases as ReadonlyArray<{ variables: unknown; assert: readonly Field[] }>) {
    const rendered = prompt.render(evalCase.variables as never);
    const fields = Object.fromEntries(evalCase.assert.filter((a) => a.type === 'field-equals').map((a) => [a.path, a.value]));
    byMessage.set(rendered.messages.at(-1)?.content ?? '', { fields, variables: evalCase.variables as Variables });
  }
  return startChatServer({
    script: (request: RecordedRequest) => {
      const known = byMessage.get(request.body?.messages.at(-1)?.content ?? '');
      if (!known) return { status: 400, body: { error: { message: 'unknown case', type: 'invalid_request_error' } } };
      return { reply: JSON.stringify(decide(known.fields, known.variables)) };
    },
  });
}

type Case = { id: string; tier: string; variables: Variables; assert: readonly Field[] };
const blockingCases = () => (prompt.evals.cases as ReadonlyArray<Case>).filter((c) => c.tier === 'blocking');

// Answers exactly what each case asserts; the amount defaults to the order total.
const rightAnswer = (fields: Record<string, unknown>, variables: Variables) => ({ decision: fields.decision, amountCents: fields.amountCents ?? variables.order.totalCents, reason: fields.reason });

describe('refund-triage end to end', () => {
  it('hard-passes every case with a model that answers right, sending the output schema as strict structured output', async () => {
    server = await modelServer(rightAnswer);
    const result = await runEvals({ prompt, provider: openaiProvider({ baseURL: server.url, env: {}, pricing }), concurrency: 8 });
    expect(result.cases.filter((c) => c.outcome !== 'hard-pass').map((c) => [c.id, c.runs[0]?.failures])).toEqual([]);
    expect(result).toMatchObject({ model: 'gpt-4o-mini', provider: 'openai', repeats: 3, prompt: { id: 'refund-triage', version: '1.0.0' } });
    expect(result.rates.blocking).toEqual({ count: blockingCases().length, hardPass: 1, pass: 1, fail: 0, error: 0 });
    expect(server.requests).toHaveLength(prompt.evals.cases.length * 3);
    expect(server.requests[0]?.body).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0,
      max_tokens: 120,
      seed: 7,
      response_format: { type: 'json_schema', json_schema: { name: 'refund-triage', strict: true, schema: prompt.outputJsonSchema } },
    });
    expect(gate(result, { thresholds })).toMatchObject({ passed: true, reasons: [] });
  });

  it('fails the gate for a model that approves everything, saying which rules and by how much', async () => {
    server = await modelServer((_fields, variables) => ({ decision: 'approve', amountCents: variables.order.totalCents, reason: 'other' }));
    const result = await runEvals({ prompt, provider: openaiProvider({ baseURL: server.url, env: {}, pricing }), concurrency: 8, tiers: ['blocking'] });
    const wrong = result.cases.find((c) => c.id === 'duplicate-claim-failed-charge-deny');
    expect(wrong?.outcome).toBe('fail');
    expect(wrong?.runs[0]?.failures.map((f) => f.reason)).toEqual(['decision is "approve", expected "deny"', 'reason is "other", expected "duplicate"']);
    // The cases this model gets right are the ones whose answer is exactly its answer.
    const blocking = blockingCases();
    const right = blocking.filter((c) => {
      const fields = Object.fromEntries(c.assert.filter((a) => a.type === 'field-equals').map((a) => [a.path, a.value]));
      return fields.decision === 'approve' && fields.reason === 'other' && fields.amountCents === c.variables.order.totalCents;
    });
    expect(right.length).toBeGreaterThan(0);
    expect(result.cases.filter((c) => c.outcome === 'hard-pass').map((c) => c.id)).toEqual(right.map((c) => c.id));
    const percent = `${((right.length / blocking.length) * 100).toFixed(1)}%`;
    const verdict = gate(result, { thresholds });
    expect(verdict.reasons).toEqual([
      `Blocking hard-pass rate ${percent} (${right.length} of ${blocking.length} cases) is below the 90.0% threshold.`,
      `Blocking pass rate, hard or soft, ${percent} (${right.length} of ${blocking.length} cases) is below the 95.0% threshold.`,
    ]);
  });

  it('records a live run and replays it without the server; another model misses and fails closed', async () => {
    server = await modelServer(rightAnswer);
    const file = path.join(dir, 'refund-triage.replay.json');
    const recorder = replayProvider({ file, record: openaiProvider({ baseURL: server.url, env: {}, pricing }) });
    const live = await runEvals({ prompt, provider: recorder, concurrency: 8 });
    recorder.flush();
    // The three repeats of a case are one request: recorded once.
    expect(server.requests).toHaveLength(prompt.evals.cases.length);
    await server.close();
    server = undefined;

    const replayed = await runEvals({ prompt, provider: replayProvider({ file }), model: 'gpt-4o-mini', concurrency: 8 });
    expect(replayed.provider).toBe('replay');
    expect(replayed.cases.map((c) => [c.id, c.outcome, c.runs.map((run) => run.output)])).toEqual(live.cases.map((c) => [c.id, c.outcome, c.runs.map((run) => run.output)]));
    expect(gate(replayed, { thresholds, baseline: live })).toMatchObject({ passed: true, baseline: { version: '1.0.0', delta: 0 } });

    const other = await runEvals({ prompt, provider: replayProvider({ file }), model: 'gpt-4.1', caseIds: ['duplicate-charge-approve'] });
    expect(other.cases[0]).toMatchObject({ outcome: 'error', runs: [{ errorCode: 'replay/miss' }, { errorCode: 'replay/miss' }, { errorCode: 'replay/miss' }] });
    expect(other.cases[0]?.runs[0]?.error).toMatch(/^Case "duplicate-charge-approve": No recording for request sha256:/);
    const verdict = gate(other, { thresholds });
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons.at(-1)).toBe('3 runs in 1 case ended in error, so the result is incomplete (fail closed): "duplicate-charge-approve" (replay/miss).');
  });

  it('takes a built package as an EvaluablePrompt without a cast', () => {
    const evaluable: EvaluablePrompt = prompt;
    expect(evaluable.manifest.id).toBe('refund-triage');
  });
});
