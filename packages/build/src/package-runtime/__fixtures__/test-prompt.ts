import { z } from 'zod';
import { definePrompt } from '../define-prompt.js';
import type { DefinedPrompt, PromptDefinition, Template } from '../prompt-definition.js';

/** A prompt as a generated module defines one, with plain functions for templates; `change` adjusts any part. */
const variablesSchema = z.strictObject({ company: z.string(), question: z.string() });

/** The output schema the generated module passes to the parse functions beside the definition. */
export const answerSchema = z.strictObject({ answer: z.string() });

export function testPrompt(change: Partial<PromptDefinition> = {}): DefinedPrompt {
  const policyTemplate: Template = (data) => `You support ${String(data.company)}.`;
  const userTemplate: Template = (data) => `Question: ${String(data.question)}`;
  return definePrompt({
    id: 'helpdesk',
    version: '2.0.0',
    meta: { id: 'helpdesk', name: '@acme/prompt-helpdesk', version: '2.0.0', contentHash: 'sha256:c', policyHash: 'sha256:p' },
    modelDefaults: () => ({ name: 'gpt-4o-mini', temperature: 0.2 }),
    fewshots: [{ user: 'Hi', assistant: 'Hello!' }],
    policyTemplate,
    policyVariables: ['company'],
    userTemplate,
    // zod stands in for the generated check: the differential test holds the two together.
    checkVariables: (variables) => variablesSchema.safeParse(variables),
    variablesExample: 'render({"company":"text","question":"text"})',
    hasOutputSchema: true,
    outputIsText: false,
    tools: [],
    historyLimits: null,
    ...change,
  });
}
