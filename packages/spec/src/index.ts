// @promptpack/spec: every artifact format promptpack reads or writes, in one
// place: its type, its schema, its parse/safeParse pair and its
// specificationVersion. No filesystem: readers live in the packages that
// own the files. The zod-free part is also served as `@promptpack/spec/plain`.
export * from './plain.js';
export { editorJsonSchemas } from './schema/json-schemas.js';
export { zodParser, type FormatParser } from './parse/zod-parser.js';
export { modelSchema, parsePromptSpec, promptIdSchema, promptSpecSchema, safeParsePromptSpec, type ModelDefaults, type PromptSpec } from './schema/prompt-spec.js';
export { isEmptyRange, lowerBound, upperBound, type Bound } from './schema/number-bounds.js';
export { objectNodeSchema, schemaNodeSchema, type ArrayNode, type BooleanNode, type NumberNode, type ObjectNode, type SchemaNode, type StringNode } from './schema/schema-node.js';
export { assertionSchema, defaultMinimumBlockingCases, evalCaseSchema, evalManifestSchema, judgeSchema, parseEvalsSpec, safeParseEvalsSpec, thresholdsSchema, tierSchema, type Assertion, type EvalCase, type EvalManifest, type JudgeSettings } from './schema/evals-spec.js';
export { parseToolsSpec, safeParseToolsSpec, toolNameSchema, toolSchema, toolsSpecSchema, type ToolSpec, type ToolsSpec } from './schema/tools-spec.js';
export { defaultHistoryChars, defaultHistoryTurns, historySpecSchema, historyTurnSchema, type HistorySpec, type HistoryTurn } from './schema/history-spec.js';
export { fewShotSchema, fewShotsSchema, parseFewShots, safeParseFewShots, type FewShot } from './schema/fewshots-spec.js';
export { policyLockSchema } from './policy/policy-lock-schema.js';
export { parsePolicyLock, parsePolicyLockText, policyLockHint, safeParsePolicyLock } from './policy/parse-policy-lock.js';
export { manifestSchema, parseManifest, safeParseManifest, safeParseManifestText } from './manifest/manifest-schema.js';
export { evalsManifestSchema, parseEvalsManifest, safeParseEvalsManifest } from './manifest/evals-manifest-schema.js';
export { parseReviewsFile, reviewsFileSchema, reviewVerdictSchema, safeParseReviewsFile, safeParseReviewsFileText } from './review/reviews-schema.js';
