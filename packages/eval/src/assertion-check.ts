import type { Assertion } from '@promptpack/spec';
import type { ModelToolCall, ToolDefinition } from './tool-call.js';

export type { Assertion };

export interface AssertionContext {
  /** The model's answer as it came; empty when it only called tools. */
  text: string;
  /** The tools the model called; none when absent. */
  toolCalls?: readonly ModelToolCall[];
  /** The tools the prompt declares (tools.yaml), what `is-valid-openai-tools-call` checks calls against. */
  tools?: readonly ToolDefinition[];
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
