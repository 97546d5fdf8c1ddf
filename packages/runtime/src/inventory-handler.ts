import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { PromptRuntime } from './create-prompt-runtime.js';
import type { PromptsConfig } from './prompt-module.js';

/** What a service reports about the prompt versions it can serve; read by `promptpack flags` for status and guardrails. */
export interface ServiceInventory {
  specificationVersion: 'promptpack.inventory/v1';
  service: string;
  prompts: ReturnType<PromptRuntime<PromptsConfig>['inventory']>;
}

export interface InventoryOptions {
  /** The service's name, as operators know it (e.g. `support-service`). */
  service: string;
}

export const inventoryPath = '/.well-known/promptpack';

export function serviceInventory<Prompts extends PromptsConfig>(runtime: PromptRuntime<Prompts>, options: InventoryOptions): ServiceInventory {
  return { specificationVersion: 'promptpack.inventory/v1', service: options.service, prompts: runtime.inventory() };
}

/**
 * A Node HTTP handler for `GET /.well-known/promptpack`: answers it and
 * returns true, or returns false for any other path so the service's own
 * routing continues. The body lists prompt ids, package names, the stable
 * version and every installed version with its contentHash; no variables,
 * templates or flag state.
 */
export function inventoryHandler<Prompts extends PromptsConfig>(runtime: PromptRuntime<Prompts>, options: InventoryOptions): (request: IncomingMessage, response: ServerResponse) => boolean {
  // Installed versions never change while the process runs: serialise once.
  let body: string | undefined;
  return (request, response) => {
    const pathname = (request.url ?? '/').split('?', 1)[0];
    if (pathname !== inventoryPath) return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: `${request.method} ${inventoryPath}: only GET and HEAD` }));
      return true;
    }
    body ??= JSON.stringify(serviceInventory(runtime, options));
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
    response.end(request.method === 'HEAD' ? undefined : body);
    return true;
  };
}

/**
 * Writes the inventory to `file` (e.g. at start-up, where `promptpack flags
 * --inventory` reads it): to a temporary file in the same folder, then
 * renamed over it, so a reader never sees half a file.
 */
export function writeInventoryFile<Prompts extends PromptsConfig>(runtime: PromptRuntime<Prompts>, file: string, options: Partial<InventoryOptions> = {}): void {
  // Without a name: the package that started the process (npm/pnpm start), else the folder it runs in.
  const service = options.service ?? process.env.npm_package_name ?? path.basename(process.cwd());
  const absolute = path.resolve(file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  const temporary = path.join(path.dirname(absolute), `.${path.basename(absolute)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, `${JSON.stringify(serviceInventory(runtime, { service }), null, 2)}\n`);
    renameSync(temporary, absolute);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
