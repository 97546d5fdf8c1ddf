// A steady request rate against a service's instances, as its users would
// send it: `rate` requests a second on average, alternating between
// instances, each for a new user (so a 10% canary gets about 10% of them),
// never waiting for the previous answer. Every answer is kept, with when it
// came.
export interface LoadResponse {
  /** performance.now() when the answer arrived. */
  at: number;
  instance: number;
  userId: string;
  status: number;
  /** The version that served it (from the response's meta), when it was served. */
  version?: string;
  /** For /triage: whether the answer parsed against the version's output schema. */
  parsed?: boolean;
  error?: string;
}

export interface SteadyLoad {
  readonly responses: readonly LoadResponse[];
  /** Stops sending and waits for the requests in flight. */
  stop(): Promise<void>;
}

export function steadyLoad(urls: readonly string[], options: { path: string; ratePerSecond: number; userPrefix: string }): SteadyLoad {
  const responses: LoadResponse[] = [];
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  const send = () => {
    const instance = sent % urls.length;
    const userId = `${options.userPrefix}-${sent++}`;
    const url = `${urls[instance]}${options.path}?userId=${encodeURIComponent(userId)}`;
    // A GET that met a keep-alive socket the server had just closed (UND_ERR_SOCKET) is sent once more, as HTTP clients do for idempotent requests; the service never saw it.
    const get = () => fetch(url, { signal: AbortSignal.timeout(10_000) }).catch((error: { cause?: { code?: string } }) => {
      if (error.cause?.code === 'UND_ERR_SOCKET') return fetch(url, { signal: AbortSignal.timeout(10_000) });
      throw error;
    });
    const request = (async () => {
      try {
        const response = await get();
        const body = (await response.json()) as { meta?: { version: string }; parsed?: boolean; error?: string };
        responses.push({ at: performance.now(), instance, userId, status: response.status, version: body.meta?.version, parsed: body.parsed, error: body.error });
      } catch (error) {
        // fetch says only "fetch failed"; the cause says which (ECONNREFUSED, ECONNRESET, a timeout).
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        responses.push({ at: performance.now(), instance, userId, status: 0, error: `${(error as Error).message}${cause ? `: ${cause.code ?? cause.message}` : ''}` });
      }
    })();
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  };
  // On a busy machine timer callbacks come late and a plain interval loses
  // the missed ones (6 requests/s measured instead of 20); each tick sends
  // what is due since the start, so the rate holds on average.
  const started = performance.now();
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * options.ratePerSecond);
    while (sent < due) send();
  }, 1000 / options.ratePerSecond);
  return {
    responses,
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}
