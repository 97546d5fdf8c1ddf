import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type ChatServer, startChatServer } from '../../eval/test/chat-server.js';
import { main } from '../src/index.js';
import { answering, capture, goodAnswers } from './eval-fixture.js';
import { faqRepoPerTest } from './faq-repo-per-test.js';

// `promptpack drift` against a local OpenAI-compatible server: never a real model.
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-drift-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const repo = faqRepoPerTest(scratch, { clearCi: true });
let server: ChatServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(answers: Record<string, string>): Promise<ChatServer> {
  await server?.close();
  server = await startChatServer({ script: answering(answers) });
  process.env.OPENAI_BASE_URL = server.url;
  return server;
}

/** Version 1.0.0 released with a record of every case hard-passing on model "snapshot-1". */
async function releaseRecordedVersion(): Promise<void> {
  await serve(goodAnswers);
  const io = capture();
  expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'snapshot-1', '--gate'], io), io.text()).toBe(0);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'eval record');
  repo.git('tag', '-a', '@acme/prompt-faq@1.0.0', '-m', '@acme/prompt-faq@1.0.0');
}

const degraded = { ...goodAnswers, 'What does a minor bump mean?': 'It is a medium number change.' };

describe('promptpack drift', () => {
  it('a released version that still meets its record passes, asking the recorded model only the blocking cases', async () => {
    await releaseRecordedVersion();
    const chat = await serve(goodAnswers);
    const io = capture();
    expect(await main(['drift', 'faq'], io), io.text()).toBe(0);
    expect(io.stdout.join('\n')).toContain('faq@1.0.0 holds: blocking hard-pass rate is unchanged on snapshot-1 (100% recorded in @acme/prompt-faq@1.0.0:prompts/faq/eval-result.json, 100% now); within the 2 points allowed');
    // 3 blocking cases × the record's 3 repeats; the monitoring case is not asked.
    expect(chat.requests).toHaveLength(9);
    expect(new Set(chat.requests.map((request) => request.body?.model))).toEqual(new Set(['snapshot-1']));
  });

  it('fails with exit 1 when the hard-pass rate falls more than maxDropPoints below the record, naming the cases', async () => {
    await releaseRecordedVersion();
    await serve(degraded);
    const io = capture();
    expect(await main(['drift', 'faq', '--version', '1.0.0'], io), io.text()).toBe(1);
    expect(io.stderr.join('\n')).toContain('faq@1.0.0 drifted: blocking hard-pass rate fell 33.3 points on snapshot-1 (100% recorded in @acme/prompt-faq@1.0.0:prompts/faq/eval-result.json, 66.7% now); more than the 2 points allowed');
    expect(io.stderr.join('\n')).toContain('  regressed minor-bump: hard-pass → fail: ');
    expect(io.stderr.join('\n')).not.toContain('regressed patch-bump');
    expect(io.stderr.join('\n')).toContain('  hint: read the answers (promptpack eval faq --version 1.0.0 --provider openai --model snapshot-1 --report markdown)');
  });

  it('a drop within the version\'s maxDropPoints holds, still naming the case that regressed', async () => {
    const evals = path.join(repo.promptDir, 'evals.yaml');
    writeFileSync(evals, readFileSync(evals, 'utf8').replace('maxDropPoints: 2', 'maxDropPoints: 40').replace('hardPassRate: 0.9', 'hardPassRate: 0.5').replace('passRate: 0.95', 'passRate: 0.5'));
    await releaseRecordedVersion();
    await serve(degraded);
    const io = capture();
    expect(await main(['drift', 'faq'], io), io.text()).toBe(0);
    expect(io.stdout.join('\n')).toContain('faq@1.0.0 holds: blocking hard-pass rate fell 33.3 points on snapshot-1');
    expect(io.stdout.join('\n')).toContain('within the 40 points allowed');
    expect(io.stdout.join('\n')).toContain('  regressed minor-bump: hard-pass → fail');
  });

  it('--record compares the working tree with a record file; --model overrides the recorded model', async () => {
    await releaseRecordedVersion();
    const chat = await serve(degraded);
    const io = capture();
    expect(await main(['drift', 'faq', '--record', 'prompts/faq/eval-result.json', '--model', 'snapshot-2'], io), io.text()).toBe(1);
    expect(io.stderr.join('\n')).toContain('faq (working tree) drifted: blocking hard-pass rate fell 33.3 points on snapshot-2 (100% recorded in prompts/faq/eval-result.json, 66.7% now)');
    expect(new Set(chat.requests.map((request) => request.body?.model))).toEqual(new Set(['snapshot-2']));
  });

  it('a version released without a record is reported, not failed; no release at all says so', async () => {
    await serve(goodAnswers);
    const bare = capture();
    expect(await main(['drift', 'faq'], bare), bare.text()).toBe(0);
    expect(bare.stdout).toContain('faq: no released version yet');
    repo.git('tag', '-a', '@acme/prompt-faq@0.9.0', '-m', '@acme/prompt-faq@0.9.0');
    const io = capture();
    expect(await main(['drift', 'faq'], io), io.text()).toBe(0);
    expect(io.stdout).toContain('faq: no eval record at the release tag of 0.9.0; nothing to compare with');
  });

  it('exits 2 without an endpoint, for an unknown version, and when every request errors', async () => {
    await releaseRecordedVersion();
    await server?.close();
    server = undefined;
    delete process.env.OPENAI_BASE_URL;
    const unconfigured = capture();
    expect(await main(['drift', 'faq'], unconfigured)).toBe(2);
    expect(unconfigured.stderr.join('\n')).toContain('promptpack drift runs the live model, and no endpoint is configured.');
    expect(unconfigured.stderr.join('\n')).toContain('Set OPENAI_API_KEY');

    server = await startChatServer({ script: () => ({ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } }) });
    process.env.OPENAI_BASE_URL = server.url;
    const stranger = path.join(repo.dir, 'stranger.json');
    writeFileSync(stranger, readFileSync(path.join(repo.promptDir, 'eval-result.json'), 'utf8').replaceAll('"id": "faq"', '"id": "greeting"'));
    const wrongRecord = capture();
    expect(await main(['drift', 'faq', '--record', stranger], wrongRecord)).toBe(2);
    expect(wrongRecord.stderr.join('\n')).toContain(`${stranger} is a record of prompt "greeting", not "faq".`);
    const unknown = capture();
    expect(await main(['drift', 'faq', '--version', '7.0.0'], unknown)).toBe(2);
    expect(unknown.stderr.join('\n')).toContain('--version 7.0.0: @acme/prompt-faq has no release tag @acme/prompt-faq@7.0.0.');
    const refused = capture();
    expect(await main(['drift', 'faq'], refused)).toBe(2);
    expect(refused.stderr.join('\n')).toMatch(/error faq@1\.0\.0: every one of 9 requests failed, so nothing was measured: .*Incorrect API key/);
  });
});
