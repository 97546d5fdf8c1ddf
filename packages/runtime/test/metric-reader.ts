// A MeterProvider of the real OpenTelemetry SDK with a reader the test
// collects from on demand, and lookups of the data points it collected.
import { type DataPoint, type Histogram, MeterProvider, MetricReader, type MetricData } from '@opentelemetry/sdk-metrics';

class CollectingReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

export interface CollectedMetric {
  name: string;
  unit: string;
  points: Array<{ attributes: Record<string, unknown>; value: number | Histogram }>;
}

export function testMeterProvider() {
  const reader = new CollectingReader();
  const provider = new MeterProvider({ readers: [reader] });
  return {
    provider,
    meter: provider.getMeter('@promptpack/runtime'),
    /** Every metric collected so far, by name. */
    async collect(): Promise<Map<string, CollectedMetric>> {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw new Error(`metric collection failed: ${errors.map(String).join('; ')}`);
      const metrics = new Map<string, CollectedMetric>();
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics as MetricData[]) {
          const points = (metric.dataPoints as DataPoint<number | Histogram>[]).map((point) => ({ attributes: { ...point.attributes }, value: point.value }));
          metrics.set(metric.descriptor.name, { name: metric.descriptor.name, unit: metric.descriptor.unit, points });
        }
      }
      return metrics;
    },
    shutdown: () => provider.shutdown(),
  };
}
