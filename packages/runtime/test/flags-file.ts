// Builds Unleash client-features JSON for tests: one prompt flag whose
// flexibleRollout strategy splits users between a stable and a canary version.
export function canaryFeatures(options: { flag: string; stable: string; canary: string; percent: number; enabled?: boolean; payload?: boolean }) {
  const canaryWeight = Math.round(options.percent * 10);
  const variant = (name: string, weight: number) => ({
    name,
    weight,
    stickiness: 'default',
    weightType: 'fix',
    ...(options.payload ? { payload: { type: 'json', value: JSON.stringify({ version: name }) } } : {}),
  });
  return {
    version: 2,
    features: [
      {
        name: options.flag,
        enabled: options.enabled ?? true,
        type: 'release',
        strategies: [
          {
            name: 'flexibleRollout',
            parameters: { rollout: '100', stickiness: 'default', groupId: options.flag },
            variants: [variant(options.stable, 1000 - canaryWeight), variant(options.canary, canaryWeight)],
          },
        ],
      },
    ],
  };
}
