export { toLangChain, toLangChainConfig, type LangChainPromptConfig } from './messages.js';
export { toLangChainTools } from './tools.js';
