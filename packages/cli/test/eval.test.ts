import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type ChatServer, startChatServer } from '../../eval/test/chat-server.js';
import { main } from '../src/index.js';
import { answering, capture, faqEvals, goodAnswers } from './eval-fixture.js';
import { faqRepoPerTest } from './faq-repo-per-test.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-eval-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const repo = faqRepoPerTest(scratch);
let server: ChatServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(answers: Record<string, string> = goodAnswers): Promise<ChatServer> {
  server = await startChatServer({ script: answering(answers) });
  process.env.OPENAI_BASE_URL = server.url;
  return server;
}

const readJson = (file: string) => JSON.parse(readFileSync(path.join(repo.promptDir, file), 'utf8'));

describe('promptpack eval against an OpenAI-compatible server', () => {
  it('runs every case N times, passes the gate, exits 0 and writes the eval record for this content', async () => {
    const chat = await serve();
    const io = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--gate'], io), io.text()).toBe(0);
    expect(chat.requests).toHaveLength(12);
    expect(new Set(chat.requests.map((request) => request.body?.model))).toEqual(new Set(['test']));
    expect(io.stdout[0]).toMatch(/^faq@1\.0\.0 gate passed · blocking hard-pass 100% \(3\/3\), pass 100% · 4 cases × 3 · no errors · /);
    expect(io.stdout.join('\n')).toContain('baseline: none (no release of @acme/prompt-faq before 1.0.0)');

    const record = readJson('eval-result.json');
    const manifest = readJson('dist/manifest.json');
    expect(record).toMatchObject({
      specificationVersion: 'promptpack.eval-record/v1',
      prompt: { id: 'faq', version: '1.0.0', contentHash: manifest.contentHash, evalsHash: manifest.hashes.evals },
      model: 'test',
      gate: { passed: true, reasons: [] },
      summary: { cases: 4, repeats: 3, errors: 0, blocking: { count: 3, hardPass: 3, hardPassRate: 1 } },
      baseline: null,
    });
    expect(record.result.cases.map((c: { id: string; outcome: string }) => [c.id, c.outcome])).toEqual([
      ['patch-bump', 'hard-pass'],
      ['minor-bump', 'hard-pass'],
      ['major-bump', 'hard-pass'],
      ['stays-polite', 'hard-pass'],
    ]);
  });

  it('exits 1 when the gate fails, says why, and writes no record', async () => {
    await serve({ ...goodAnswers, 'What does a major bump mean?': 'It is a big number change.' });
    const io = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--gate'], io), io.text()).toBe(1);
    const text = io.text();
    expect(text).toMatch(/faq@1\.0\.0 GATE FAILED · blocking hard-pass 66\.7% \(2\/3\)/);
    expect(text).toMatch(/gate: Blocking hard-pass rate 66\.7% \(2 of 3 cases\) is below the 90\.0% threshold/);
    expect(text).toMatch(/fail +blocking +major-bump: icontains/);
    expect(existsSync(path.join(repo.promptDir, 'eval-result.json'))).toBe(false);
  });

  it('a gated run of a subset, or with fewer repeats than the manifest, is not recorded', async () => {
    await serve();
    for (const args of [['--tier', 'blocking'], ['--case', 'patch-bump'], ['--repeats', '1']]) {
      const io = capture();
      expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--gate', ...args], io), io.text()).toBe(0);
      expect(io.stdout.join('\n')).toMatch(/not recorded: /);
    }
    expect(existsSync(path.join(repo.promptDir, 'eval-result.json'))).toBe(false);
  });

  it('exits 0 without --gate even when cases fail, and writes no record', async () => {
    await serve({ ...goodAnswers, 'What does a major bump mean?': 'It is a big number change.' });
    const io = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--repeats', '1'], io), io.text()).toBe(0);
    expect(io.stdout[0]).toMatch(/^faq@1\.0\.0 evaluated · .* 4 cases × 1 /);
    expect(existsSync(path.join(repo.promptDir, 'eval-result.json'))).toBe(false);
  });

  it('exits 2 when every request errors, naming the cases', async () => {
    server = await startChatServer({ script: () => ({ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } }) });
    process.env.OPENAI_BASE_URL = server.url;
    const io = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--gate'], io), io.text()).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/error faq case "patch-bump": /);
    expect(io.stderr.join('\n')).toMatch(/every one of 12 requests failed[\s\S]*hint: check the endpoint/);
  });

  it('exits 2 for a wrong command line or a provider that is not configured', async () => {
    for (const args of [
      ['eval', 'faq', '--tier', 'blocker'],
      ['eval', 'faq', '--repeats', '0'],
      ['eval', 'faq', '--provider', 'llama'],
      ['eval', 'nope'],
      ['eval', 'faq', '--unknown-flag'],
      ['eval', 'faq', '--compare', '1.0.0'],
      ['eval', 'faq', '--provider', 'replay', '--record'],
      // No OPENAI_BASE_URL and no key: misconfigured.
      ['eval', 'faq', '--provider', 'openai'],
    ]) {
      const io = capture();
      expect(await main(args, io), `${args.join(' ')}\n${io.text()}`).toBe(2);
      expect(io.stderr.join('\n'), args.join(' ')).toMatch(/error|Unknown option/);
    }
  });
});

describe('record and replay', () => {
  it('records live answers, then replays them offline with an identical result', async () => {
    await serve();
    const live = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--record', '--report', 'json'], live), live.text()).toBe(0);
    const recordings = readJson('evals.recordings.json');
    expect(recordings.specificationVersion).toBe('promptpack.replay/v1');
    expect(Object.keys(recordings.recordings)).toHaveLength(4);
    await server?.close();
    server = undefined;
    delete process.env.OPENAI_BASE_URL;

    const replayed = capture();
    expect(await main(['eval', 'faq', '--provider', 'replay', '--model', 'test', '--report', 'json'], replayed), replayed.text()).toBe(0);
    const [a, b] = [live, replayed].map((io) => JSON.parse(io.stdout.join('\n')));
    const stable = (result: Record<string, unknown>) => ({ ...result, provider: undefined, startedAt: undefined, durationMs: undefined });
    expect(stable(b)).toEqual(stable(a));
    expect(b.provider).toBe('replay');
    // The summary line went to stderr: stdout holds only the JSON.
    expect(replayed.stderr[0]).toMatch(/^faq@1\.0\.0 evaluated/);
  });

  it('a request with no recording is an error naming the case, and fails the gate', async () => {
    await serve();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--record'], capture())).toBe(0);
    // A new question is a new request: nothing recorded for it.
    writeFileSync(path.join(repo.promptDir, 'evals.yaml'), faqEvals.replace('What does a minor bump mean?', 'What is a minor release?'));
    const io = capture();
    expect(await main(['eval', 'faq', '--provider', 'replay', '--model', 'test', '--gate'], io), io.text()).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/error faq case "minor-bump": .*No recording for request sha256:/);
    expect(io.stdout.join('\n')).toMatch(/gate: .*ended in error/);
  });

  it('replay with no recordings file at all exits 2 with a hint to record', async () => {
    const io = capture();
    expect(await main(['eval', 'faq', '--provider', 'replay'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/error replay\/invalid-file \(faq\): No replay file at .*evals\.recordings\.json[\s\S]*--record/);
  });

  it('CI defaults to replay', async () => {
    process.env.CI = 'true';
    process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1';
    const io = capture();
    expect(await main(['eval', 'faq'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/No replay file/);
  });
});

describe('baseline, released versions and compare', () => {
  async function releaseFirstVersion(): Promise<void> {
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--gate'], capture())).toBe(0);
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'eval record');
    repo.git('tag', '-a', '@acme/prompt-faq@1.0.0', '-m', '@acme/prompt-faq@1.0.0');
    const packageJson = path.join(repo.promptDir, 'package.json');
    writeFileSync(packageJson, readFileSync(packageJson, 'utf8').replace('"version": "1.0.0"', '"version": "1.1.0"'));
  }

  it('--gate compares with the previous release recorded at its tag, and fails on a drop beyond maxDropPoints', async () => {
    await serve();
    await releaseFirstVersion();
    await server?.close();
    await serve({ ...goodAnswers, 'What does a major bump mean?': 'It is a big number change.' });
    const io = capture();
    // 66.7% hard-pass vs 100% at 1.0.0: both the threshold and the baseline drop fail.
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--gate', '--baseline', 'auto'], io), io.text()).toBe(1);
    expect(io.text()).toContain('baseline: @acme/prompt-faq@1.0.0:prompts/faq/eval-result.json');
    expect(io.text()).toMatch(/gate: Blocking hard-pass rate fell 33\.3 points against 1\.0\.0/);
  });

  it('a passing gate records the baseline it compared with', async () => {
    await serve();
    await releaseFirstVersion();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--gate'], capture())).toBe(0);
    expect(readJson('eval-result.json')).toMatchObject({ prompt: { version: '1.1.0' }, baseline: { version: '1.0.0' }, gate: { baseline: { version: '1.0.0', delta: 0 } } });
  });

  it('--version evaluates a released version rebuilt from its tag; an unknown version exits 2', async () => {
    await serve();
    await releaseFirstVersion();
    writeFileSync(path.join(repo.promptDir, 'policy.md'), 'You answer in French.\n');
    const io = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--version', '1.0.0', '--repeats', '1'], io), io.text()).toBe(0);
    expect(io.stdout[0]).toMatch(/^faq@1\.0\.0 evaluated/);
    // The released policy was sent, not the working tree's.
    expect(server?.requests.at(-1)?.body?.messages[0]?.content).toContain('semantic versioning');
    const missing = capture();
    expect(await main(['eval', 'faq', '--version', '0.9.0', '--provider', 'openai', '--model', 'test'], missing)).toBe(2);
    expect(missing.stderr.join('\n')).toMatch(/no release tag @acme\/prompt-faq@0\.9\.0[\s\S]*released versions: 1\.0\.0/);
  });

  it('--compare runs both versions on the same cases and writes a side-by-side markdown and HTML report', async () => {
    await serve();
    await releaseFirstVersion();
    // The working tree answers worse: its policy asks for riddles, and the server answers riddles badly.
    writeFileSync(path.join(repo.promptDir, 'policy.md'), 'You answer in riddles.\n');
    await server?.close();
    server = await startChatServer({
      script: (request) => {
        const riddles = String(request.body?.messages[0]?.content).includes('riddles');
        const question = String(request.body?.messages.at(-1)?.content).trim();
        return { reply: riddles && question.includes('major') ? 'What grows but never breaks?' : (goodAnswers[question] ?? '') };
      },
    });
    process.env.OPENAI_BASE_URL = server.url;
    const io = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--compare', '1.0.0', 'working', '--out', 'reports'], io), io.text()).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/compared 1\.0\.0 → 1\.1\.0 \(working tree\): 1 regressed, 0 improved, 3 unchanged/);
    expect(io.stdout.join('\n')).toMatch(/regressed blocking +major-bump: hard-pass → fail/);
    const markdown = readFileSync(path.join(repo.dir, 'reports/faq.compare-1.0.0-working.md'), 'utf8');
    expect(markdown).toContain('| `major-bump` | blocking | hard-pass | fail | regressed |');
    const html = readFileSync(path.join(repo.dir, 'reports/faq.compare-1.0.0-working.html'), 'utf8');
    expect(html).toContain('What grows but never breaks?');
    expect(html).toContain('A major bump signals a breaking change for consumers.');
    expect(server.requests).toHaveLength(24);
  });
});

describe('reports from the CLI', () => {
  it('--report markdown,html --out writes one file per format and prompt', async () => {
    await serve();
    const io = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--report', 'markdown,html,json', '--out', 'out'], io), io.text()).toBe(0);
    expect(readFileSync(path.join(repo.dir, 'out/faq.eval.md'), 'utf8')).toMatch(/^# Evals: @acme\/prompt-faq@1\.0\.0/);
    expect(readFileSync(path.join(repo.dir, 'out/faq.eval.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(JSON.parse(readFileSync(path.join(repo.dir, 'out/faq.eval.json'), 'utf8')).specificationVersion).toBe('promptpack.eval-result/v1');
    expect(io.stdout.filter((line) => line.startsWith('  report '))).toHaveLength(3);
  });

  it('--junit writes a JUnit XML report with a testcase per case and the failed gate', async () => {
    await serve({ ...goodAnswers, 'What does a major bump mean?': 'It is a big <number> change ]]>.' });
    const io = capture();
    expect(await main(['eval', 'faq', '--provider', 'openai', '--model', 'test', '--gate', '--junit', 'reports/evals.junit.xml'], io), io.text()).toBe(1);
    // The XML itself is parsed and checked by @promptpack/report's junit tests; here: the CLI wrote this run into it.
    const xml = readFileSync(path.join(repo.dir, 'reports/evals.junit.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="promptpack eval" tests="5" failures="2" errors="0" skipped="0"/);
    expect([...xml.matchAll(/<testcase classname="([^"]+)" name="([^"]+)"/g)].map((match) => `${match[1]} ${match[2]}`)).toEqual([
      'faq.blocking patch-bump',
      'faq.blocking minor-bump',
      'faq.blocking major-bump',
      expect.stringMatching(/^faq\.(monitoring|backlog) /),
      'faq gate',
    ]);
    expect(xml).toContain('<failure message="hard icontains: does not contain');
    expect(xml).toContain('It is a big &lt;number&gt; change ]]&gt;.');
    expect(xml).toMatch(/<failure message="Blocking hard-pass rate 66\.7%[^"]*" type="gate">/);
    expect(io.text()).toContain('junit reports/evals.junit.xml (1 prompt)');
  });

  it('--junit cannot be combined with --compare', async () => {
    const io = capture();
    expect(await main(['eval', 'faq', '--compare', '1.0.0', 'working', '--junit', 'x.xml'], io)).toBe(2);
    expect(io.text()).toContain('--junit reports one run, not a --compare of two versions.');
  });
});
