import type { FlagContext, FlagDecision } from './flag-source.js';
import type { EvaluationContext } from './unleash-evaluation/evaluation-context.js';
import type { Evaluation } from './unleash-evaluation/features-evaluator.js';

// A version as npm writes one: MAJOR.MINOR.PATCH with optional pre-release and build.
const versionPattern = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

// Payloads repeat (one per variant definition): remember what each one names.
const payloadVersions = new Map<string, string | undefined>();
const rememberedPayloads = 1000;

/**
 * The version a variant's payload names, if it names one: a JSON payload
 * `{"version": "1.5.0"}`, or a string payload that is itself a version.
 * Any other payload (a string such as "blue", a number, CSV) belongs to the
 * service, not to promptpack: the variant's name is the version then.
 */
export function payloadVersion(payload: { type: string; value: string } | undefined): string | undefined {
  if (!payload) return undefined;
  const key = `${payload.type}\u0000${payload.value}`;
  if (payloadVersions.has(key)) return payloadVersions.get(key);
  let version: string | undefined;
  if (payload.type === 'json') {
    try {
      const parsed = JSON.parse(payload.value) as { version?: unknown } | null;
      version = parsed !== null && typeof parsed === 'object' && typeof parsed.version === 'string' ? parsed.version : undefined;
    } catch {
      version = undefined;
    }
  } else if (payload.type === 'string') {
    const trimmed = payload.value.trim();
    version = versionPattern.test(trimmed) ? trimmed : undefined;
  }
  if (payloadVersions.size < rememberedPayloads) payloadVersions.set(key, version);
  return version;
}

// Decisions repeat far more than they differ: one object per answer, not per request.
const missing: FlagDecision = Object.freeze({ status: 'missing' });
const disabled: FlagDecision = Object.freeze({ status: 'disabled' });
const noVariant: FlagDecision = Object.freeze({ status: 'no-variant' });
const variantDecisions = new WeakMap<object, FlagDecision>();

/**
 * One evaluation as the runtime's decision. The evaluator answers with one
 * frozen variant object per variant definition, so the decision for it is
 * made once and shared (frozen, as every caller only reads it); a variant
 * object that is not frozen (unleash-client's answer) gets a fresh decision.
 */
export function featuresDecision(evaluation: Evaluation): FlagDecision {
  if (!evaluation.exists) return missing;
  if (!evaluation.featureEnabled) return disabled;
  const { variant } = evaluation;
  if (!variant) return noVariant;
  let decision = variantDecisions.get(variant);
  if (decision) return decision;
  decision = { status: 'variant', variant: variant.name, version: payloadVersion(variant.payload) };
  if (!Object.isFrozen(variant)) return decision;
  decision = Object.freeze(decision);
  variantDecisions.set(variant, decision);
  return decision;
}

/** An EvaluationContext with every field present: what evaluationContext fills. */
export function emptyEvaluationContext(): EvaluationContext {
  return { userId: undefined, sessionId: undefined, remoteAddress: undefined, appName: undefined, environment: undefined, currentTime: undefined, properties: undefined };
}

/**
 * Our context as Unleash's, written into `target` (from emptyEvaluationContext):
 * the evaluator keeps nothing of it, so one object per source serves every
 * request. The source's appName and environment apply unless the request
 * names its own (Unleash lets a request override them). tenantId is not a
 * standard Unleash field: it travels as a custom property, so strategies can
 * use it in constraints and as stickiness.
 */
export function evaluationContext(context: FlagContext, defaults: { appName: string; environment: string }, target: EvaluationContext): EvaluationContext {
  const { tenantId, properties } = context;
  target.userId = context.userId;
  target.sessionId = context.sessionId;
  target.remoteAddress = context.remoteAddress;
  target.appName = context.appName ?? defaults.appName;
  target.environment = context.environment ?? defaults.environment;
  target.currentTime = context.currentTime;
  target.properties = tenantId === undefined ? properties : { ...properties, tenantId };
  return target;
}
