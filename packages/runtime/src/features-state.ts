import { featuresDecision, evaluationContext } from './features-decision.js';
import type { FlagContext, FlagDecision } from './flag-source.js';
import { unleashClientDelegate } from './unleash-client-delegate.js';
import type { FeaturesDocument } from './unleash-evaluation/feature-document.js';
import { createFeaturesEvaluator, type Evaluation, type FeaturesEvaluator } from './unleash-evaluation/features-evaluator.js';

/**
 * The flags a source currently holds, compiled once per document, and the
 * evaluation of one flag against them. A new document replaces the old one
 * at once; a request never sees half of each.
 */
export class FeaturesState {
  private evaluator: FeaturesEvaluator | undefined;
  private readonly defaults: { appName: string; environment: string };
  private readonly onError: (error: Error) => void;
  private readonly onEvaluated: ((flag: string, evaluation: Evaluation) => void) | undefined;

  constructor(options: {
    appName: string;
    environment: string;
    onError: (error: Error) => void;
    /** Told of every evaluation (unleashFlags counts usage metrics with it). */
    onEvaluated?: (flag: string, evaluation: Evaluation) => void;
  }) {
    this.defaults = { appName: options.appName, environment: options.environment };
    this.onError = options.onError;
    this.onEvaluated = options.onEvaluated;
  }

  get ready(): boolean {
    return this.evaluator !== undefined;
  }

  /** Flags unleash-client answers in the current document, and why. */
  get delegated(): ReadonlyMap<string, string> {
    return this.evaluator?.delegated ?? new Map();
  }

  replace(document: FeaturesDocument): void {
    const previous = this.evaluator;
    this.evaluator = createFeaturesEvaluator(document, () => unleashClientDelegate(document, { onError: this.onError }));
    previous?.close();
  }

  evaluate(flag: string, context: FlagContext): FlagDecision {
    if (!this.evaluator) return { status: 'not-ready' };
    const evaluation = this.evaluator.evaluate(flag, evaluationContext(context, this.defaults));
    this.onEvaluated?.(flag, evaluation);
    return featuresDecision(evaluation);
  }

  close(): void {
    this.evaluator?.close();
    this.evaluator = undefined;
  }
}
