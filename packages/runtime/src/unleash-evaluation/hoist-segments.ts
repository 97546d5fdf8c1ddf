import type { DocumentFeature, DocumentSegment, FeaturesDocument } from './feature-document.js';

/**
 * unleash-client's getFeatureToggleDefinitions(true) returns each strategy's
 * segments inline, as objects. The document form names them by id, with the
 * segments listed once: that is what evaluation (and unleash-client itself,
 * when it must answer) reads.
 */
export function hoistSegments(features: readonly DocumentFeature[]): FeaturesDocument {
  const segments = new Map<number, DocumentSegment>();
  const hoisted = features.map((feature) => {
    if (!Array.isArray(feature.strategies)) return feature;
    return {
      ...feature,
      strategies: feature.strategies.map((strategy) => {
        if (!strategy.segments?.some((segment) => typeof segment === 'object')) return strategy;
        const ids = strategy.segments.map((segment) => {
          if (typeof segment !== 'object' || segment === null) return segment;
          segments.set(segment.id, segment);
          return segment.id;
        });
        return { ...strategy, segments: ids };
      }),
    };
  });
  return { version: 2, features: hoisted, segments: [...segments.values()] };
}
