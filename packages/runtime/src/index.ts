export { createPromptRuntime, type PromptRuntime, type PromptRuntimeOptions, type RuntimeMeta, type RuntimeRenderResult } from './create-prompt-runtime.js';
export { fileFlags, type FileFlagsOptions } from './file-flags.js';
export { staticFlags, type StaticFlagValue } from './static-flags.js';
export type { FlagContext, FlagDecision, FlagSource, FlagSourceEvent } from './flag-source.js';
export type { AnyPromptModule, PromptModule, PromptsConfig, PromptVersions, RenderResultFor, VariablesFor } from './prompt-module.js';
export type { ResolutionEvent, RuntimeWarning } from './resolution-event.js';
export { resolveVersion, type Resolution, type ResolutionReason } from './resolve-version.js';
export { PromptRuntimeError, type PromptRuntimeErrorCode } from './runtime-error.js';
export type { OpenTelemetryApi } from './opentelemetry.js';
