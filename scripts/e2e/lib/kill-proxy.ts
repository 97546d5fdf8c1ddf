// An HTTP proxy on 127.0.0.1 between npm and Verdaccio that makes "the
// registry died mid-release" deterministic: it forwards publish requests
// (PUT) one at a time, and right after the first successful publish response
// has been sent to npm it runs `afterFirstPublish` (which kills Verdaccio)
// before letting the next publish through. Everything after that meets a
// dead upstream and gets a 502, like a client in front of a crashed registry.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KillProxy {
  url: string;
  /** Names of the packages whose publish got through before the kill. */
  publishedBeforeKill: string[];
  close(): Promise<void>;
}

export async function startKillProxy(target: string, afterFirstPublish: () => Promise<void>): Promise<KillProxy> {
  const upstream = new URL(target);
  const publishedBeforeKill: string[] = [];
  let killed = false;
  let publishes: Promise<void> = Promise.resolve();

  const forward = (request: http.IncomingMessage, response: http.ServerResponse): Promise<number> =>
    new Promise((resolve) => {
      const outgoing = http.request(
        { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } },
        (incoming) => {
          response.writeHead(incoming.statusCode ?? 502, incoming.headers);
          incoming.pipe(response);
          response.once('finish', () => resolve(incoming.statusCode ?? 502));
        },
      );
      outgoing.once('error', (error) => {
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: `registry unreachable: ${error.message}` }));
        resolve(502);
      });
      request.pipe(outgoing);
    });

  const server = http.createServer((request, response) => {
    if (request.method !== 'PUT') {
      void forward(request, response);
      return;
    }
    publishes = publishes.then(async () => {
      const status = await forward(request, response);
      if (!killed && status >= 200 && status < 300) {
        publishedBeforeKill.push(decodeURIComponent(request.url?.slice(1) ?? ''));
        killed = true;
        await afterFirstPublish();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    publishedBeforeKill,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
