export { createFeaturesEvaluator, type DelegateEvaluation, type Evaluation, type FeaturesEvaluator } from './features-evaluator.js';
export type { EvaluationContext } from './evaluation-context.js';
export type { FeaturesDocument } from './feature-document.js';
export { applyDelta, type DeltaEvent } from './apply-delta.js';
