// @ts-check
// A small support service: two installed versions of the support-reply
// prompt, one runtime, and the flag source deciding per request which
// version serves. Flags come from a flags file (the embedded default) or a
// real Unleash server, chosen by environment variables.
import { createServer } from 'node:http';
import { createPromptRuntime, fileFlags, inventoryHandler, unleashFlags, writeInventoryFile } from '@promptpack/runtime';
import stable from 'support-reply-stable';
import next from 'support-reply-next';

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

const runtime = createPromptRuntime({
  prompts: { 'support-reply': { stable, candidates: [next] } },
  flags,
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

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
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
    void runtime.close().then(() => process.exit(0));
  });
}
