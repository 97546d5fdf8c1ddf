import type { OutcomeAttributes } from './outcome-instruments.js';

/** What happened to one model call, as the `promptpack.outcome` attribute says it. */
export type OutcomeKind = 'ok' | 'parse_failure' | 'error';

// Metric series multiply by every distinct value: past these, values share `_OTHER`
// (the GenAI conventions' fallback) rather than growing a backend without bound.
const modelLimit = 16;
const errorTypeLimit = 16;
const other = '_OTHER';

/** The prompt-version attributes every data point carries. */
export interface VersionIdentity {
  id: string;
  version: string;
  contentHash: string;
}

/**
 * Attribute objects for one installed prompt version, built on first use
 * and reused for every data point after that, so reporting allocates
 * nothing per call.
 */
export class VersionAttributes {
  readonly identity: VersionIdentity;
  readonly base: OutcomeAttributes;
  private readonly byModel = new Map<string, Map<string, CallAttributes>>();
  private models = 0;

  constructor(identity: VersionIdentity) {
    this.identity = identity;
    this.base = {
      'promptpack.prompt.id': identity.id,
      'promptpack.prompt.version': identity.version,
      'promptpack.prompt.content_hash': identity.contentHash,
    };
  }

  /** The attributes of a call to `model` at `provider` (either may be unknown). */
  call(model: string | undefined, provider: string | undefined): CallAttributes {
    const modelKey = model ?? '';
    let byProvider = this.byModel.get(modelKey);
    if (!byProvider) {
      if (this.models >= modelLimit && model !== undefined && model !== other) return this.call(other, provider);
      this.models++;
      byProvider = new Map();
      this.byModel.set(modelKey, byProvider);
    }
    const providerKey = provider ?? '';
    let attributes = byProvider.get(providerKey);
    if (!attributes) {
      attributes = new CallAttributes(this.base, model, provider);
      byProvider.set(providerKey, attributes);
    }
    return attributes;
  }
}

/** Attribute sets of one (prompt version, model, provider): one per outcome and token type. */
export class CallAttributes {
  readonly base: OutcomeAttributes;
  readonly ok: OutcomeAttributes;
  readonly parseFailure: OutcomeAttributes;
  readonly input: OutcomeAttributes;
  readonly output: OutcomeAttributes;
  private readonly errors = new Map<string, { outcome: OutcomeAttributes; duration: OutcomeAttributes }>();

  constructor(version: OutcomeAttributes, model: string | undefined, provider: string | undefined) {
    const base: Record<string, string> = { ...version };
    if (model !== undefined) base['gen_ai.request.model'] = model;
    if (provider !== undefined) base['gen_ai.provider.name'] = provider;
    this.base = base;
    this.ok = { ...base, 'promptpack.outcome': 'ok' };
    this.parseFailure = { ...base, 'promptpack.outcome': 'parse_failure' };
    this.input = { ...base, 'gen_ai.token.type': 'input' };
    this.output = { ...base, 'gen_ai.token.type': 'output' };
  }

  /** For a failed call: the outcome counter's and the duration's attributes, with `error.type`. */
  error(type: string): { outcome: OutcomeAttributes; duration: OutcomeAttributes } {
    let sets = this.errors.get(type);
    if (!sets) {
      if (this.errors.size >= errorTypeLimit && type !== other) return this.error(other);
      const duration = { ...this.base, 'error.type': type };
      sets = { outcome: { ...duration, 'promptpack.outcome': 'error' }, duration };
      this.errors.set(type, sets);
    }
    return sets;
  }
}

/**
 * A low-cardinality name for an error, as the conventions' `error.type`
 * wants: the error's `code` or class name (`RateLimitError`, `ETIMEDOUT`),
 * a string as given, `_OTHER` otherwise.
 */
export function errorType(error: unknown): string {
  if (typeof error === 'string') return error.length > 0 && error.length <= 64 ? error : other;
  if (typeof error === 'object' && error !== null) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && code.length > 0 && code.length <= 64) return code;
    if (typeof name === 'string' && name.length > 0 && name.length <= 64 && name !== 'Error') return name;
    const constructor = (error as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof constructor === 'string' && constructor.length > 0 && constructor !== 'Object') return constructor;
  }
  return other;
}
