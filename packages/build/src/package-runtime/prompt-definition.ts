import type { z } from 'zod';
import type { LastPolicy } from './last-policy.js';
import type { TextCache } from './text-cache.js';

/** A template compiled to JavaScript by @promptpack/build (see template-js/): data in, the message text out. */
export type Template = (data: Record<string, unknown>) => string;

export type Issue = z.core.$ZodIssue;

/** One tool as a model request carries it (tools.yaml); parseToolCall gets the check of its arguments beside it. */
export interface ToolDefinition {
  readonly name: string;
  readonly description: string;
  /** The parameters as JSON Schema, as sent to the model. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly strict?: boolean;
}

export type ParseResult<Value> = { success: true; data: Value } | { success: false; error: { issues: Issue[] } };

/** The part of a zod schema the runtime calls; the generated module passes real zod schemas. */
export interface Schema<Value> {
  safeParse(value: unknown): ParseResult<Value>;
}

export interface Message {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** prompt.yaml's `history:`: how many prior turns, and characters of them, render() accepts. */
export interface HistoryLimits {
  readonly maxTurns: number;
  readonly maxChars: number;
}

export interface FewShot {
  readonly user: string;
  readonly assistant: string;
}

export interface Meta {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly contentHash: string;
  readonly policyHash: string;
}

export interface RenderResult {
  messages: Message[];
  model: Record<string, unknown>;
  meta: { id: string; name: string; version: string; contentHash: string; policyHash: string };
  /** The tools the model may call, as a request carries them; only when the prompt has tools. */
  tools?: readonly unknown[];
}

/**
 * Everything prompt-specific the runtime needs, as the generated module
 * declares it (see emit-module.ts): the runtime's code is the same in every
 * package, this is what differs.
 */
export interface PromptDefinition {
  readonly id: string;
  readonly version: string;
  readonly meta: Meta;
  /** A fresh object per call, so a caller that adjusts the result cannot leak into the next request. */
  readonly modelDefaults: () => Record<string, unknown>;
  readonly fewshots: readonly FewShot[];
  /** policy.md, the system message. */
  readonly policyTemplate: Template;
  /** The only top-level variables policy.md reads: its text is a function of these alone. */
  readonly policyVariables: readonly string[];
  /** template.hbs, the user message. */
  readonly userTemplate: Template;
  /** The generated check (emit-checks.ts): zod's safeParse of variablesSchema, without loading zod. */
  readonly checkVariables: (variables: unknown) => ParseResult<Record<string, unknown>>;
  /** A render() call that passes validation, shown in the hint of PromptVariablesError. */
  readonly variablesExample: string;
  /** False when the prompt declares no output: parseOutput then returns the text as is. */
  readonly hasOutputSchema: boolean;
  /** The output's root is a string, so bare (unquoted) model text is accepted. */
  readonly outputIsText: boolean;
  /** tools.yaml as a model request carries it (frozen); empty when the prompt has no tools. */
  readonly tools: readonly ToolDefinition[];
  /** prompt.yaml's `history:`; null when the prompt takes no chat history (render then refuses it). */
  readonly historyLimits: HistoryLimits | null;
}

/** A definition plus what the runtime keeps between calls; made by definePrompt. */
export interface DefinedPrompt extends PromptDefinition {
  /** System messages by policyKey(); see render.ts. */
  readonly policyCache: TextCache;
  /** The last system message and its values, checked before policyCache; see last-policy.ts. */
  readonly lastPolicy: LastPolicy;
}

/** The identity every error of this prompt carries. */
export type PromptIdentity = Pick<PromptDefinition, 'id' | 'version' | 'meta' | 'variablesExample'>;
