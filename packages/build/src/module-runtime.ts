import { packageRuntimeText } from './package-runtime-text.js';
import type { PromptDefinition } from './package-runtime/prompt-definition.js';

/**
 * The part of every generated module that is the same for all prompts:
 * error classes, issue formatting, render and output parsing, written as
 * TypeScript in ./package-runtime/ and bundled to plain JS that runs as both
 * ESM and CJS. It is copied into each dist rather than imported from a
 * promptpack package, so a published prompt keeps its exact behaviour when
 * promptpack moves on. emit-module.ts places it before the prompt's data,
 * so everything it declares is initialised when the data is.
 *
 * Fixed text only, here and in moduleEntryPoints: prompt text (a name, an id)
 * reaches the module through literals.ts, never inside a comment, where a
 * line terminator in it would end the comment and run the rest.
 */
export function moduleRuntime(): string {
  return [
    "// promptpack's package runtime: the same in every prompt built with this @promptpack/build",
    '// (its source: packages/build/src/package-runtime/).',
    packageRuntimeText().trimEnd(),
  ].join('\n');
}

// Each a name the generated module declares; the check below keeps the list in step with PromptDefinition.
const definitionFields = [
  'id',
  'version',
  'meta',
  'modelDefaults',
  'fewshots',
  'policyTemplate',
  'policyVariables',
  'userTemplate',
  'checkVariables',
  'variablesExample',
  'hasOutputSchema',
  'outputIsText',
  'tools',
  'historyLimits',
] as const satisfies readonly (keyof PromptDefinition)[];
// Fails to compile, naming the field, when PromptDefinition gains one the list lacks.
type Complete<Missing extends never> = Missing;
type DefinitionFieldsCheck = Complete<Exclude<keyof PromptDefinition, (typeof definitionFields)[number]>>;

/**
 * After the prompt's data: the definition the runtime reads, and the
 * functions the module exports, each a plain declaration so a bundler drops
 * the ones a service does not import.
 */
export function moduleEntryPoints(): string {
  return `const definition = /* @__PURE__ */ definePrompt({
${definitionFields.map((field) => `  ${field},`).join('\n')}
});

/** Validates variables (throwing PromptVariablesError with every issue) and chat history, and renders the messages. */
function render(variables, options) {
  return renderPrompt(definition, variables, options);
}

/** render() that returns { success: false, error } instead of throwing, whatever it is given. */
function safeRender(variables, options) {
  return safeRenderPrompt(definition, variables, options);
}

/** Model output -> Output: JSON (optionally in a fenced block) validated against the output schema. Never throws. */
function safeParseOutput(text) {
  return safeParsePromptOutput(definition, outputSchema, text);
}

/** safeParseOutput() that throws PromptOutputError. */
function parseOutput(text) {
  return parsePromptOutput(definition, outputSchema, text);
}

/** A structured answer still streaming: the part that has arrived, which fields are final. Never throws. */
function safeParsePartialOutput(text) {
  return safeParsePartialPromptOutput(definition, outputSchema, text);
}

/** safeParsePartialOutput() that throws PromptOutputError once the answer can no longer become valid. */
function parsePartialOutput(text) {
  return parsePartialPromptOutput(definition, outputSchema, text);
}

/** A model's tool call (each SDK's shape) checked against the prompt's tools. Never throws. */
function safeParseToolCall(call) {
  return safeParsePromptToolCall(definition, toolArgumentSchemas, call);
}

/** safeParseToolCall() that throws PromptToolCallError. */
function parseToolCall(call) {
  return parsePromptToolCall(definition, toolArgumentSchemas, call);
}`;
}
