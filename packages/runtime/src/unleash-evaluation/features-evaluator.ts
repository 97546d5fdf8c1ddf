import { compileFeatures, type CompiledFeature } from './compile-features.js';
import type { DocumentPayload, FeaturesDocument } from './feature-document.js';
import type { EvaluationContext } from './evaluation-context.js';
import { selectVariant } from './select-variant.js';

/** One flag's answer, in the shape of unleash-client's getVariant. */
export interface Evaluation {
  /** False for a missing flag too; `exists` tells them apart. */
  featureEnabled: boolean;
  exists: boolean;
  /** The variant, when the flag is on and one applies. */
  variant: { name: string; payload: DocumentPayload | undefined } | undefined;
}

/** Evaluates the flags unleash-client must answer (see compileFeatures), over the same document. */
export interface DelegateEvaluation {
  evaluate(flag: string, context: EvaluationContext): Evaluation;
  close(): void;
}

export interface FeaturesEvaluator {
  /** Keeps nothing of `context` once it returns, so a caller may fill one object per request. */
  evaluate(flag: string, context: EvaluationContext): Evaluation;
  /** Flags answered by unleash-client, and why; empty for the documents promptpack writes. */
  readonly delegated: ReadonlyMap<string, string>;
  /** Releases the unleash-client instance, if one was needed. */
  close(): void;
}

const missing: Evaluation = Object.freeze({ featureEnabled: false, exists: false, variant: undefined });
const disabled: Evaluation = Object.freeze({ featureEnabled: false, exists: true, variant: undefined });
const enabledWithoutVariant: Evaluation = Object.freeze({ featureEnabled: true, exists: true, variant: undefined });

function copyContext(context: EvaluationContext): EvaluationContext {
  return { ...context, properties: context.properties && { ...context.properties } };
}

/**
 * Unleash's evaluation of a client-features document, verified against the
 * official client specification and, on random documents and contexts,
 * against unleash-client's own getVariant. `delegate` is asked only for
 * flags listed in `delegated`, and only when such a flag is evaluated.
 */
export function createFeaturesEvaluator(document: FeaturesDocument, delegate: () => DelegateEvaluation): FeaturesEvaluator {
  const { compiled, delegated } = compileFeatures(document);
  // Answers of a variant without payload repeat: one frozen object per variant definition.
  const answers = new WeakMap<object, Evaluation>();
  const answerFor = (variant: { name: string; payload?: DocumentPayload }): Evaluation => {
    let answer = answers.get(variant);
    if (!answer) {
      answer = Object.freeze({ featureEnabled: true, exists: true, variant: Object.freeze({ name: variant.name, payload: variant.payload }) });
      answers.set(variant, answer);
    }
    return answer;
  };

  // false: off; true: on with no strategy variant; an Evaluation: the variant a strategy chose. No object per request.
  const isOn = (feature: CompiledFeature, context: EvaluationContext): boolean | Evaluation => {
    if (!dependenciesHold(feature, context) || !feature.enabled) return false;
    if (!feature.strategies) return true;
    for (const strategy of feature.strategies) {
      if (!strategy.isEnabled(context)) continue;
      if (strategy.variants) {
        const variant = selectVariant(strategy.variants, strategy.variantPrefix, strategy.stickiness, context);
        if (variant) return answerFor(variant);
      }
      return true;
    }
    return false;
  };

  const isEnabled = (name: string, context: EvaluationContext): boolean => {
    const feature = compiled.get(name);
    return feature ? isOn(feature, context) !== false : false;
  };

  // A parent with parents of its own is not followed (Unleash allows one level) and counts as unmet.
  const dependenciesHold = (feature: CompiledFeature, context: EvaluationContext): boolean => {
    for (const dependency of feature.dependencies) {
      const parent = compiled.get(dependency.feature);
      if (!parent || parent.dependencies.length > 0) return false;
      if (dependency.enabled === false) {
        if (isEnabled(dependency.feature, context)) return false;
      } else if (dependency.variants && dependency.variants.length > 0) {
        const answer = evaluate(dependency.feature, context);
        if (!answer.featureEnabled || !dependency.variants.includes(answer.variant?.name ?? 'disabled')) return false;
      } else if (!isEnabled(dependency.feature, context)) {
        return false;
      }
    }
    return true;
  };

  let delegateEvaluation: DelegateEvaluation | undefined;
  const evaluate = (flag: string, context: EvaluationContext): Evaluation => {
    const feature = compiled.get(flag);
    if (!feature) {
      if (!delegated.has(flag)) return missing;
      delegateEvaluation ??= delegate();
      // unleash-client may keep the context it is handed; the caller's may be reused for the next request.
      return delegateEvaluation.evaluate(flag, copyContext(context));
    }
    const on = isOn(feature, context);
    if (on === false) return disabled;
    if (on !== true) return on;
    if (!feature.variants) return enabledWithoutVariant;
    const variant = selectVariant(feature.variants, feature.variantPrefix, feature.stickiness, context);
    return variant ? answerFor(variant) : enabledWithoutVariant;
  };

  return { evaluate, delegated, close: () => delegateEvaluation?.close() };
}
