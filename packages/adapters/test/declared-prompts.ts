// Two prompt packages as their generated index.d.ts declares them
// (packages/build/src/emit-declarations.ts), for the type tests: one with an
// output schema, one free text. Types only; nothing here runs.
import type { z } from 'zod';

interface Message {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TriageOutput {
  decision: 'approve' | 'deny' | 'escalate';
  amountCents: number;
  reason: 'duplicate' | 'defective' | 'late_ship' | 'other';
}

export interface TriageResult {
  messages: Message[];
  model: { name: string; provider: string; temperature: number; maxTokens: number; seed: number };
  meta: { id: 'refund-triage'; name: '@acme/prompt-refund-triage'; version: '1.0.0'; contentHash: string; policyHash: string };
}

export interface ReplyResult {
  messages: Message[];
  model: { name: string; provider: string; temperature: number; maxTokens: number };
  meta: { id: 'support-reply'; name: '@acme/prompt-support-reply'; version: '1.4.0'; contentHash: string; policyHash: string };
}

export declare const refundTriage: {
  readonly id: 'refund-triage';
  readonly version: '1.0.0';
  readonly outputSchema: z.ZodType<TriageOutput>;
  readonly outputJsonSchema: { readonly [key: string]: unknown };
  render(variables: { today: string }): TriageResult;
};

export declare const supportReply: {
  readonly id: 'support-reply';
  readonly version: '1.4.0';
  readonly outputSchema: z.ZodType<string>;
  /** null: this prompt declares no output schema. */
  readonly outputJsonSchema: null;
  render(variables: { companyName: string }): ReplyResult;
};

/** A tool as a generated package declares it (emit-tools.ts). */
export interface AgentTool {
  readonly name: 'lookup_order' | 'issue_refund';
  readonly description: string;
  readonly parameters: { readonly [key: string]: unknown };
  readonly strict?: boolean;
}

/** A render result of a prompt with tools.yaml and `history:` (its messages carry the history turns). */
export interface AgentResult {
  messages: Message[];
  model: { name: string; provider: string; temperature: number; maxTokens: number };
  meta: { id: 'order-agent'; name: '@acme/prompt-order-agent'; version: '1.0.0'; contentHash: string; policyHash: string };
  tools: readonly AgentTool[];
}
