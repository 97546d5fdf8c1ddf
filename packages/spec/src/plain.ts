// The zod-free half of @promptpack/spec: types, specificationVersion
// constants, error classes and hand-written checks. A production runtime
// imports this entry (`@promptpack/spec/plain`) and loads no schema library.
export { formatDiagnostic, hasErrors, isError, sortDiagnostics, type Diagnostic, type DiagnosticCode, type Severity } from './diagnostic.js';
export { errorMarker, type ErrorMarker } from './errors/error-marker.js';
export { PromptpackError, type PromptpackErrorCode } from './errors/promptpack-error.js';
export { SpecificationError, type SafeParseResult } from './errors/specification-error.js';
export { canonicalJson } from './json/canonical-json.js';
export { jsonErrorPosition } from './json/json-error-position.js';
export { locateJsonKey, offsetToPosition } from './json/offset-to-position.js';
export { parseJsonText, type JsonTextResult } from './json/parse-json-text.js';
export { formatPolicyLock, policyLockSpecificationVersion, type PolicyLock } from './policy/policy-lock.js';
export { manifestSpecificationVersion, type JsonSchema, type ManifestHashes, type ManifestIdentity, type ManifestPolicy, type PromptManifest } from './manifest/manifest.js';
export { evalsSpecificationVersion, type EvalsManifest } from './manifest/evals-manifest.js';
export {
  evalResultVersion,
  tiers,
  type AssertionFailure,
  type CaseOutcome,
  type CaseResult,
  type EvalResult,
  type EvalTotals,
  type ModelToolCall,
  type ModelGrade,
  type RunResult,
  type Tier,
  type TierRates,
} from './eval-result/eval-result.js';
export { parseEvalResult, safeParseEvalResult, safeParseEvalResultText } from './eval-result/parse-eval-result.js';
export {
  evalRecordFile,
  evalRecordVersion,
  type EvalRecord,
  type EvalRecordSummary,
  type GateCheck,
  type GateResult,
  type GateThresholds,
  type TierSummary,
} from './eval-result/eval-record.js';
export { parseEvalRecord, safeParseEvalRecord, safeParseEvalRecordText } from './eval-result/parse-eval-record.js';
export {
  emptyFlagsFile,
  flagsFileExample,
  flagsFileProblem,
  parseFlagsFile,
  safeParseFlagsFile,
  type Constraint,
  type FlagsFile,
  type FlagsFileFeature,
  type Strategy,
  type Variant,
} from './flags/flags-file.js';
export {
  flagsChangeSpecificationVersion,
  isChangeRecord,
  parseChangeRecord,
  safeParseChangeRecord,
  type ChangeCommand,
  type ChangeRecord,
  type OverriddenGuardrail,
  type RuleSummary,
  type Share,
  type StateSummary,
} from './flags/change-record.js';
export { type Bump, type PartChange, type PromptPart } from './check-report/part-change.js';
export {
  checkReportSpecificationVersion,
  parseCheckReport,
  safeParseCheckReport,
  type CheckBase,
  type CheckReport,
  type PolicyCheck,
  type PromptCheck,
} from './check-report/check-report.js';
export { secretScrubber } from './secrets/secret-scrub.js';
export { scrubValue } from './secrets/scrub-value.js';
export { splitUrlCredentials, urlSecrets, type UrlCredentials } from './secrets/url-credentials.js';
export { parsePackageIdentity, type PackageIdentity } from './package/package-identity.js';
export { emptyReviewsFile, reviewGrades, reviewsFile, reviewsVersion, type ReviewGrade, type ReviewsFile, type ReviewVerdict } from './review/reviews-file.js';
