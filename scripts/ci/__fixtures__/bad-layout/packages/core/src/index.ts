export { loadPrompt } from './load-prompt.js';
