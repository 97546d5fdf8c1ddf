export { main, type MainEnvironment } from './main.js';
export { findPromptDirs, findPromptsRoot } from './find-prompts.js';
export { scaffoldPrompt, type ScaffoldFile } from './scaffold.js';
export type { Io } from './output.js';
