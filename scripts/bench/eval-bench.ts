// pnpm bench:eval — the eval runner against the local chat-completions server
// (packages/eval/test/chat-server.ts, in its own process) through the real
// `openai` client: N cases of support-reply (its golden cases, cloned) at
// concurrency 1, 4, 16 and 64. Prints throughput (cases/s), its ratio to
// concurrency 1 measured in the same run, the runner's peak RSS and the most
// requests in flight. The server answers after a fixed latency and processes
// at most `capacity` requests at once, like a model server: throughput grows
// with concurrency until it saturates there.
//
//   BENCH_CASES=2000 BENCH_LATENCY_MS=20 BENCH_CAPACITY=16 BENCH_LEVELS=1,4,16,64 pnpm bench:eval
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPrompt } from '@promptpack/build';
import { type EvaluablePrompt, openaiProvider, runEvals } from '../../packages/eval/src/index.js';
import { startChatServer } from '../../packages/eval/test/chat-server.js';

const repo = path.resolve(import.meta.dirname, '../..');
const cases = Number(process.env.BENCH_CASES ?? 2000);
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const capacity = Number(process.env.BENCH_CAPACITY ?? 16);
const reply = 'Hi Ada, thanks for reaching out. Your order NW-10482 has shipped and is on its way. Please do not send card numbers by email. Best, The Northwind Outfitters Support Team';

// `--serve`: the server half, started by the benchmark below in a child
// process, so the server's CPU is not the runner's.
if (process.argv.includes('--serve')) {
  const server = await startChatServer({ script: () => ({ reply, delayMs: latencyMs }), capacity });
  console.log(server.url);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  await new Promise(() => {});
}

const levels = (process.env.BENCH_LEVELS ?? '1,4,16,64').split(',').map(Number);

const promptDir = path.join(repo, 'prompts/support-reply');
const built = buildPrompt(promptDir);
if (!built.success) throw new Error('support-reply does not build; run promptpack validate prompts/support-reply');
const module = (await import(pathToFileURL(path.join(promptDir, 'dist/index.js')).href)) as EvaluablePrompt;
const golden = module.evals.cases;
// Cases are cloned with new ids (and a distinct subject, so no two requests are alike).
const prompt: EvaluablePrompt = {
  ...module,
  render: module.render,
  safeParseOutput: module.safeParseOutput,
  evals: {
    ...module.evals,
    cases: Array.from({ length: cases }, (_, index) => {
      const source = golden[index % golden.length]!;
      const variables = source.variables as { ticket: { subject: string } };
      return { ...source, id: `${source.id}-${index}`, variables: { ...variables, ticket: { ...variables.ticket, subject: `${variables.ticket.subject} #${index}` } } };
    }),
  },
};

const child = spawn(process.execPath, [...process.execArgv, import.meta.filename, '--serve'], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
process.on('exit', () => child.kill('SIGTERM'));
const [url] = (await once(child.stdout, 'data')) as [Buffer];
const live = openaiProvider({ baseURL: url.toString().trim(), apiKey: 'bench', model: 'bench', maxRetries: 0, env: {} });
// Requests in flight, counted at the client: the most the runner ever had open.
let inFlight = 0;
let maxInFlight = 0;
let requests = 0;
const provider: typeof live = {
  name: live.name,
  complete: async (request, options) => {
    inFlight += 1;
    requests += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      return await live.complete(request, options);
    } finally {
      inFlight -= 1;
    }
  },
};

interface Row {
  concurrency: number;
  seconds: number;
  perSecond: number;
  peakRssMb: number;
  maxInFlight: number;
  errors: number;
}

console.log(`eval runner: ${cases} cases × 1 repeat of support-reply, server latency ${latencyMs} ms, server capacity ${capacity} requests at once (saturates at ~${Math.round((capacity * 1000) / latencyMs)} cases/s)`);
console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);

// One short warm-up: JIT, sockets, the openai client's first request.
await runEvals({ prompt: { ...prompt, evals: { ...prompt.evals, cases: prompt.evals.cases.slice(0, 50) } }, provider, repeats: 1, concurrency: 8 });

const rows: Row[] = [];
for (const concurrency of levels) {
  globalThis.gc?.();
  const requestsBefore = requests;
  maxInFlight = 0;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  const result = await runEvals({ prompt, provider, repeats: 1, concurrency });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (requests - requestsBefore !== cases) throw new Error(`expected ${cases} requests, sent ${requests - requestsBefore}`);
  const row = { concurrency, seconds, perSecond: cases / seconds, peakRssMb: peak / 1024 / 1024, maxInFlight, errors: result.totals.errors };
  rows.push(row);
  console.log(`  concurrency ${String(concurrency).padStart(3)}: ${row.perSecond.toFixed(0)} cases/s (${seconds.toFixed(2)} s)`);
}
child.kill('SIGTERM');

const base = rows[0]!.perSecond;
console.log('\n| concurrency | cases/s | × concurrency 1 | time (s) | peak RSS (MB) | in flight (max) | errors |');
console.log('|--:|--:|--:|--:|--:|--:|--:|');
for (const row of rows) {
  console.log(`| ${row.concurrency} | ${row.perSecond.toFixed(0)} | ${(row.perSecond / base).toFixed(1)}× | ${row.seconds.toFixed(2)} | ${row.peakRssMb.toFixed(0)} | ${row.maxInFlight} | ${row.errors} |`);
}
console.log('\nPeak RSS is the runner process (runner, openai client, the cases); the server runs in a child process. Work is pulled from a generator, so requests in flight never exceed the concurrency.');
