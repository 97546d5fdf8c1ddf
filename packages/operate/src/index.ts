// @promptpack/operate: the operator's library behind `promptpack flags`.
// Targets (an Unleash Admin API, a flags file), what a flag state means,
// changes with their guardrails and audit records, service inventories and
// the eval records a change is checked against, and the guard that watches a
// canary in Prometheus. No printing: callers get data.
export { actorOf, createTarget, flagOf, flagPrefix, knownVersions, loadContext, packageNameOf, requireKnownPrompt, requireKnownVersion, type Context, type ContextOptions, type TargetOptions } from './context.js';
export { applyChange, plan, type ChangeArgs, type ChangeOutcome, type ChangeSettings, type Warn } from './change.js';
export { flagStatus, type PromptStatus, type StatusReport } from './status.js';
export { flagHistory, type HistoryReport } from './history.js';
export { historyEntry, rollbackTarget, stableLineage, type HistoryEntry } from './change-record.js';
export { allStrategy, canaryStrategies, currentStickiness, summarize, summarizeRule, variantVersion, type CanaryPlan, type EnvironmentState, type FlagView } from './flag-state.js';
export { environmentOf, type ChangePlan, type ChangeRequest, type FlagTarget, type TargetHistory } from './target.js';
export { auditFileOf, fileEnvironment, fileTarget, readAuditLog, readFlagsFile, resolveFlagsFile } from './file-target.js';
export { removeLeftovers, writeAtomically } from './atomic-write.js';
export { withFileLock, type LockHolder, type LockOptions } from './file-lock.js';
export { describeRecord, parseRecord, unleashTarget, type UnleashTargetOptions } from './unleash-target.js';
export { AdminBodyError, AdminHttpError, unleashAdminClient, type AdminClient, type AdminClientOptions } from './unleash-admin-client.js';
export { builtInStable, hashesOf, loadInventories, parseInventory, promptIn, wellKnownPath, type Inventories, type InventoryPrompt, type InventoryProblem, type InventorySources, type ServiceInventory } from './inventory.js';
export { findEvalRecord, gitRoot, installedPackages, releasedVersions, repoPrompts, type EvalLookup, type EvalQuery, type EvalVerdict } from './eval-records.js';
export { evalViolations, installationViolations, type Guardrail, type VersionCheck, type Violation } from './guardrails.js';
export { exitCodeOf, FlagsError, type FlagsErrorCode } from './flags-error.js';
export { prometheusClient, type PrometheusClient, type PrometheusClientOptions, type PrometheusSample } from './prometheus-client.js';
export { PrometheusError, type PrometheusProblem } from './prometheus-error.js';
export { parseMatchers, templatesWithoutMatch } from './guard-match.js';
export { defaultFreshnessQuery, defaultMetric, fillQuery, guardMetricNames, promqlString, type GuardMetric, type GuardMetricName, type MeanMetric, type MetricDefaults, type ProportionMetric } from './guard-metrics.js';
export { meanDifference, mixtureTest, proportionDifference, type Difference, type MeanArm, type ProportionArm, type TestResult, type TestSettings } from './guard-statistics.js';
export { decide, describeVerdict, judgeMetric, type Arm, type Decision, type GuardSettings, type MetricVerdict, type Observations } from './guard-decision.js';
export { canaryRun, type CanaryRun } from './guard-canary.js';
export { observe, type Observed, type ObserveRequest } from './guard-observe.js';
export { guardTick, type GuardOptions, type TickReport } from './guard-tick.js';
export { runGuard, type LoopEnd, type LoopOptions } from './guard-loop.js';
