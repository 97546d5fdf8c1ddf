import type { DocumentConstraint } from './feature-document.js';
import { contextValue, type EvaluationContext } from './evaluation-context.js';

export type Predicate = (context: EvaluationContext) => boolean;

/**
 * The operators evaluated here. The rest (REGEX with RE2 semantics, IN_CIDR,
 * the SEMVER family, anything newer) are left to unleash-client, so their
 * meaning is exactly the SDK's: `undefined` from compileConstraint says so.
 */
const stringOperators = new Set(['STR_STARTS_WITH', 'STR_ENDS_WITH', 'STR_CONTAINS']);
const numberOperators = new Set(['NUM_EQ', 'NUM_GT', 'NUM_GTE', 'NUM_LT', 'NUM_LTE']);
const dateOperators = new Set(['DATE_AFTER', 'DATE_BEFORE']);

// Unleash drops empty values and trims the rest before comparing.
const cleanValues = (values: readonly string[] | undefined) => (values ?? []).filter((value) => !!value).map((value) => value.trim());

/** One constraint as a predicate, decided once per document; undefined when unleash-client must decide. */
export function compileConstraint(constraint: DocumentConstraint): Predicate | undefined {
  const test = compileOperator(constraint);
  if (!test) return undefined;
  return constraint.inverted ? (context) => !test(context) : test;
}

function compileOperator(constraint: DocumentConstraint): Predicate | undefined {
  const { contextName: field, operator } = constraint;
  if (operator === 'IN' || operator === 'NOT_IN') {
    const values = new Set(cleanValues(constraint.values));
    const isIn = (context: EvaluationContext) => {
      const value = contextValue(context, field);
      return value !== undefined && values.has(value);
    };
    return operator === 'IN' ? isIn : (context) => !isIn(context);
  }
  if (stringOperators.has(operator)) return stringOperator(constraint);
  if (numberOperators.has(operator)) return numberOperator(constraint);
  if (dateOperators.has(operator)) return dateOperator(constraint);
  return undefined;
}

function stringOperator({ contextName: field, operator, values, caseInsensitive }: DocumentConstraint): Predicate {
  const wanted = caseInsensitive ? cleanValues(values).map((value) => value.toLocaleLowerCase()) : cleanValues(values);
  const matches =
    operator === 'STR_STARTS_WITH'
      ? (value: string, candidate: string) => value.startsWith(candidate)
      : operator === 'STR_ENDS_WITH'
        ? (value: string, candidate: string) => value.endsWith(candidate)
        : (value: string, candidate: string) => value.includes(candidate);
  return (context) => {
    const raw = contextValue(context, field);
    if (raw === undefined) return false;
    const value = caseInsensitive ? raw.toLocaleLowerCase() : raw;
    return wanted.some((candidate) => matches(value, candidate));
  };
}

function numberOperator({ contextName: field, operator, value }: DocumentConstraint): Predicate {
  const target = Number(value);
  if (Number.isNaN(target)) return () => false;
  const compare =
    operator === 'NUM_EQ'
      ? (actual: number) => actual === target
      : operator === 'NUM_GT'
        ? (actual: number) => actual > target
        : operator === 'NUM_GTE'
          ? (actual: number) => actual >= target
          : operator === 'NUM_LT'
            ? (actual: number) => actual < target
            : (actual: number) => actual <= target;
  return (context) => {
    // Number(undefined) is NaN and fails every comparison, as in the SDK; Number('') is 0, as there.
    const actual = Number(contextValue(context, field));
    return !Number.isNaN(actual) && compare(actual);
  };
}

function dateOperator({ operator, value }: DocumentConstraint): Predicate {
  const target = new Date(value as string).getTime();
  const after = operator === 'DATE_AFTER';
  return (context) => {
    const now = context.currentTime ? new Date(context.currentTime).getTime() : Date.now();
    // An invalid date on either side is NaN: every comparison is false, as with Date objects.
    return after ? now > target : now < target;
  };
}
