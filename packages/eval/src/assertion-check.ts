import type { Assertion } from '@promptpack/spec';

export type { Assertion };

export interface AssertionContext {
  /** The model's answer as it came. */
  text: string;
  /** The prompt's `safeParseOutput(text).data`; undefined when that failed. */
  parsed?: unknown;
  latencyMs: number;
  costUsd?: number;
  /** Why the model stopped (`stop`, `length`, ...), when the provider says. */
  finishReason?: string;
  /** The prompt's `outputJsonSchema`, the default for `json-schema`. */
  outputSchema: object | null;
  /** Verdicts of the model-graded assertions (`llm-rubric`, `similar`), graded before scoring; keyed by the assertion object. */
  graded?: ReadonlyMap<Assertion, AssertionCheck>;
}

export interface AssertionCheck {
  pass: boolean;
  /** What was expected and what was found, in one line; also said on a pass. */
  reason: string;
}
