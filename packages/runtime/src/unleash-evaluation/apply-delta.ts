import type { DocumentFeature, DocumentSegment, FeaturesDocument } from './feature-document.js';

/** An event of Unleash's delta API (`/api/client/delta`). */
export type DeltaEvent =
  | { type: 'hydration'; eventId: number; features: DocumentFeature[]; segments?: DocumentSegment[] }
  | { type: 'feature-updated'; eventId: number; feature: DocumentFeature }
  | { type: 'feature-removed'; eventId: number; featureName: string }
  | { type: 'segment-updated'; eventId: number; segment: DocumentSegment }
  | { type: 'segment-removed'; eventId: number; segmentId: number };

/**
 * The full document a sequence of delta events describes, so delta-format
 * state (a backup, a specification file) is evaluated like any other.
 * Unknown event types are ignored, as a client would skip them.
 */
export function applyDelta(events: readonly DeltaEvent[], start: FeaturesDocument = { version: 2, features: [] }): FeaturesDocument {
  const features = new Map(start.features.map((feature) => [feature.name, feature]));
  const segments = new Map((start.segments ?? []).map((segment) => [segment.id, segment]));
  for (const event of events) {
    switch (event.type) {
      case 'hydration':
        features.clear();
        segments.clear();
        for (const feature of event.features) features.set(feature.name, feature);
        for (const segment of event.segments ?? []) segments.set(segment.id, segment);
        break;
      case 'feature-updated':
        features.set(event.feature.name, event.feature);
        break;
      case 'feature-removed':
        features.delete(event.featureName);
        break;
      case 'segment-updated':
        segments.set(event.segment.id, event.segment);
        break;
      case 'segment-removed':
        segments.delete(event.segmentId);
        break;
    }
  }
  return { version: start.version ?? 2, features: [...features.values()], segments: [...segments.values()] };
}
