export { main } from './main.js';
export { findPromptDirs, findPromptsRoot } from './find-prompts.js';
// The scaffold lives in create-promptpack (npm create promptpack and promptpack init/new share it).
export { scaffoldPrompt, type ScaffoldFile } from 'create-promptpack';
export type { Io } from './output.js';
