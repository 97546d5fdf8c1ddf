import { hostname } from 'node:os';
import { compileConstraint, type Predicate } from './compile-constraint.js';
import type { DocumentConstraint, DocumentStrategy, DocumentVariant } from './feature-document.js';
import type { EvaluationContext } from './evaluation-context.js';
import { bucketPrefix, strategyBucket, type BucketPrefix } from './normalized-value.js';
import { contextValue } from './evaluation-context.js';

/** A strategy ready to run: is it on for this context, and which variants does it carry. */
export interface CompiledStrategy {
  isEnabled: Predicate;
  variants: readonly DocumentVariant[] | undefined;
  /** bucketPrefix of the bucket group its own variants use, and their stickiness. */
  variantPrefix: BucketPrefix;
  stickiness: string | undefined;
}

type Parameters = Record<string, string | undefined>;

// Strategies that pick at random do so with Math.random, like the SDK: no seed is part of the contract.
const randomRolloutId = () => `${Math.round(Math.random() * 10000) + 1}`;
const splitList = (list: string) => list.split(/\s*,\s*/);

/**
 * A built-in strategy as a predicate, with its constraints (and those of its
 * segments) folded in; a reason when unleash-client must decide (a custom
 * strategy, the remoteAddress strategy's address parsing, an operator not
 * evaluated here, a segment the document does not hold).
 */
export function compileStrategy(strategy: DocumentStrategy, segments: ReadonlyMap<number, readonly DocumentConstraint[]>): CompiledStrategy | string {
  const parameters: Parameters = strategy.parameters ?? {};
  const check = builtInStrategy(strategy.name, parameters);
  if (!check) return `strategy "${strategy.name}" is evaluated by unleash-client`;
  const constraints: Array<DocumentConstraint | undefined> = [...(strategy.constraints ?? [])];
  // A segment the document lacks, like a null constraint, never matches: the SDK's rule.
  for (const id of strategy.segments ?? []) constraints.push(...(segments.get(id as number) ?? [undefined]));
  const predicates: Predicate[] = [];
  for (const constraint of constraints) {
    if (!constraint) return { isEnabled: () => false, variants: undefined, variantPrefix: bucketPrefix('undefined'), stickiness: undefined };
    const predicate = compileConstraint(constraint);
    if (!predicate) return `operator ${constraint.operator} is evaluated by unleash-client`;
    predicates.push(predicate);
  }
  const isEnabled: Predicate =
    predicates.length === 0 ? check : (context) => predicates.every((predicate) => predicate(context)) && check(context);
  const variants = strategy.variants && strategy.variants.length > 0 ? strategy.variants : undefined;
  // A strategy without a groupId buckets its variants under "undefined", as the SDK does.
  return { isEnabled, variants, variantPrefix: bucketPrefix(`${parameters.groupId}`), stickiness: variants?.[0]?.stickiness || parameters.stickiness };
}

function builtInStrategy(name: string, parameters: Parameters): Predicate | undefined {
  switch (name) {
    case 'default':
      return () => true;
    case 'userWithId': {
      const ids = parameters.userIds ? splitList(parameters.userIds) : [];
      return (context) => context.userId !== undefined && ids.includes(context.userId);
    }
    case 'gradualRolloutUserId':
      return percentageOf(parameters, (context) => context.userId);
    case 'gradualRolloutSessionId':
      return percentageOf(parameters, (context) => context.sessionId);
    case 'gradualRolloutRandom': {
      const percentage = Number(parameters.percentage);
      return () => percentage >= Math.floor(Math.random() * 100) + 1;
    }
    case 'flexibleRollout':
      return flexibleRollout(parameters);
    case 'applicationHostname': {
      if (!parameters.hostNames) return () => false;
      const host = (process.env.HOSTNAME || hostname() || 'undefined').toLowerCase();
      const enabled = splitList(parameters.hostNames.toLowerCase()).includes(host);
      return () => enabled;
    }
    default:
      return undefined;
  }
}

function percentageOf(parameters: Parameters, idOf: (context: EvaluationContext) => string | undefined): Predicate {
  return rollout(Number(parameters.percentage), parameters.groupId || '', idOf);
}

/**
 * On for an id whose bucket (1..100) is within the percentage. A bucket is
 * never above 100, so from 100% on every id is in without hashing it: the
 * common fully rolled-out strategy costs no hash.
 */
function rollout(percentage: number, groupId: string, idOf: (context: EvaluationContext) => string | undefined): Predicate {
  const prefix = bucketPrefix(groupId);
  if (percentage >= 100) return (context) => !!idOf(context);
  return (context) => {
    const id = idOf(context);
    return !!id && percentage > 0 && strategyBucket(id, prefix) <= percentage;
  };
}

function flexibleRollout(parameters: Parameters): Predicate {
  const percentage = Number(parameters.rollout);
  // The SDK would take the flag name from context.featureToggle, which it never sets: '' it is.
  const groupId = parameters.groupId || '';
  const stickiness = parameters.stickiness || 'default';
  const stickinessId: (context: EvaluationContext) => string | undefined =
    stickiness === 'default'
      ? (context) => context.userId || context.sessionId || randomRolloutId()
      : stickiness === 'random'
        ? randomRolloutId
        : (context) => contextValue(context, stickiness);
  return rollout(percentage, groupId, stickinessId);
}
