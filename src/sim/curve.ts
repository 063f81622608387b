import { capacityForPercent, simulate } from './simulate';
import type { CurveConfig, CurveResult } from './types';

/**
 * Hit ratio against cache size for several policies. Every point replays the same seeded request
 * stream, so the policies are compared on identical traffic.
 */
export function hitRateCurve(config: CurveConfig, onPoint?: (done: number, total: number) => void): CurveResult {
  const capacities = config.sizePercents.map((percent) => capacityForPercent(config.workload.keys, percent));
  const total = config.policies.length * capacities.length;
  let done = 0;
  const series = config.policies.map((policy) => ({
    policy,
    hitRatios: capacities.map((capacity) => {
      const { hitRatio } = simulate({
        workload: config.workload,
        policy,
        capacity,
        requests: config.requests,
        seed: config.seed,
        requestRate: config.requestRate,
        ...(config.ttl ? { ttl: config.ttl } : {}),
      });
      onPoint?.(++done, total);
      return hitRatio;
    }),
  }));
  return { sizePercents: config.sizePercents, capacities, series };
}
