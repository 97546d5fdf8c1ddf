// @ts-check
// A small support service: two installed versions of the support-reply
// prompt, one runtime, and the flag source deciding per request which
// version serves. Flags come from a flags file (the embedded default) or a
// real Unleash server, chosen by environment variables. Each reply's outcome
// (latency, tokens, cost, errors, later feedback) is recorded per version
// and served to Prometheus on /metrics. When two versions of refund-triage
// are installed too (aliases refund-triage-stable and refund-triage-next),
// /triage serves that structured-output prompt: its answers are parsed
// against the version's output schema, and those that fail count as
// parse failures of the version served.
import { createServer } from 'node:http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { createPromptRuntime, fileFlags, inventoryHandler, unleashFlags, writeInventoryFile } from '@promptpack/runtime';
import { errorRates, fakeModel, fakeTriageModel, versionShares } from './fake-model.mjs';
import stable from 'support-reply-stable';
import next from 'support-reply-next';

/**
 * An optional prompt's two versions, or undefined when its aliases are not installed.
 * @param {string} stableAlias
 * @param {string} nextAlias
 */
async function optionalPrompt(stableAlias, nextAlias) {
  try {
    const [optionalStable, optionalNext] = await Promise.all([import(stableAlias), import(nextAlias)]);
    return { stable: optionalStable.default, candidates: [optionalNext.default] };
  } catch (error) {
    // Only "not installed" turns the route off; an installed package that fails to load stops the service.
    const { code, message } = /** @type {{ code?: string, message: string }} */ (error);
    if (code === 'ERR_MODULE_NOT_FOUND' && [stableAlias, nextAlias].some((alias) => message.includes(`'${alias}'`))) return undefined;
    throw error;
  }
}
const triage = await optionalPrompt('refund-triage-stable', 'refund-triage-next');

// UNLEASH_URL may be the server's base URL (what `pnpm unleash:start` prints)
// or its API URL; unleash-client wants the API URL.
const unleashApi = process.env.UNLEASH_URL?.replace(/\/+$/, '').replace(/(?<!\/api)$/, '/api');

const flags = unleashApi
  ? unleashFlags({
      url: unleashApi,
      appName: 'support-service',
      token: process.env.UNLEASH_TOKEN ?? '',
      refreshInterval: Number(process.env.UNLEASH_REFRESH_MS ?? 1000),
      backupDir: process.env.UNLEASH_BACKUP_DIR,
    })
  : fileFlags(process.env.PROMPTPACK_FLAGS_FILE ?? 'flags.json', { appName: 'support-service' });

// /healthz reports the flag source's last event: the service stays healthy
// while the flag system is down (it serves stable or the last known flags),
// but an operator should see that it is down, and since when.
/** @type {{ type: string, message: string, at: string } | null} */
let lastFlagEvent = null;
flags.subscribe((event) => {
  lastFlagEvent = { type: event.type, message: event.message, at: new Date().toISOString() };
  // Errors reach the log through onWarning, once per cause; loads and changes are logged here.
  if (event.type === 'ready' || event.type === 'changed') process.stderr.write(`${JSON.stringify({ level: 'info', flags: event.type, source: event.source, message: event.message })}\n`);
});

// Metrics for Prometheus, served on this service's own /metrics route (no second port to scrape).
const exporter = new PrometheusExporter({ preventServerStart: true });
const meterProvider = new MeterProvider({ readers: [exporter] });
const modelOptions = { latencyMs: Number(process.env.FAKE_MODEL_LATENCY_MS ?? 20), errorRates: errorRates(process.env.FAKE_MODEL_ERROR_RATE) };
const model = fakeModel(modelOptions);
const triageModel = fakeTriageModel({ ...modelOptions, malformedRates: versionShares(process.env.FAKE_MODEL_MALFORMED_RATE, 'FAKE_MODEL_MALFORMED_RATE') });

const runtime = createPromptRuntime({
  prompts: { 'support-reply': { stable, candidates: [next] }, ...(triage ? { 'refund-triage': triage } : {}) },
  flags,
  meter: meterProvider.getMeter('@promptpack/runtime'),
  // The flag is `prompt.support-reply` unless PROMPTPACK_FLAG_PREFIX says otherwise (two services on one Unleash).
  flagPrefix: process.env.PROMPTPACK_FLAG_PREFIX,
  // One line per distinct problem, for the logs; never per request.
  onWarning: (warning) => process.stderr.write(`${JSON.stringify({ level: 'warn', ...warning })}\n`),
});

// What this service can serve, for `promptpack flags` (status and guardrails):
// over HTTP, and in a file when PROMPTPACK_INVENTORY_FILE names one.
const inventory = inventoryHandler(runtime, { service: 'support-service' });
if (process.env.PROMPTPACK_INVENTORY_FILE) writeInventoryFile(runtime, process.env.PROMPTPACK_INVENTORY_FILE, { service: 'support-service' });

/** The variables a real service would take from its ticket system. */
function ticketVariables(customerName) {
  return {
    companyName: 'Acme',
    customer: { name: customerName, tier: 'pro' },
    ticket: { subject: 'Where is my order?', body: 'Order A-1001 was due on Monday and has not arrived.' },
    recentOrders: [{ id: 'A-1001', date: '2026-11-16', total: 'USD 84.50', status: 'shipped' }],
  };
}

function send(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Reads a JSON request body (bounded). */
async function readJson(request) {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > 10_000) throw new Error('body over 10,000 characters');
  }
  return JSON.parse(body);
}

async function reply(url, response) {
  const userId = url.searchParams.get('userId') ?? undefined;
  try {
    // Renders, calls the model in a `chat gpt-4o-mini` span, records the outcome per version.
    const { rendered, answer } = await runtime.callModel('support-reply', ticketVariables(userId ?? 'Ada'), { userId }, model);
    send(response, 200, { meta: rendered.meta, text: answer.text });
  } catch (error) {
    // The model's error, already counted as an `error` outcome of the version served.
    send(response, 502, { error: /** @type {Error} */ (error).message });
  }
}

/** A refund request as the order system would hand it over: a duplicate charge. */
function refundVariables(userId) {
  return {
    today: '2024-07-15',
    order: {
      id: 'NW-40101',
      status: 'delivered',
      totalCents: 4999,
      refundedCents: 0,
      finalSale: false,
      purchasedAt: '2024-06-26',
      promisedBy: '2024-07-03',
      deliveredAt: '2024-07-01',
      charges: [
        { id: 'ch_A1', amountCents: 4999, chargedAt: '2024-06-26', status: 'captured' },
        { id: 'ch_A2', amountCents: 4999, chargedAt: '2024-06-26', status: 'captured' },
      ],
    },
    customer: { accountAgeDays: 900, refundsLast90Days: 0, chargebacksLast12Months: 0 },
    request: { text: `Customer ${userId}: I was charged twice for this order. Please refund one of them.` },
  };
}

async function triageReply(url, response) {
  if (!triage) return send(response, 404, { error: 'no /triage: install refund-triage-stable and refund-triage-next (npm aliases of @acme/prompt-refund-triage) to serve it' });
  const userId = url.searchParams.get('userId') ?? undefined;
  try {
    // callModel parses the answer with the served version's safeParseOutput and records parse_failure when it fails.
    const { rendered, output } = await runtime.callModel('refund-triage', refundVariables(userId ?? 'Ada'), { userId }, triageModel);
    // An answer that does not parse is never acted on: it goes to a human, and the client is told so.
    if (!output.success) return send(response, 200, { meta: rendered.meta, parsed: false, decision: 'escalate', error: output.error.message });
    send(response, 200, { meta: rendered.meta, parsed: true, ...output.data });
  } catch (error) {
    send(response, 502, { error: /** @type {Error} */ (error).message });
  }
}

async function feedback(request, response) {
  try {
    const { meta, score } = await readJson(request);
    // Minutes after the reply: tied to it by the meta the client got with it.
    runtime.reportFeedback(meta, score);
    send(response, 202, { recorded: true });
  } catch (error) {
    send(response, 400, { error: `POST /feedback wants {"meta": <meta from /reply>, "score": 0..1}: ${/** @type {Error} */ (error).message}` });
  }
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/reply') return void reply(url, response);
  if (url.pathname === '/triage') return void triageReply(url, response);
  if (url.pathname === '/feedback' && request.method === 'POST') return void feedback(request, response);
  if (url.pathname === '/metrics') return exporter.getMetricsRequestHandler(request, response);
  if (url.pathname === '/render') {
    const userId = url.searchParams.get('userId') ?? undefined;
    const sessionId = url.searchParams.get('sessionId') ?? undefined;
    const tenantId = url.searchParams.get('tenantId') ?? undefined;
    try {
      const result = runtime.render('support-reply', ticketVariables(userId ?? 'Ada'), { userId, sessionId, tenantId });
      send(response, 200, { meta: result.meta, messages: url.searchParams.has('messages') ? result.messages : undefined });
    } catch (error) {
      // Only invalid variables throw; flags never do.
      send(response, 400, { error: /** @type {Error} */ (error).message });
    }
    return;
  }
  if (inventory(request, response)) return;
  if (url.pathname === '/healthz') {
    const ready = runtime.resolve('support-reply').reason !== 'source-not-ready';
    return send(response, 200, { ok: true, pid: process.pid, flags: { source: flags.name, ready, lastEvent: lastFlagEvent } });
  }
  send(response, 404, { error: `no route ${url.pathname}; try /render?userId=u1` });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  // The first stdout line is machine-readable: scripts wait for it.
  process.stdout.write(`${JSON.stringify({ listening: `http://127.0.0.1:${address.port}` })}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    void Promise.allSettled([runtime.close(), meterProvider.shutdown()]).then(() => process.exit(0));
  });
}
