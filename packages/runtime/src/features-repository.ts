import { EventEmitter } from 'node:events';
import type { ClientFeaturesResponse } from 'unleash-client';

type Feature = ClientFeaturesResponse['features'][number];
type Segment = NonNullable<ClientFeaturesResponse['segments']>[number];

/**
 * An unleash-client repository over data we hold in memory (a flags file).
 * Through the client's public `repository` option, Unleash's own evaluation
 * (strategies, constraints, stickiness, variants) runs on it synchronously,
 * with no network, no timers and no backup file.
 */
export class FeaturesRepository extends EventEmitter {
  private features = new Map<string, Feature>();
  private segments = new Map<number, Segment>();

  constructor(data: ClientFeaturesResponse) {
    super();
    this.replace(data);
  }

  replace(data: ClientFeaturesResponse): void {
    this.features = new Map(data.features.map((feature) => [feature.name, feature]));
    this.segments = new Map((data.segments ?? []).map((segment) => [segment.id, segment]));
    this.emit('changed', data.features);
  }

  getToggle(name: string): Feature | undefined {
    return this.features.get(name);
  }

  getToggles(): Feature[] {
    return [...this.features.values()];
  }

  getTogglesWithSegmentData() {
    return this.getToggles().map((feature) => ({
      ...feature,
      strategies: feature.strategies?.map((strategy) => ({
        ...strategy,
        segments: (strategy.segments ?? []).map((id) => this.segments.get(id)).filter((segment) => segment !== undefined),
      })),
    })) as never;
  }

  getSegment(id: number): Segment | undefined {
    return this.segments.get(id);
  }

  // The client marks itself ready when the repository says so; our data is
  // there from the constructor, so say it at once, synchronously.
  async start(): Promise<void> {
    this.emit('ready');
  }

  stop(): void {}
}
