import { compileStrategy, type CompiledStrategy } from './compile-strategy.js';
import { bucketPrefix, type BucketPrefix } from './normalized-value.js';
import type { DocumentConstraint, DocumentDependency, DocumentFeature, DocumentStrategy, DocumentVariant, FeaturesDocument } from './feature-document.js';

/** A flag whose every part is evaluated here. */
export interface CompiledFeature {
  name: string;
  enabled: boolean;
  /** Undefined: no strategies, so the flag is on for everyone when enabled. */
  strategies: readonly CompiledStrategy[] | undefined;
  variants: readonly DocumentVariant[] | undefined;
  /** bucketPrefix of the flag's name: flag variants bucket under it. */
  variantPrefix: BucketPrefix;
  stickiness: string | undefined;
  dependencies: readonly DocumentDependency[];
}

export interface CompiledFeatures {
  /** Flags evaluated here, by name (a null-prototype map: flag names are data). */
  compiled: ReadonlyMap<string, CompiledFeature>;
  /** Flags only unleash-client can evaluate; their names and why. */
  delegated: ReadonlyMap<string, string>;
}

/**
 * Turns a client-features document into evaluators once per document, so a
 * request does no parsing. A flag using anything not evaluated here (or
 * depending on such a flag) is marked for unleash-client instead, with the
 * reason, so it is never evaluated differently from the SDK.
 */
export function compileFeatures(document: FeaturesDocument): CompiledFeatures {
  const segments = new Map<number, readonly DocumentConstraint[]>();
  for (const segment of document.segments ?? []) segments.set(segment.id, segment.constraints ?? []);
  const byName = new Map<string, DocumentFeature>();
  for (const feature of document.features) if (!byName.has(feature.name)) byName.set(feature.name, feature);

  const compiled = new Map<string, CompiledFeature>();
  const delegated = new Map<string, string>();
  for (const feature of byName.values()) {
    const result = compileFeature(feature, segments);
    if (typeof result === 'string') delegated.set(feature.name, result);
    else compiled.set(feature.name, result);
  }
  // A flag whose parent goes to unleash-client goes there too: the parent's answer must be the SDK's.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, feature] of compiled) {
      const parent = feature.dependencies.find((dependency) => delegated.has(dependency.feature));
      if (parent) {
        compiled.delete(name);
        delegated.set(name, `depends on ${parent.feature}, which unleash-client evaluates`);
        changed = true;
      }
    }
  }
  return { compiled, delegated };
}

function compileFeature(feature: DocumentFeature, segments: ReadonlyMap<number, readonly DocumentConstraint[]>): CompiledFeature | string {
  // unleash-client reports a flag without a strategies list as malformed and keeps it off.
  const malformed = !Array.isArray(feature.strategies);
  const strategies: CompiledStrategy[] = [];
  for (const strategy of malformed ? [] : (feature.strategies as DocumentStrategy[])) {
    const compiledStrategy = compileStrategy(strategy, segments);
    if (typeof compiledStrategy === 'string') return compiledStrategy;
    strategies.push(compiledStrategy);
  }
  const variants = Array.isArray(feature.variants) && feature.variants.length > 0 ? feature.variants : undefined;
  return {
    name: feature.name,
    enabled: feature.enabled === true && !malformed,
    strategies: strategies.length > 0 ? strategies : undefined,
    variants,
    variantPrefix: bucketPrefix(feature.name),
    stickiness: variants?.[0]?.stickiness ?? undefined,
    dependencies: feature.dependencies ?? [],
  };
}
