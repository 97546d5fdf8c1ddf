import { unleashAdminClient } from '@promptpack/operate';

// A small typed client of Unleash's Admin API for tests and demos: create a
// flag, put a canary on it, roll it back. One flexibleRollout strategy per
// flag and environment carries the versions as strategy variants.

export type WeightType = 'variable' | 'fix';

export interface VariantPayload {
  type: 'json' | 'string' | 'csv' | 'number';
  value: string;
}

export interface StrategyVariant {
  name: string;
  /** Out of 1000. */
  weight: number;
  weightType: WeightType;
  stickiness: string;
  payload?: VariantPayload;
}

export interface Constraint {
  contextName: string;
  operator: string;
  values?: string[];
  value?: string;
  inverted?: boolean;
  caseInsensitive?: boolean;
}

export interface FeatureStrategy {
  id: string;
  name: string;
  title?: string | null;
  disabled?: boolean | null;
  parameters: Record<string, string>;
  constraints: Constraint[];
  variants: StrategyVariant[];
  segments?: number[];
}

export interface FeatureEnvironment {
  name: string;
  enabled: boolean;
  strategies: FeatureStrategy[];
}

export interface FeatureFlag {
  name: string;
  project: string;
  type: string;
  archived?: boolean;
  environments: FeatureEnvironment[];
}

/** A variant by name (a version such as "1.5.0"), or with a payload. */
export type VariantTarget = string | { name: string; payload?: VariantPayload };

export interface CanaryOptions {
  stable: VariantTarget;
  canary: VariantTarget;
  /** Share of the canary, 0-100, in steps of 0.1 (Unleash weights are out of 1000). */
  percent: number;
  /** Context field that keeps a user on one variant. Default 'default' (userId, then sessionId, then random). */
  stickiness?: string;
  /** Limit the strategy to these tenantId values; everyone else sees the flag off (stable). */
  tenants?: readonly string[];
}

/** Unleash answered with an HTTP error status (operate's client error, under the name these tests know). */
export { AdminHttpError as AdminApiError } from '@promptpack/operate';

export interface AdminApiOptions {
  url: string;
  /** An admin token (`*:*.<secret>`), sent as the Authorization header. */
  adminToken: string;
  project?: string;
  environment?: string;
}

export interface AdminApi {
  createFlag(name: string, options?: { description?: string }): Promise<FeatureFlag>;
  getFlag(name: string): Promise<FeatureFlag>;
  /** Archives and then deletes the flag; resolves even when it does not exist. */
  deleteFlag(name: string): Promise<void>;
  /** Creates or replaces the flag's one flexibleRollout strategy with `stable`/`canary` variants. */
  setCanary(flag: string, options: CanaryOptions): Promise<FeatureStrategy>;
  /** Replaces the strategy with 100% `stable` (PUT with the full body), keeping its stickiness. */
  rollback(flag: string, stable: VariantTarget): Promise<FeatureStrategy>;
  enable(flag: string): Promise<void>;
  disable(flag: string): Promise<void>;
  /** The strategies of the configured environment. */
  strategies(flag: string): Promise<FeatureStrategy[]>;
}

export function adminApi(options: AdminApiOptions): AdminApi {
  // The HTTP layer is @promptpack/operate's, the one `promptpack flags --unleash` uses.
  const client = unleashAdminClient({ url: options.url, token: options.adminToken, project: options.project ?? 'default', environment: options.environment ?? 'development' });
  const { featurePath, strategiesPath } = client;
  const call = async <T>(method: string, path: string, body?: unknown, allow: readonly number[] = []): Promise<T> => (await client.call<T>(method, path, body, allow)).body;

  async function strategies(flag: string): Promise<FeatureStrategy[]> {
    return call<FeatureStrategy[]>('GET', strategiesPath(flag));
  }

  /** PUT over the first strategy (or POST when none) and delete any others, so exactly one remains. */
  async function replaceStrategy(flag: string, body: Omit<FeatureStrategy, 'id'>): Promise<FeatureStrategy> {
    const [first, ...rest] = await strategies(flag);
    const saved = first
      ? await call<FeatureStrategy>('PUT', `${strategiesPath(flag)}/${first.id}`, body)
      : await call<FeatureStrategy>('POST', strategiesPath(flag), body);
    for (const extra of rest) await call('DELETE', `${strategiesPath(flag)}/${extra.id}`);
    return saved;
  }

  return {
    async createFlag(name, flagOptions = {}) {
      return call<FeatureFlag>('POST', client.featuresPath, { name, type: 'release', description: flagOptions.description ?? '', impressionData: false });
    },
    async getFlag(name) {
      return call<FeatureFlag>('GET', featurePath(name));
    },
    async deleteFlag(name) {
      await call('DELETE', featurePath(name), undefined, [404]);
      await call('DELETE', `/api/admin/archive/${encodeURIComponent(name)}`, undefined, [404]);
    },
    setCanary(flag, canaryOptions) {
      return replaceStrategy(flag, canaryStrategy(flag, canaryOptions));
    },
    async rollback(flag, stable) {
      const [current] = await strategies(flag);
      const stickiness = current?.parameters.stickiness ?? 'default';
      return replaceStrategy(flag, {
        name: 'flexibleRollout',
        title: 'promptpack: 100% stable',
        disabled: false,
        parameters: { rollout: '100', stickiness, groupId: flag },
        constraints: [],
        variants: [variant(stable, 1000, 'variable', stickiness)],
        segments: [],
      });
    },
    async enable(flag) {
      await call('POST', client.switchPath(flag, true));
    },
    async disable(flag) {
      await call('POST', client.switchPath(flag, false));
    },
    strategies,
  };
}

/**
 * The strategy body of a canary. Unleash spreads the weight left by `fix`
 * variants evenly over the `variable` ones (two `variable` variants of
 * 900/100 are stored as 500/500), so the canary is `fix` and the stable
 * `variable` takes the rest.
 */
export function canaryStrategy(flag: string, options: CanaryOptions): Omit<FeatureStrategy, 'id'> {
  const { percent } = options;
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`Canary percent must be between 0 and 100, found ${percent}. Example: { percent: 10 } for 10%.`);
  }
  const canaryWeight = Math.round(percent * 10);
  const stickiness = options.stickiness ?? 'default';
  const tenants = options.tenants ?? [];
  return {
    name: 'flexibleRollout',
    title: `promptpack: ${canaryWeight / 10}% canary`,
    disabled: false,
    parameters: { rollout: '100', stickiness, groupId: flag },
    constraints: tenants.length > 0 ? [{ contextName: 'tenantId', operator: 'IN', values: [...tenants], inverted: false, caseInsensitive: false }] : [],
    variants: [variant(options.stable, 1000 - canaryWeight, 'variable', stickiness), variant(options.canary, canaryWeight, 'fix', stickiness)],
    segments: [],
  };
}

function variant(target: VariantTarget, weight: number, weightType: WeightType, stickiness: string): StrategyVariant {
  const { name, payload } = typeof target === 'string' ? { name: target, payload: undefined } : target;
  return { name, weight, weightType, stickiness, ...(payload ? { payload } : {}) };
}
