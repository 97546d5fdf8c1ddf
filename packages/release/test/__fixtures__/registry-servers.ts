// Two small HTTP servers on 127.0.0.1 standing in for a registry and a
// separate tarball host: each records who asked for what, with which
// credentials. (The release e2e tests run a real Verdaccio; these cases are
// the ones a well-behaved registry never produces.)
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  url: string;
  authorization: string | undefined;
}

export interface TestServer {
  url: string;
  seen: SeenRequest[];
  /** Answers for paths: status, body. */
  routes: Map<string, { status: number; body: Buffer | string; type?: string }>;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const routes = new Map<string, { status: number; body: Buffer | string; type?: string }>();
  const server: Server = createServer((request: IncomingMessage, response) => {
    seen.push({ url: request.url ?? '', authorization: request.headers.authorization });
    const route = routes.get(request.url ?? '');
    if (!route) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    response.writeHead(route.status, { 'content-type': route.type ?? 'application/json' }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    seen,
    routes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
