import { emptyEvaluationContext, evaluationContext, featuresDecision } from './features-decision.js';
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
  // Filled per request instead of allocated: the evaluator keeps nothing of it (unleash-client gets a copy).
  private readonly scratch = emptyEvaluationContext();
  private evaluating = false;

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
    const evaluation = this.evaluateWith(this.evaluator, flag, context);
    this.onEvaluated?.(flag, evaluation);
    return featuresDecision(evaluation);
  }

  // A context value's toString could render again mid-evaluation: that nested call gets its own object.
  private evaluateWith(evaluator: FeaturesEvaluator, flag: string, context: FlagContext): Evaluation {
    if (this.evaluating) return evaluator.evaluate(flag, evaluationContext(context, this.defaults, emptyEvaluationContext()));
    this.evaluating = true;
    try {
      return evaluator.evaluate(flag, evaluationContext(context, this.defaults, this.scratch));
    } finally {
      this.evaluating = false;
      // The caller's properties object does not stay reachable from the source.
      this.scratch.properties = undefined;
    }
  }

  close(): void {
    this.evaluator?.close();
    this.evaluator = undefined;
  }
}
