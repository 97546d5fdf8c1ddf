// The parts of Unleash's client-features document that evaluation reads
// (GET /api/client/features, the flags file, a backup). Structural types:
// whatever parsed the document, evaluation accepts it.

export interface DocumentConstraint {
  contextName: string;
  operator: string;
  values?: string[];
  value?: string;
  inverted?: boolean;
  caseInsensitive?: boolean;
}

export interface DocumentPayload {
  type: string;
  value: string;
}

export interface DocumentVariant {
  name: string;
  weight: number;
  weightType?: string;
  stickiness?: string | null;
  payload?: DocumentPayload;
  overrides?: Array<{ contextName: string; values: string[] }>;
}

export interface DocumentStrategy {
  name: string;
  parameters?: Record<string, string | undefined> | null;
  constraints?: DocumentConstraint[] | null;
  /** Segment ids; or the segments themselves, as unleash-client's getFeatureToggleDefinitions(true) returns them. */
  segments?: Array<number | DocumentSegment> | null;
  variants?: DocumentVariant[] | null;
  disabled?: boolean | null;
}

export interface DocumentDependency {
  feature: string;
  enabled?: boolean;
  variants?: string[];
}

export interface DocumentFeature {
  name: string;
  enabled: boolean;
  strategies?: DocumentStrategy[] | null;
  variants?: DocumentVariant[] | null;
  dependencies?: DocumentDependency[] | null;
  [key: string]: unknown;
}

export interface DocumentSegment {
  id: number;
  constraints?: DocumentConstraint[] | null;
}

export interface FeaturesDocument {
  version?: number;
  features: DocumentFeature[];
  segments?: DocumentSegment[];
  [key: string]: unknown;
}
