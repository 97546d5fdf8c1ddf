export { toAiSdkObject, type AiSdkObjectRequest, type ObjectOutputSource } from './object-request.js';
export { toAiSdkText, type AiSdkRequestOptions, type AiSdkTextRequest } from './text-request.js';
