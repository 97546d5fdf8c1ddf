export { toAnthropic, type AnthropicRequestOptions } from './messages-request.js';
