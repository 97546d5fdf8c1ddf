import type { DocumentVariant } from './feature-document.js';
import { contextValue, type EvaluationContext } from './evaluation-context.js';
import { variantBucket, type BucketPrefix } from './normalized-value.js';

const randomSeed = () => String(Math.round(Math.random() * 100000));

/** What identifies a request for variant bucketing: the stickiness field, or the first of userId, sessionId, remoteAddress. */
function seedOf(context: EvaluationContext, stickiness: string | undefined): string {
  if (stickiness !== undefined && stickiness !== 'default') return contextValue(context, stickiness) || randomSeed();
  // Field by field rather than a loop over a list of them: no array per request.
  const { userId, sessionId, remoteAddress } = context;
  if (typeof userId === 'string' && userId !== '') return userId;
  if (typeof sessionId === 'string' && sessionId !== '') return sessionId;
  if (typeof remoteAddress === 'string' && remoteAddress !== '') return remoteAddress;
  return randomSeed();
}

/**
 * Picks a variant as Unleash does: an override matching the context wins;
 * otherwise the request's bucket among the weights. `prefix` is
 * bucketPrefix(groupId), where groupId is the flag name for flag variants and
 * the strategy's groupId for strategy variants.
 */
export function selectVariant(
  variants: readonly DocumentVariant[],
  prefix: BucketPrefix,
  stickiness: string | undefined,
  context: EvaluationContext,
): DocumentVariant | undefined {
  let total = 0;
  for (const variant of variants) total += variant.weight;
  if (total <= 0) return undefined;
  for (const variant of variants) {
    if (!variant.overrides) continue;
    const overridden = variant.overrides.some((override) => {
      const value = contextValue(context, override.contextName);
      return override.values.some((candidate) => candidate === value);
    });
    if (overridden) return variant;
  }
  const target = variantBucket(seedOf(context, stickiness), prefix, total);
  let counter = 0;
  for (const variant of variants) {
    if (variant.weight === 0) continue;
    counter += variant.weight;
    if (counter >= target) return variant;
  }
  return undefined;
}
