// @promptpack/release: plan and apply a prompt release, and read published
// packages from any npm registry the way npm does.
export { runRelease, type PreflightStep, type ReleaseOptions, type ReleaseResult } from './run-release.js';
export type { ReleaseLog } from './release-log.js';
export { ReleaseError, type ReleaseErrorCode } from './release-error.js';

// Pure planning, for callers that assemble their own release.
export { planRelease, publishedOrFailed, type Identity, type Outcome, type PlanEntry, type PublishReport, type TagResult, type VersionState } from './plan.js';
export { formatPlan, formatSummary, planJson, type ReleasePlanJson } from './format-release.js';
export {
  decideEvalGate,
  evalRecordFile,
  formatEvalGate,
  formatOverrideWarning,
  isOverrideReason,
  tagAnnotation,
  type BuiltIdentity,
  type EvalGateDecision,
  type EvalOverride,
  type RecordRead,
} from './eval-gate.js';
export { findPromptWorkspace, tagName, type PromptPackage, type PromptWorkspace } from './prompt-packages.js';

// Reading the registry (promptpack diff uses these too).
export { loadNpmConfig, registryTarget, type NpmConfig, type RegistryTarget } from './registry/npm-config.js';
export { assertPackageName, packumentUrl } from './registry/package-name.js';
export { fetchPackument, type Packument, type PackumentDist, type PackumentRead } from './registry/fetch-packument.js';
export { defaultTarballLimits, type TarballLimits } from './registry/download-tarball.js';
export { fetchPublishedPackage, type PublishedPackage, type RegistryMiss } from './registry/published-package.js';
