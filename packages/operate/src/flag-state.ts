// A prompt flag as Unleash stores it (strategies with variants, per
// environment) and as the flags file holds it (the same strategies, one
// environment), and what it means: which version each audience gets. Pure.
import type { RuleSummary, StateSummary, Strategy, Variant } from '@promptpack/spec/plain';

export interface EnvironmentState {
  /** The Unleash environment; a flags file has one, named `file`. */
  name: string;
  enabled: boolean;
  strategies: Strategy[];
}

export interface FlagView {
  flag: string;
  exists: boolean;
  environments: EnvironmentState[];
}

/** The version a variant selects: a payload naming it (`{"version":"1.1.0"}` or the plain string), else its name. */
export function variantVersion(variant: Variant): string {
  const payload = variant.payload;
  if (payload?.type === 'json') {
    try {
      const parsed = JSON.parse(payload.value) as { version?: unknown };
      if (typeof parsed.version === 'string') return parsed.version;
    } catch {
      // A payload that is not JSON names no version: the name does.
    }
  }
  if (payload?.type === 'string' && payload.value.trim()) return payload.value.trim();
  return variant.name;
}

const round = (value: number) => Math.round(value * 10) / 10;

export function summarizeRule(strategy: Strategy): RuleSummary {
  const constraints = strategy.constraints ?? [];
  const tenants = constraints.filter((c) => c.contextName === 'tenantId' && c.operator === 'IN' && !c.inverted).flatMap((c) => c.values ?? []);
  const audienceParts = constraints.map((c) => `${c.contextName} ${c.inverted ? 'NOT ' : ''}${c.operator} ${(c.values ?? (c.value === undefined ? [] : [c.value])).join(',')}`);
  for (const segment of strategy.segments ?? []) audienceParts.push(`segment #${segment}`);
  const audience = audienceParts.length > 0 ? audienceParts.join(' AND ') : 'everyone';
  const stickiness = strategy.parameters?.stickiness ?? 'default';
  const known = strategy.name === 'flexibleRollout' || strategy.name === 'default';
  const rollout = strategy.name === 'default' ? 100 : Number(strategy.parameters?.rollout ?? 100);
  const variants = strategy.variants ?? [];
  const total = variants.reduce((sum, variant) => sum + Math.max(0, variant.weight), 0);
  const byVersion = new Map<string, number>();
  if (total > 0) for (const variant of variants) byVersion.set(variantVersion(variant), (byVersion.get(variantVersion(variant)) ?? 0) + (variant.weight / total) * rollout);
  const shares = [...byVersion].map(([version, percent]) => ({ version, percent: round(percent) }));
  return { audience, tenants, rollout: Number.isFinite(rollout) ? rollout : 0, stickiness, shares, ...(known ? {} : { opaque: `custom strategy "${strategy.name}"` }) };
}

function isEveryone(strategy: Strategy): boolean {
  return (strategy.constraints ?? []).length === 0 && (strategy.segments ?? []).length === 0 && summarizeRule(strategy).rollout === 100 && (strategy.name === 'flexibleRollout' || strategy.name === 'default');
}

/** The baseline of a strategy: its heaviest `variable` variant, else its heaviest variant. */
function baselineOf(strategy: Strategy): string | null {
  const variants = [...(strategy.variants ?? [])].sort((a, b) => b.weight - a.weight);
  const chosen = variants.find((variant) => variant.weightType !== 'fix') ?? variants[0];
  return chosen ? variantVersion(chosen) : null;
}

export function summarize(environment: EnvironmentState | undefined): StateSummary {
  if (!environment) return { exists: false, enabled: false, rules: [], stable: null, canary: null, text: 'no flag (built-in stable)' };
  const active = environment.strategies.filter((strategy) => !strategy.disabled);
  const rules = active.map(summarizeRule);
  if (!environment.enabled) return { exists: true, enabled: false, rules, stable: null, canary: null, text: 'off (built-in stable)' };
  const everyone = active.find(isEveryone);
  const stable = everyone ? baselineOf(everyone) : null;
  let canary: StateSummary['canary'] = null;
  for (const rule of rules) {
    const share = rule.shares.find((candidate) => candidate.version !== stable && candidate.percent > 0);
    if (share) {
      canary = { version: share.version, percent: share.percent, tenants: rule.tenants };
      break;
    }
  }
  return { exists: true, enabled: true, rules, stable, canary, text: describeRules(rules, everyone !== undefined) };
}

function describeRules(rules: readonly RuleSummary[], hasEveryone: boolean): string {
  if (rules.length === 0) return 'on, no strategy (built-in stable)';
  const parts = rules.map((rule, index) => {
    const who = rule.audience === 'everyone' && index > 0 ? 'everyone else' : rule.audience;
    if (rule.opaque) return `${who}: ${rule.opaque}`;
    const shares = rule.shares.length > 0 ? rule.shares.map((share) => `${share.version} ${share.percent}%`).join(', ') : 'no variant';
    const rest = rule.rollout < 100 ? `, ${round(100 - rule.rollout)}% not matched` : '';
    return `${who}: ${shares}${rest}`;
  });
  if (!hasEveryone) parts.push('everyone else: built-in stable');
  return parts.join('; ');
}

export interface CanaryPlan {
  flag: string;
  baseline: string;
  version: string;
  percent: number;
  tenants: readonly string[];
  stickiness: string;
  reason: string;
}

/**
 * The strategies of a canary. Unleash spreads what `fix` variants leave over
 * the `variable` ones equally (two `variable` variants of 900/100 are stored
 * as 500/500), so the baseline is `variable` and the canary `fix`, weight
 * percent × 10 of 1000. With tenants, the canary rule is constrained to them
 * and a second rule keeps everyone else on the baseline (not on each
 * service's built-in stable, which may be older).
 */
export function canaryStrategies(plan: CanaryPlan): Strategy[] {
  const weight = Math.round(plan.percent * 10);
  const variants: Variant[] = [
    { name: plan.baseline, weight: 1000 - weight, weightType: 'variable', stickiness: plan.stickiness },
    { name: plan.version, weight, weightType: 'fix', stickiness: plan.stickiness },
  ];
  const tenants = [...plan.tenants];
  const canary: Strategy = {
    name: 'flexibleRollout',
    title: title(`${plan.version} ${weight / 10}% canary over ${plan.baseline}${tenants.length > 0 ? ` for ${tenants.join(', ')}` : ''}`, plan.reason),
    disabled: false,
    parameters: { rollout: '100', stickiness: plan.stickiness, groupId: plan.flag },
    constraints: tenants.length > 0 ? [{ contextName: 'tenantId', operator: 'IN', values: tenants, inverted: false, caseInsensitive: false }] : [],
    variants,
    segments: [],
  };
  if (tenants.length === 0) return [canary];
  return [canary, allStrategy(plan.flag, plan.baseline, plan.stickiness, `everyone else on ${plan.baseline}`, plan.reason)];
}

/** One rule: everyone on `version`. Promote and roll back. */
export function allStrategy(flag: string, version: string, stickiness: string, what: string, reason: string): Strategy {
  return {
    name: 'flexibleRollout',
    title: title(what, reason),
    disabled: false,
    parameters: { rollout: '100', stickiness, groupId: flag },
    constraints: [],
    variants: [{ name: version, weight: 1000, weightType: 'variable', stickiness }],
    segments: [],
  };
}

/** A strategy title the Unleash UI shows: what and why, short. */
function title(what: string, reason: string): string {
  const why = reason.length > 120 ? `${reason.slice(0, 117)}...` : reason;
  return `promptpack: ${what} (${why})`;
}

/** The stickiness the flag already uses, so a canary update does not reshuffle users. */
export function currentStickiness(environment: EnvironmentState | undefined): string | undefined {
  const strategy = environment?.strategies.find((candidate) => !candidate.disabled);
  return strategy?.parameters?.stickiness;
}
