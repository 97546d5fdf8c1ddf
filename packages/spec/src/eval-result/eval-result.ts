/** How one case (or one run of it) ended: all hard assertions passed, rescued by soft ones, failed, or no answer. */
export type CaseOutcome = 'hard-pass' | 'soft-pass' | 'fail' | 'error';

export interface AssertionFailure {
  /** The assertion's type, e.g. `field-equals`. */
  assertion: string;
  soft: boolean;
  reason: string;
  /** The assertion's own description from evals.yaml, when it has one. */
  description?: string;
}

/**
 * What a model-graded assertion (`llm-rubric`, `similar`, `not-similar`)
 * found, passed or not: the judge's reason and score, or the similarity.
 */
export interface ModelGrade {
  assertion: string;
  soft: boolean;
  pass: boolean;
  /** The judge's reason (llm-rubric), or the similarity said in words. */
  reason: string;
  /** The judge's score in [0, 1] (llm-rubric). */
  score?: number;
  /** The cosine similarity to the closest gold answer (similar, not-similar). */
  similarity?: number;
  /** Who graded: the judge package and model (`@promptpack/prompt-llm-judge@1.0.0 gpt-4o-mini`) or the embedding model. */
  grader: string;
  description?: string;
}

export type Tier = 'blocking' | 'monitoring' | 'backlog';
export const tiers: readonly Tier[] = ['blocking', 'monitoring', 'backlog'];

/** `specificationVersion` of an eval result (`promptpack eval --report json`, and the `result` of an eval record). */
export const evalResultVersion = 'promptpack.eval-result/v1';

/**
 * A tool call in a model's answer. `arguments` is the JSON the model wrote,
 * parsed; when that was not JSON, `unparsedArguments` holds the text
 * instead (kept so a report can show it, never thrown on).
 */
export interface ModelToolCall {
  /** The provider's id for the call (OpenAI's `call_...`), empty when it gave none. */
  id: string;
  name: string;
  arguments?: unknown;
  unparsedArguments?: string;
}

export interface RunResult {
  outcome: CaseOutcome;
  /** The model's answer; empty for an error run, or when the model only called tools. */
  output: string;
  /** The tools the model called, in its order; absent when it called none. */
  toolCalls?: ModelToolCall[];
  /** Failed assertions only: hard ones, then soft ones when they were needed. */
  failures: AssertionFailure[];
  /** 0 for an error run. */
  latencyMs: number;
  tokens: { prompt: number; completion: number };
  costUsd?: number;
  /** Why the run produced no answer: the error's message, naming the case. */
  error?: string;
  /** The error's stable code (`provider/timeout`, `replay/miss`, ...). */
  errorCode?: string;
  /** `sha256:<hex>` of the request sent: what human verdicts (reviews.json) are keyed by. */
  requestHash?: string;
  /** Model-graded assertions checked on this answer, passed or failed. */
  grades?: ModelGrade[];
}

export interface CaseResult {
  id: string;
  description?: string;
  tier: Tier;
  tags: string[];
  refusal: boolean;
  outcome: CaseOutcome;
  runs: RunResult[];
  /** Present when the case asks for a person (`review`, `human`, or a `human` assertion): the rubrics they read. */
  review?: { rubrics: string[] };
}

/** Shares of a tier's cases, each in [0, 1] (0 when the tier ran no cases); `count` is the number of cases. */
export interface TierRates {
  count: number;
  hardPass: number;
  /** Hard or soft pass. */
  pass: number;
  fail: number;
  error: number;
}

export interface EvalTotals {
  /** Requests made (cases × repeats). */
  runs: number;
  /** Runs that ended in error; any fails the gate. */
  errors: number;
  /** Over the runs that answered. */
  latencyMsP50: number;
  latencyMsP95: number;
  tokens: { prompt: number; completion: number };
  /** Present when any run reported a cost. */
  costUsd?: number;
}

/** One eval run of one prompt version: what the gate reads, what a release ships, what the next version compares with. */
export interface EvalResult {
  specificationVersion: typeof evalResultVersion;
  prompt: { id: string; name: string; version: string; contentHash: string };
  provider: string;
  model: string;
  repeats: number;
  startedAt: string;
  durationMs: number;
  cases: CaseResult[];
  rates: Record<Tier, TierRates>;
  totals: EvalTotals;
}
