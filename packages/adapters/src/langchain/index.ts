export { toLangChain, toLangChainConfig, type LangChainPromptConfig } from './messages.js';
