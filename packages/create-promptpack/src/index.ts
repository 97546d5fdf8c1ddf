export { createPromptpack, type CreateIo } from './main.js';
