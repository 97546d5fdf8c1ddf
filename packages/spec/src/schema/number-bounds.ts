import type { NumberNode } from './schema-node.js';

/**
 * The bounds a number node accepts, whichever keywords say them: the tighter
 * of `minimum` and `exclusiveMinimum` (and of the maxima), and for an integer
 * the nearest integer inside. Validation uses them to find ranges nothing
 * satisfies; the impact rules, to tell an equivalent rewrite from a change.
 */
export interface Bound {
  value: number;
  inclusive: boolean;
}

/** The tighter of minimum and exclusiveMinimum; for an integer, as the smallest integer accepted. */
export function lowerBound(node: NumberNode): Bound | undefined {
  const candidates: Bound[] = [];
  if (node.minimum !== undefined) candidates.push({ value: node.minimum, inclusive: true });
  if (node.exclusiveMinimum !== undefined) candidates.push({ value: node.exclusiveMinimum, inclusive: false });
  const bounds = node.type === 'integer' ? candidates.map((bound) => ({ value: bound.inclusive ? Math.ceil(bound.value) : Math.floor(bound.value) + 1, inclusive: true })) : candidates;
  return bounds.reduce<Bound | undefined>((tightest, bound) => (!tightest || bound.value > tightest.value || (bound.value === tightest.value && !bound.inclusive) ? bound : tightest), undefined);
}

export function upperBound(node: NumberNode): Bound | undefined {
  const candidates: Bound[] = [];
  if (node.maximum !== undefined) candidates.push({ value: node.maximum, inclusive: true });
  if (node.exclusiveMaximum !== undefined) candidates.push({ value: node.exclusiveMaximum, inclusive: false });
  const bounds = node.type === 'integer' ? candidates.map((bound) => ({ value: bound.inclusive ? Math.floor(bound.value) : Math.ceil(bound.value) - 1, inclusive: true })) : candidates;
  return bounds.reduce<Bound | undefined>((tightest, bound) => (!tightest || bound.value < tightest.value || (bound.value === tightest.value && !bound.inclusive) ? bound : tightest), undefined);
}

/** True when no number (for an integer node: no integer) lies between the bounds. */
export function isEmptyRange(node: NumberNode): boolean {
  const lower = lowerBound(node);
  const upper = upperBound(node);
  if (!lower || !upper) return false;
  return lower.value > upper.value || (lower.value === upper.value && !(lower.inclusive && upper.inclusive));
}
