export { sha256 } from './hash.js';
export { behaviourHashes, contentHash, promptContentHash, type BehaviourHashes } from './content-hash.js';
export { outputHash } from './output-hash.js';
export {
  optionalPromptFiles,
  promptFiles,
  type LoadedPrompt,
  type LoadPromptResult,
  type OptionalPromptFilePart,
  type PromptFilePart,
  type PromptPackageJson,
  type SharedSection,
} from './loaded-prompt.js';
export { loadPrompt, loadPromptOrThrow } from './load-prompt.js';
export { maxSourceFileBytes, readSourceFile, symlinkedFolder, type ReadSourceResult } from './files/read-source-file.js';
export { expectedExports } from './validate/package-json.js';
export { readPackageIdentity, type PackageIdentityResult } from './validate/package-identity.js';
export { analyzeTemplate, type AnalyzeTemplateOptions, type IncludableSection, type TemplateAnalysis } from './template/analyze-template.js';
export { schemaToZod } from './variables/schema-to-zod.js';
export { loadPromptFromSources, type LoadPromptFromSourcesOptions } from './load-prompt.js';
export { bumpCovers, maxBump, type PromptImpact } from './impact/prompt-impact.js';
export { comparePrompts } from './impact/compare-prompts.js';
export { compareText, describeTextChange, type TextChange } from './impact/compare-text.js';
export { compareSchema, type SchemaDirection } from './impact/compare-schema.js';
export { compareVersions, parseVersion, versionBump, type SemVer } from './impact/versions.js';
export { defaultBase, findRepoRoot, mergeBase, resolveRef, type BaseRef } from './git/refs.js';
export { listPromptFoldersAtRef, readPromptAtRef, type PromptAtRef, type ReadPromptAtRefOptions } from './git/read-prompt-at-ref.js';
export { findApprovedPolicy, type ApprovedPolicySearch, type ApprovedPolicyVersion } from './git/approved-policy.js';
export { effectivePolicy, inlineSharedSections, sectionText } from './shared/effective-policy.js';
export { includedSectionNames, sharedFolder, sharedSectionFile, sharedSectionNamePattern } from './shared/find-includes.js';
export { policyHash, policyLockFor, readPolicyLock } from './policy/policy-lock.js';
export { unifiedDiff, type UnifiedDiffOptions } from './policy/unified-diff.js';
export { listReleaseTags, releaseBase, type ReleaseTag } from './git/release-tags.js';
export { diffParts, diffPrompts, type DiffEndpoint, type DiffEndpointInput, type DiffPart, type DiffPromptsOptions, type PartDiff, type PromptDiff } from './diff/prompt-diff.js';
export { diffText, displaySegments, visibleWhitespace, type DiffLine, type DiffTextOptions, type Hunk, type Segment, type TextDiff } from './diff/text-diff.js';
export { policyText, sharedSectionNames } from './diff/policy-text.js';
export { sharedImpact, type SharedImpact, type SharedPromptImpact } from './diff/shared-impact.js';
