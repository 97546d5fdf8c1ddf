export { compileTemplateToJs, type CompileTemplateOptions, type TemplateJs } from './compile-template.js';
export { templateFunction } from './template-function.js';
