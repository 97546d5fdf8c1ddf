export { toOpenAIChat, type OpenAIRequestOptions } from './chat-request.js';
export type { OpenAIJsonSchemaFormat } from './json-schema-format.js';
export { toOpenAIResponses } from './responses-request.js';
export { openAIStrictness, type Strictness } from './strict-schema.js';
