import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type ChatServer, type ChatServerStep, type RecordedRequest, startChatServer } from '../../eval/test/chat-server.js';
import { main } from '../src/index.js';
import { capture, goodAnswers } from './eval-fixture.js';
import { faqRepoPerTest } from './faq-repo-per-test.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-eval-judge-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const judgedEvals = (judge: string) => `repeats: 1
${judge}
cases:
  - id: patch-bump
    tier: blocking
    variables: { question: What does a patch bump mean? }
    assert:
      - type: llm-rubric
        value: Explains a patch bump as a backwards-compatible fix.
    soft:
      - type: similar
        value: A patch bump is a backwards-compatible bug fix.
`;

/** Answers the case, the judge (the request with the verdict schema) and /embeddings. */
function model(request: RecordedRequest): ChatServerStep {
  if (request.path.endsWith('/embeddings')) {
    const input = (request.body as unknown as { input: string[] }).input;
    return { raw: JSON.stringify({ data: input.map((_, index) => ({ index, embedding: [1, index, 0] })), model: 'embed', usage: { prompt_tokens: 2 } }) };
  }
  if (request.body?.response_format?.json_schema?.name === 'llm_judge_verdict') return { reply: '{"reason":"It calls it a compatible fix.","pass":true,"score":0.9}' };
  return { reply: goodAnswers[String(request.body?.messages.at(-1)?.content).trim()] ?? 'no answer' };
}

const repo = faqRepoPerTest(scratch);
const servers: ChatServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(): Promise<ChatServer> {
  const server = await startChatServer({ script: model });
  servers.push(server);
  return server;
}

describe('promptpack eval with model-graded checks', () => {
  it('records the verdicts and embeddings of a judge on its own endpoint into the recordings file, then replays offline', async () => {
    const answers = await serve();
    const judge = await serve();
    writeFileSync(path.join(repo.promptDir, 'evals.yaml'), judgedEvals(`judge: { model: manifest-judge, baseUrl: "${judge.url}" }`));
    process.env.OPENAI_BASE_URL = answers.url;
    const live = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--record', '--embedding-model', 'embed-small', '--report', 'json'], live), live.text()).toBe(0);
    expect(judge.requests.map((request) => [request.path, request.body?.model])).toEqual([
      ['/v1/chat/completions', 'manifest-judge'],
      ['/v1/embeddings', 'embed-small'],
    ]);
    expect(answers.requests.map((request) => request.body?.model)).toEqual(['test']);
    const recordings = JSON.parse(readFileSync(path.join(repo.promptDir, 'evals.recordings.json'), 'utf8'));
    expect([Object.keys(recordings.recordings).length, Object.keys(recordings.embeddings).length]).toEqual([2, 1]);

    await Promise.all(servers.splice(0).map((server) => server.close()));
    delete process.env.OPENAI_BASE_URL;
    const replayed = capture();
    expect(await main(['eval', 'faq', '--provider', 'replay', '--model', 'test', '--embedding-model', 'embed-small', '--report', 'json'], replayed), replayed.text()).toBe(0);
    const [a, b] = [live, replayed].map((io) => JSON.parse(io.stdout.join('\n')));
    expect(b.cases[0].runs[0].grades).toEqual(a.cases[0].runs[0].grades);
    expect(b.cases[0].runs[0].grades[0]).toMatchObject({ assertion: 'llm-rubric', pass: true, score: 0.9, grader: '@promptpack/prompt-llm-judge@0.1.0 manifest-judge' });
  });

  it('--judge-model overrides the manifest, and a replay without that verdict names the case, the assertion and --record', async () => {
    writeFileSync(path.join(repo.promptDir, 'evals.yaml'), judgedEvals('judge: { model: manifest-judge }'));
    process.env.OPENAI_BASE_URL = (await serve()).url;
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--record', '--judge-model', 'cli-judge'], capture())).toBe(0);
    expect(servers[0]?.requests.map((request) => request.body?.model)).toContain('cli-judge');

    const replayed = capture();
    expect(await main(['eval', 'faq', '--provider', 'replay', '--model', 'test', '--gate'], replayed)).toBe(2);
    expect(replayed.stderr.join('\n')).toMatch(/error faq case "patch-bump": Case "patch-bump", assert\[0\] \(llm-rubric\): No recording for request sha256:[0-9a-f]{64} \(model "manifest-judge"\)/);
  });
});
