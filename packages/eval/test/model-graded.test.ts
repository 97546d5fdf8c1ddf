import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadJudgePrompt, openaiProvider, replayProvider, runEvals, type EvaluableCase, type EvaluablePrompt, type JudgePrompt } from '../src/index.js';
import { buildRealPrompt } from './built-prompt.js';
import { startChatServer, type ChatServer, type ChatServerStep, type RecordedRequest } from './chat-server.js';

const model = { name: 'prompt-model', temperature: 0 };

function fakePrompt(cases: EvaluableCase[], judge?: { model?: string; embeddingModel?: string }): EvaluablePrompt {
  return {
    manifest: { id: 'order-help', name: '@acme/prompt-order-help', version: '1.0.0', contentHash: 'sha256:fake', model },
    evals: { repeats: 1, cases, ...(judge ? { judge } : {}) },
    render: (variables: never) => ({ messages: [{ role: 'user', content: (variables as { question: string }).question }], model }),
    safeParseOutput: (text) => ({ success: true, data: text }),
    outputJsonSchema: null,
  };
}

const rubricCase = (id: string, rubric: string, extra: Partial<EvaluableCase> = {}): EvaluableCase => ({
  id,
  tier: 'blocking',
  variables: { question: `question of ${id}` },
  assert: [{ type: 'llm-rubric', value: rubric }],
  ...extra,
});

// Vectors by text, so a test says which answer is close to which gold answer.
const vectors: Record<string, number[]> = {
  'Your order shipped today.': [1, 0, 0],
  'The order has shipped.': [0.96, 0.28, 0],
  'We sell shoes.': [0, 0, 1],
};

/** The server answers chat completions from `answers` (the case's answer, or the judge's verdict when the request is the judge's) and /embeddings from `vectors`. */
function script(answers: { answer: string; verdict?: string | ((request: RecordedRequest) => string) }, embeddings: Record<string, unknown> = vectors) {
  return (request: RecordedRequest): ChatServerStep => {
    if (request.path.endsWith('/embeddings')) {
      const input = (request.body as unknown as { input: string[] }).input;
      return { raw: JSON.stringify({ object: 'list', model: 'embed-model', data: input.map((text, index) => ({ object: 'embedding', index, embedding: embeddings[text] ?? [0, 1, 0] })), usage: { prompt_tokens: 4, total_tokens: 4 } }) };
    }
    const judged = request.body?.response_format?.json_schema?.name === 'llm_judge_verdict';
    if (!judged) return { reply: answers.answer };
    const verdict = typeof answers.verdict === 'function' ? answers.verdict(request) : answers.verdict;
    return { reply: verdict ?? '{"reason":"ok","pass":true,"score":1}' };
  };
}

let judge: JudgePrompt;
let server: ChatServer | undefined;
let dir: string | undefined;

beforeAll(async () => {
  judge = (await buildRealPrompt('llm-judge')) as unknown as JudgePrompt;
}, 60_000);

afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function live(answers: Parameters<typeof script>[0], embeddings?: Record<string, unknown>) {
  server = await startChatServer({ script: script(answers, embeddings) });
  return openaiProvider({ baseURL: server.url, apiKey: 'test-key', maxRetries: 0 });
}

describe('llm-rubric', () => {
  it('asks the judge package with the rubric, the answer and the question, and passes on its verdict', async () => {
    const provider = await live({ answer: 'It shipped on Monday.', verdict: '{"reason":"It says when it shipped.","pass":true,"score":0.9}' });
    const result = await runEvals({ prompt: fakePrompt([rubricCase('shipped', 'Says when the order shipped.')]), provider, judge: { prompt: judge, model: 'judge-model' } });

    const run = result.cases[0]?.runs[0];
    expect(result.cases[0]?.outcome).toBe('hard-pass');
    expect(run?.grades).toEqual([
      { assertion: 'llm-rubric', soft: false, pass: true, score: 0.9, reason: 'judge says pass (score 0.9): It says when it shipped.', grader: '@promptpack/prompt-llm-judge@0.1.0 judge-model' },
    ]);
    const judged = server?.requests.find((request) => request.body?.model === 'judge-model');
    const user = judged?.body?.messages.at(-1)?.content ?? '';
    expect(user).toContain('<rubric>\nSays when the order shipped.\n</rubric>');
    expect(user).toContain('<answer>\nIt shipped on Monday.\n</answer>');
    expect(user).toContain('<request>\nquestion of shipped\n</request>');
    expect(judged?.body?.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('# Grading policy') });
    expect(judged?.body?.response_format?.json_schema?.schema).toEqual(judge.outputJsonSchema);
  });

  it("fails on the judge's fail, and on a pass whose score is under the threshold (promptfoo's meaning)", async () => {
    const provider = await live({ answer: 'Maybe.', verdict: '{"reason":"Half there.","pass":true,"score":0.6}' });
    const prompt = fakePrompt([
      rubricCase('no-threshold', 'Answers.'),
      rubricCase('threshold-met', 'Answers.', { variables: { question: 'b' }, assert: [{ type: 'llm-rubric', value: 'Answers.', threshold: 0.6 }] }),
      rubricCase('threshold-missed', 'Answers.', { variables: { question: 'c' }, assert: [{ type: 'llm-rubric', value: 'Answers.', threshold: 0.8 }] }),
    ]);
    const result = await runEvals({ prompt, provider, judge: { prompt: judge } });

    expect(result.cases.map((c) => [c.id, c.outcome])).toEqual([
      ['no-threshold', 'hard-pass'],
      ['threshold-met', 'hard-pass'],
      ['threshold-missed', 'fail'],
    ]);
    expect(result.cases[2]?.runs[0]?.failures).toEqual([{ assertion: 'llm-rubric', soft: false, reason: 'judge says pass (score 0.6, threshold 0.8): Half there.' }]);
  });

  it('counts as placed: a failed hard rubric is rescued by a passing soft one', async () => {
    const provider = await live({ answer: 'Shipped.', verdict: (request) => (request.body?.messages.at(-1)?.content.includes('strict') ? '{"reason":"No date.","pass":false,"score":0.2}' : '{"reason":"Says shipped.","pass":true,"score":1}') });
    const prompt = fakePrompt([rubricCase('placed', 'strict: gives the date', { soft: [{ type: 'llm-rubric', value: 'says it shipped' }] })]);
    const result = await runEvals({ prompt, provider, judge: { prompt: judge } });

    expect(result.cases[0]?.outcome).toBe('soft-pass');
    expect(result.cases[0]?.runs[0]?.grades?.map((grade) => [grade.soft, grade.pass])).toEqual([
      [false, false],
      [true, true],
    ]);
  });

  it.each([
    ['not JSON', 'PASS! Great answer.', /answer: Invalid JSON|is not a verdict/],
    ['a missing score', '{"reason":"fine","pass":true}', /score/],
    ['a score out of range', '{"reason":"fine","pass":true,"score":1.5}', /score/],
    ['a pass that is a string', '{"reason":"fine","pass":"yes","score":1}', /pass/],
    ['prototype keys', '{"__proto__":{"pass":true},"constructor":{"prototype":{"polluted":true}},"reason":"x","pass":false,"score":0}', /not a verdict/],
  ])('an answer of the judge with %s is a located error for the case, with the raw answer, never a pass', async (_name, verdict, issue) => {
    const provider = await live({ answer: 'The answer under test.', verdict });
    const result = await runEvals({ prompt: fakePrompt([rubricCase('graded', 'Answers.')]), provider, judge: { prompt: judge } });

    const run = result.cases[0]?.runs[0];
    expect(result.cases[0]?.outcome).toBe('error');
    expect(run?.errorCode).toBe('judge/invalid-answer');
    expect(run?.error).toMatch(/^Case "graded", assert\[0\] \(llm-rubric\): the judge's answer is not a verdict/);
    expect(run?.error).toMatch(issue);
    expect(run?.error).toContain(`Raw answer: ${JSON.stringify(verdict)}`);
    expect(run?.output).toBe('The answer under test.');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).pass).toBeUndefined();
  });

  it('a rubric longer than the judge prompt accepts is a located error, and nothing is sent to the judge', async () => {
    const provider = await live({ answer: 'Fine.' });
    const result = await runEvals({ prompt: fakePrompt([rubricCase('huge', 'x'.repeat(100_000))]), provider, judge: { prompt: judge, model: 'judge-model' } });

    expect(result.cases[0]?.runs[0]).toMatchObject({ outcome: 'error', errorCode: 'judge/invalid-request', error: expect.stringMatching(/^Case "huge", assert\[0\] \(llm-rubric\): the judge prompt @promptpack\/prompt-llm-judge@0\.1\.0 rejected/) });
    expect(server?.requests.filter((request) => request.body?.model === 'judge-model')).toEqual([]);
  });

  it('takes the judge model from the manifest unless the run names one, else the judge package\'s own', async () => {
    const provider = await live({ answer: 'Fine.' });
    await runEvals({ prompt: fakePrompt([rubricCase('a', 'Answers.')], { model: 'manifest-judge' }), provider, judge: { prompt: judge } });
    await runEvals({ prompt: fakePrompt([rubricCase('a', 'Answers.')], { model: 'manifest-judge' }), provider, judge: { prompt: judge, model: 'run-judge' } });
    await runEvals({ prompt: fakePrompt([rubricCase('a', 'Answers.')]), provider, judge: { prompt: judge } });

    const judgeModels = server?.requests.filter((request) => request.body?.response_format?.json_schema?.name === 'llm_judge_verdict').map((request) => request.body?.model);
    expect(judgeModels).toEqual(['manifest-judge', 'run-judge', judge.manifest.model.name]);
  });

  it('loads the built @promptpack/prompt-llm-judge by default', async () => {
    const installed = await loadJudgePrompt();
    expect(installed.manifest).toMatchObject({ id: 'llm-judge', name: '@promptpack/prompt-llm-judge' });
    expect(installed.render({ rubric: 'Is short.', answer: '' }).messages.at(-1)?.content).toContain('[the answer is empty: the model returned no text]');
  });
});

const similarCase = (id: string, assertion: EvaluableCase['assert'][number]): EvaluableCase => ({ id, tier: 'blocking', variables: { question: id }, assert: [assertion] });

describe('similar and not-similar', () => {
  it('compares the embedding of the answer with each gold answer by cosine similarity, default threshold 0.75', async () => {
    const provider = await live({ answer: 'Your order shipped today.' });
    const prompt = fakePrompt([
      similarCase('close', { type: 'similar', value: 'The order has shipped.' }),
      similarCase('far', { type: 'similar', value: 'We sell shoes.' }),
      similarCase('any-of', { type: 'similar', value: ['We sell shoes.', 'The order has shipped.'] }),
      similarCase('strict', { type: 'similar', value: 'The order has shipped.', threshold: 0.99 }),
      similarCase('not-far', { type: 'not-similar', value: 'We sell shoes.' }),
      similarCase('not-close', { type: 'not-similar', value: ['We sell shoes.', 'The order has shipped.'] }),
    ]);
    const result = await runEvals({ prompt, provider, judge: { embeddingModel: 'embed-model' } });

    expect(result.cases.map((c) => [c.id, c.outcome])).toEqual([
      ['close', 'hard-pass'],
      ['far', 'fail'],
      ['any-of', 'hard-pass'],
      ['strict', 'fail'],
      ['not-far', 'hard-pass'],
      ['not-close', 'fail'],
    ]);
    expect(result.cases[0]?.runs[0]?.grades?.[0]).toMatchObject({ assertion: 'similar', similarity: 0.96, grader: 'embed-model', reason: 'similarity 0.960 to ["The order has shipped."], at least 0.75' });
    const embedded = server?.requests.filter((request) => request.path.endsWith('/embeddings')).map((request) => request.body as unknown);
    // Cases run concurrently, so the requests arrive in any order.
    expect(embedded).toHaveLength(6);
    expect(embedded).toContainEqual({ model: 'embed-model', input: ['Your order shipped today.', 'The order has shipped.'], encoding_format: 'float' });
  });

  it.each([
    ['vectors of different lengths', { 'Your order shipped today.': [1, 0], 'The order has shipped.': [1, 0, 0] }, /2 and 3 dimensions/],
    ['an empty vector', { 'Your order shipped today.': [], 'The order has shipped.': [1, 0, 0] }, /not with 2 embedding vector\(s\)/],
    ['a null in a vector (NaN in JSON)', { 'Your order shipped today.': [1, null, 0], 'The order has shipped.': [1, 0, 0] }, /not a non-empty list of finite numbers/],
  ])('%s from the endpoint is a located error, not a similarity', async (_name, embeddings, message) => {
    const provider = await live({ answer: 'Your order shipped today.' }, embeddings);
    const result = await runEvals({ prompt: fakePrompt([similarCase('broken', { type: 'similar', value: 'The order has shipped.' })]), provider });

    expect(result.cases[0]?.runs[0]).toMatchObject({ outcome: 'error', error: expect.stringMatching(/^Case "broken", assert\[0\] \(similar\): /) });
    expect(result.cases[0]?.runs[0]?.error).toMatch(message);
  });

  it('a provider without embeddings fails the run up front, naming the fix', async () => {
    const provider = { name: 'chat-only', complete: async () => ({ text: 'x', usage: { promptTokens: 0, completionTokens: 0 }, latencyMs: 1, model: 'm' }) };
    await expect(runEvals({ prompt: fakePrompt([similarCase('a', { type: 'similar', value: 'y' })]), provider })).rejects.toMatchObject({ code: 'similar/no-embeddings' });
  });
});

describe('recording model-graded checks', () => {
  const cases = [rubricCase('rubric', 'Says it shipped.'), similarCase('similar', { type: 'similar', value: 'The order has shipped.' })];

  it('records verdicts and embeddings with the answers, then replays them offline to the same result', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'promptpack-judge-'));
    const file = path.join(dir, 'evals.recordings.json');
    const recording = replayProvider({ file, record: await live({ answer: 'Your order shipped today.', verdict: '{"reason":"Says it shipped.","pass":true,"score":1}' }) });
    const recorded = await runEvals({ prompt: fakePrompt(cases), provider: recording, judge: { prompt: judge } });
    recording.flush();
    await server?.close();
    server = undefined;

    const saved = JSON.parse(readFileSync(file, 'utf8')) as { recordings: Record<string, { text: string }>; embeddings: Record<string, { vectors: number[][] }> };
    expect(Object.values(saved.recordings).map((response) => response.text)).toContain('{"reason":"Says it shipped.","pass":true,"score":1}');
    expect(Object.values(saved.embeddings)).toHaveLength(1);

    const replayed = await runEvals({ prompt: fakePrompt(cases), provider: replayProvider({ file }), judge: { prompt: judge } });
    expect(replayed.cases.map((c) => [c.id, c.outcome, c.runs[0]?.grades])).toEqual(recorded.cases.map((c) => [c.id, c.outcome, c.runs[0]?.grades]));
    expect(replayed.cases.map((c) => c.outcome)).toEqual(['hard-pass', 'hard-pass']);
  });

  it('a missing verdict or embedding in replay is an error naming the case, the assertion and how to record', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'promptpack-judge-'));
    const file = path.join(dir, 'evals.recordings.json');
    const recording = replayProvider({ file, record: await live({ answer: 'Your order shipped today.' }) });
    await runEvals({ prompt: fakePrompt(cases), provider: recording, judge: { prompt: judge } });
    recording.flush();
    // Keep the answers, drop what grades them.
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { recordings: Record<string, { text: string }> };
    const answersOnly = Object.fromEntries(Object.entries(saved.recordings).filter(([, response]) => !response.text.startsWith('{"reason"')));
    writeFileSync(file, JSON.stringify({ specificationVersion: 'promptpack.replay/v1', recordings: answersOnly }));

    const replayed = await runEvals({ prompt: fakePrompt(cases), provider: replayProvider({ file }), judge: { prompt: judge } });
    const [rubric, similar] = replayed.cases.map((c) => c.runs[0]);
    expect(rubric).toMatchObject({ outcome: 'error', errorCode: 'replay/miss', error: expect.stringMatching(/^Case "rubric", assert\[0\] \(llm-rubric\): No recording for request sha256:[0-9a-f]{64} \(model "gpt-4o-mini"\)/) });
    expect(rubric?.error).toContain("Record the judge's verdict with promptpack eval --record");
    expect(similar).toMatchObject({ outcome: 'error', errorCode: 'replay/miss', error: expect.stringMatching(/^Case "similar", assert\[0\] \(similar\): No recording for embedding request sha256:/) });
  });
});
