export { examplePromptId, scaffoldRepository, type RepositoryOptions } from './repository-files.js';
export { scaffoldPrompt } from './prompt-files.js';
export { packageManagerCommands, type PackageManagerCommands } from './package-manager.js';
export type { PackageManager, ScaffoldFile } from './scaffold-file.js';
export { ScaffoldError, type ScaffoldErrorCode } from './scaffold-error.js';
export { parseScope, scopeFromFolder, scopeFromPackageName } from './scope.js';
export { parseRegistryUrl } from './registry-url.js';
export { promptRuntimeVersions, toolingDependencies, toolingVersion } from './tooling-versions.js';
export { writeIntoFolder, writeNewFolder } from './write-files.js';
