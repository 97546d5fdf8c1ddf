// The SDK-free part: types, errors and helpers every adapter shares. Each
// SDK's adapter is its own entry (`@promptpack/adapters/openai`, ...), so a
// service loads only the one it uses.
export { AdapterError, type AdapterErrorCode } from './adapter-error.js';
export type { JsonSchemaObject, OutputSource, OutputSources } from './output-source.js';
export { promptMetadata } from './prompt-metadata.js';
export type { ModelSettings, RenderedMessage, RenderedMeta, RenderedPrompt, RenderedTool } from './rendered-prompt.js';
