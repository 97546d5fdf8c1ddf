// Service inventories: what each service has installed, read from its
// `/.well-known/promptpack` endpoint or from an inventory file it wrote at
// start-up (@promptpack/runtime's inventoryHandler / writeInventoryFile).
import { readFileSync } from 'node:fs';

export interface InventoryPrompt {
  id: string;
  name: string;
  stable: string;
  versions: Array<{ version: string; contentHash: string }>;
}

export interface ServiceInventory {
  service: string;
  /** Where it was read from: a URL or a file. */
  source: string;
  prompts: InventoryPrompt[];
}

export interface InventoryProblem {
  source: string;
  message: string;
}

export interface Inventories {
  /** True when at least one source was given: the guardrails then rely on it. */
  given: boolean;
  services: ServiceInventory[];
  /** Sources that could not be read: a guardrail refuses on them (a service we cannot see may lack the version). */
  problems: InventoryProblem[];
}

export interface InventorySources {
  services: readonly string[];
  files: readonly string[];
  timeoutMs?: number;
}

export const wellKnownPath = '/.well-known/promptpack';

/** Reads every source in parallel; a failing source is a problem, never an exception. */
export async function loadInventories(sources: InventorySources): Promise<Inventories> {
  const given = sources.services.length + sources.files.length > 0;
  const reads = [...sources.services.map((url) => fromUrl(url, sources.timeoutMs ?? 3_000)), ...sources.files.map(async (file) => fromFile(file))];
  const results = await Promise.all(reads);
  return {
    given,
    services: results.flatMap((result) => (result.ok ? result.services : [])),
    problems: results.flatMap((result) => (result.ok ? [] : [{ source: result.source, message: result.message }])),
  };
}

type Read = { ok: true; services: ServiceInventory[] } | { ok: false; source: string; message: string };

async function fromUrl(raw: string, timeoutMs: number): Promise<Read> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, source: raw, message: `"${raw}" is not a URL (expected e.g. http://127.0.0.1:3000)` };
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = wellKnownPath;
  const source = url.href;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    if (!response.ok) return { ok: false, source, message: `HTTP ${response.status}` };
    return parseInventory(await response.json(), source);
  } catch (error) {
    return { ok: false, source, message: networkCause(error) };
  }
}

function fromFile(file: string): Read {
  try {
    return parseInventory(JSON.parse(readFileSync(file, 'utf8')), file);
  } catch (error) {
    return { ok: false, source: file, message: (error as Error).message };
  }
}

/** One service (`{service, prompts}`), a list of them, or `{services: [...]}`. */
export function parseInventory(data: unknown, source: string): Read {
  const list = Array.isArray(data) ? data : Array.isArray((data as { services?: unknown })?.services) ? (data as { services: unknown[] }).services : [data];
  const services: ServiceInventory[] = [];
  for (const [index, entry] of list.entries()) {
    const where = list.length > 1 ? `${source} [${index}]` : source;
    const { service, prompts } = (entry ?? {}) as { service?: unknown; prompts?: unknown };
    if (typeof service !== 'string' || !Array.isArray(prompts)) {
      return { ok: false, source: where, message: 'not a promptpack inventory: expected {"service": "name", "prompts": [{"id", "name", "stable", "versions": [{"version", "contentHash"}]}]}' };
    }
    const valid = prompts.every(
      (prompt: Partial<InventoryPrompt>) => typeof prompt?.id === 'string' && typeof prompt.stable === 'string' && Array.isArray(prompt.versions) && prompt.versions.every((v) => typeof v?.version === 'string' && typeof v.contentHash === 'string'),
    );
    if (!valid) return { ok: false, source: where, message: 'a prompt entry lacks id, stable or versions[{version, contentHash}]' };
    services.push({ service, source: where, prompts: prompts as InventoryPrompt[] });
  }
  return { ok: true, services };
}

export function promptIn(service: ServiceInventory, id: string): InventoryPrompt | undefined {
  return service.prompts.find((prompt) => prompt.id === id);
}

/** The services' built-in stable for `id` when they agree; undefined when none reports it or they differ. */
export function builtInStable(inventories: Inventories, id: string): { version: string | undefined; all: Map<string, string[]> } {
  const all = new Map<string, string[]>();
  for (const service of inventories.services) {
    const prompt = promptIn(service, id);
    if (prompt) all.set(prompt.stable, [...(all.get(prompt.stable) ?? []), service.service]);
  }
  return { version: all.size === 1 ? [...all.keys()][0] : undefined, all };
}

/** contentHash per version across services; more than one hash for a version is a conflict. */
export function hashesOf(inventories: Inventories, id: string, version: string): Map<string, string[]> {
  const hashes = new Map<string, string[]>();
  for (const service of inventories.services) {
    const entry = promptIn(service, id)?.versions.find((candidate) => candidate.version === version);
    if (entry) hashes.set(entry.contentHash, [...(hashes.get(entry.contentHash) ?? []), service.service]);
  }
  return hashes;
}

/** fetch() says "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause. */
export function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string; errors?: Array<{ code?: string }> } }).cause;
  if ((error as Error).name === 'TimeoutError') return 'timed out';
  return cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (error as Error).message;
}
