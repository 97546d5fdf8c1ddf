// The code every generated prompt package carries, the same in each: bundled
// into one block of JavaScript (bundle-package-runtime.ts) and written into
// each dist, so a published prompt imports nothing from promptpack and keeps
// its exact behaviour when promptpack moves on. emit-module.ts declares the
// prompt's data around it and calls exactly these names.
export { dropIssues, finishCheck, startCheck } from './check-run.js';
export { definePrompt } from './define-prompt.js';
export { deepFreeze } from './deep-freeze.js';
export { PromptHistoryError, PromptOutputError, PromptRenderError, PromptToolCallError, PromptVariablesError } from './errors.js';
export { lazySchema } from './lazy-schema.js';
export { parsePromptOutput, safeParsePromptOutput } from './parse-output.js';
export { parsePartialPromptOutput, safeParsePartialPromptOutput } from './parse-partial-output.js';
export { parsePromptToolCall, safeParsePromptToolCall } from './parse-tool-call.js';
export { renderPrompt, safeRenderPrompt } from './render.js';
export {
  checkInteger,
  checkMaxLength,
  checkMaximum,
  checkMinLength,
  checkMinimum,
  checkPattern,
  checkValue,
  expectNumber,
  expectPresent,
  expectType,
  isNumber,
  isObject,
  refuseKeys,
  refuseLongArray,
} from './value-checks.js';
