// An Unleash server as a target, through its Admin API. The admin token is
// sent as a header and scrubbed from every message: it is never printed.
// Each change ends with the flag's description set to the change record,
// so Unleash's own event log (`feature-metadata-updated`) keeps who, why and
// what for every change, next to the strategy events themselves.
import { isChangeRecord, type ChangeRecord, type Strategy } from '@promptpack/spec/plain';
import { historyEntry, type HistoryEntry } from './change-record.js';
import type { EnvironmentState, FlagView } from './flag-state.js';
import { FlagsError } from './flags-error.js';
import { networkCause } from './inventory.js';
import type { FlagTarget } from './target.js';
import { AdminBodyError, AdminHttpError, unleashAdminClient } from './unleash-admin-client.js';

export interface UnleashTargetOptions {
  url: string;
  token: string;
  project: string;
  environment: string;
  timeoutMs?: number;
}

interface AdminFeature {
  name: string;
  description?: string;
  environments?: Array<{ name: string; enabled: boolean; strategies?: Strategy[] }>;
}

interface AdminEvent {
  id: number;
  type: string;
  createdBy: string;
  createdAt: string;
  environment?: string | null;
  data?: { description?: string; title?: string } | null;
  label?: string;
}

const recordMarker = '\n\npromptpack-change: ';

export function unleashTarget(options: UnleashTargetOptions): FlagTarget {
  const client = unleashAdminClient(options);
  const { displayBase: base, featurePath, strategiesPath } = client;
  const project = encodeURIComponent(options.project);
  const environment = options.environment;

  /** The client's request, its failures worded for an operator (what to check) as FlagsError. */
  async function call<T>(method: string, path: string, body?: unknown, allow: readonly number[] = []): Promise<{ status: number; body: T }> {
    try {
      return await client.call<T>(method, path, body, allow);
    } catch (error) {
      if (error instanceof AdminHttpError) {
        const hint =
          error.status === 401 || error.status === 403
            ? 'UNLEASH_ADMIN_TOKEN must be an admin token (`*:*.<secret>` or a personal access token) with write access to this project.'
            : error.status === 404
              ? `Check --project (${options.project}) and --environment (${environment}).`
              : undefined;
        throw new FlagsError('flags/target', error.message, hint);
      }
      if (error instanceof AdminBodyError) {
        throw new FlagsError('flags/target', error.message, 'Check that --unleash points at the Unleash server itself, not a proxy, login page or another service on that port.');
      }
      const cause = networkCause(error);
      throw new FlagsError('flags/target', client.scrub(`Cannot reach Unleash at ${base} (${method} ${path}: ${cause}).`), 'Check --unleash (the server base URL, e.g. http://127.0.0.1:4242) and that the server is up. Services keep serving their last known flags meanwhile; `promptpack flags kill` needs the server too.');
    }
  }

  const toView = (flag: string, feature: AdminFeature | undefined): FlagView =>
    feature
      ? { flag, exists: true, environments: (feature.environments ?? []).map((env) => ({ name: env.name, enabled: env.enabled, strategies: env.strategies ?? [] })) }
      : { flag, exists: false, environments: [] };

  async function read(flag: string): Promise<FlagView> {
    const { status, body } = await call<AdminFeature>('GET', featurePath(flag), undefined, [404]);
    return toView(flag, status === 404 ? undefined : body);
  }

  /**
   * Replaces the environment's strategies with `wanted`, in an order that
   * never leaves users without a rule that wanted gives them: new rules are
   * added first, then existing ones replaced from the last to the first,
   * then leftovers deleted.
   */
  async function setStrategies(flag: string, existing: readonly Strategy[], wanted: readonly Strategy[]): Promise<void> {
    const body = (strategy: Strategy, sortOrder: number) => {
      const { id: _id, ...rest } = strategy;
      return { ...rest, sortOrder };
    };
    for (let index = existing.length; index < wanted.length; index++) await call('POST', strategiesPath(flag), body(wanted[index]!, index));
    for (let index = Math.min(existing.length, wanted.length) - 1; index >= 0; index--) await call('PUT', `${strategiesPath(flag)}/${existing[index]!.id}`, body(wanted[index]!, index));
    for (const extra of existing.slice(wanted.length)) await call('DELETE', `${strategiesPath(flag)}/${extra.id}`);
  }

  return {
    kind: 'unleash',
    label: `Unleash ${base} (project ${options.project})`,
    environment,
    async list(prefix) {
      const { body } = await call<{ features: AdminFeature[] }>('GET', `/api/admin/search/features?project=IS:${project}&query=${encodeURIComponent(prefix)}&limit=1000`);
      const names = body.features.map((feature) => feature.name).filter((name) => name.startsWith(prefix));
      return Promise.all(names.sort().map(read));
    },
    read,
    async change(request) {
      const view = await read(request.flag);
      if (view.exists && !view.environments.some((env) => env.name === environment)) {
        throw new FlagsError('flags/target', `Unleash has no environment "${environment}" for ${request.flag} (it has ${view.environments.map((env) => env.name).join(', ')}).`, 'Pass --environment with one of those.');
      }
      const current = view.exists ? view.environments.find((env) => env.name === environment) : undefined;
      const plan = request.decide(current);
      if (!view.exists) await call('POST', client.featuresPath, { name: request.flag, type: 'release', description: '', impressionData: false });
      const existing = current?.strategies ?? [];
      if (plan.strategies) await setStrategies(request.flag, existing, plan.strategies);
      if (plan.enabled !== (current?.enabled ?? false)) await call('POST', client.switchPath(request.flag, plan.enabled));
      const after: EnvironmentState = { name: environment, enabled: plan.enabled, strategies: plan.strategies ?? existing };
      // Scrubbed like every message: a --reason or --actor that quotes the token does not publish it in Unleash's event log.
      const record = JSON.parse(client.scrub(JSON.stringify(request.record(current, after)))) as ChangeRecord;
      // The record rides on the flag's description: Unleash logs it as an event, with the previous one as preData.
      await call('PATCH', featurePath(request.flag), [{ op: 'replace', path: '/description', value: describeRecord(record) }]);
      return record;
    },
    async history(flag, historyOptions = {}) {
      const { body } = await call<{ events: AdminEvent[] }>('GET', `/api/admin/search/events?feature=IS:${encodeURIComponent(flag)}&limit=1000`);
      const events = [...body.events].sort((a, b) => a.id - b.id);
      const records: ChangeRecord[] = [];
      const others: HistoryEntry[] = [];
      for (const event of events) {
        const record = event.type === 'feature-metadata-updated' ? parseRecord(event.data?.description) : undefined;
        if (record) records.push(record);
        else if (event.type !== 'feature-metadata-updated') {
          others.push({ time: event.createdAt, actor: event.createdBy, command: `(unleash) ${event.label ?? event.type}`, environment: event.environment ?? undefined, change: event.data?.title ?? '', reason: '', forced: [] });
        }
      }
      const entries = historyOptions.all ? [...records.map(historyEntry), ...others].sort((a, b) => a.time.localeCompare(b.time)) : records.map(historyEntry);
      const notes = historyOptions.all ? [] : [`Unleash's event log has ${others.length} more event(s) for ${flag} (the strategy and on/off changes themselves, and any made outside promptpack); --all lists them.`];
      return { entries, records, notes };
    },
  };
}

/** A line a person reads in the Unleash UI, then the record as JSON for `flags history`. */
export function describeRecord(record: ChangeRecord): string {
  const forced = record.forced.length > 0 ? ` FORCED past: ${record.forced.map((entry) => entry.guardrail).join(', ')};` : '';
  return `promptpack ${record.command} by ${record.actor} at ${record.time}:${forced} ${record.after.text}. Reason: ${record.reason}${recordMarker}${JSON.stringify(record)}`;
}

export function parseRecord(description: string | undefined): ChangeRecord | undefined {
  const at = description?.indexOf(recordMarker) ?? -1;
  if (!description || at < 0) return undefined;
  try {
    const parsed = JSON.parse(description.slice(at + recordMarker.length)) as unknown;
    return isChangeRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
