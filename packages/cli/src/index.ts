export { main, type MainEnvironment } from './main.js';
export { findPromptDirs, findPromptsRoot } from './find-prompts.js';
// The scaffold lives in @promptpack/scaffold (npm create promptpack and promptpack init/new share it).
export { scaffoldPrompt, type ScaffoldFile } from '@promptpack/scaffold';
export type { Io } from './output.js';
