/**
 * The part of a render result every adapter reads: what a built prompt
 * package's `render()` and the runtime's `runtime.render()` both return.
 * Structural and declared here, so the adapters need neither the runtime nor
 * a prompt package at compile time, and any promptpack version's results fit.
 */
export interface RenderedPrompt {
  /** System (policy), few-shot user/assistant pairs, any chat history turns, then the user message. */
  readonly messages: readonly RenderedMessage[];
  /** prompt.yaml's model defaults. */
  readonly model: ModelSettings;
  readonly meta: RenderedMeta;
  /** tools.yaml's tools, as the package renders them; absent when the prompt has none. */
  readonly tools?: readonly RenderedTool[];
}

/** One tool the model may call, as a prompt package's render result carries it. */
export interface RenderedTool {
  readonly name: string;
  /** Model-facing text: what the tool does and when to call it. */
  readonly description: string;
  /** The arguments as a JSON Schema object (type: object). */
  readonly parameters: { readonly [key: string]: unknown };
  /** tools.yaml's `strict`; absent when not set. */
  readonly strict?: boolean;
}

export interface RenderedMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** prompt.yaml's `model` block, as @promptpack/spec declares it; every key may be absent. */
export interface ModelSettings {
  readonly name?: string;
  readonly provider?: string;
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly topP?: number;
  readonly frequencyPenalty?: number;
  readonly presencePenalty?: number;
  readonly seed?: number;
  readonly stop?: readonly string[];
}

/** Which prompt and exactly which version produced the messages. */
export interface RenderedMeta {
  readonly id: string;
  /** The package name, e.g. @acme/prompt-support-reply. */
  readonly name?: string;
  readonly version: string;
  readonly contentHash: string;
}
