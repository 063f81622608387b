import { requireInRange, requireKeyCount } from './validate';
import type { HotspotWorkload, WorkloadDefinition } from './workload';

/** How many keys form the hot set: at least one, at most all. */
export function hotKeyCount(spec: HotspotWorkload): number {
  return Math.min(spec.keys, Math.max(1, Math.ceil((spec.keys * spec.hotKeyPercent) / 100)));
}

export const hotspot: WorkloadDefinition<HotspotWorkload> = {
  kind: 'hotspot',
  label: 'Hotspot',
  description: 'x% of requests go to y% of the keys, uniformly within the hot and the cold set.',
  create(spec, rng) {
    requireKeyCount(spec.keys);
    requireInRange('hotRequestPercent', spec.hotRequestPercent, 0, 100);
    requireInRange('hotKeyPercent', spec.hotKeyPercent, Number.MIN_VALUE, 100);
    const hot = hotKeyCount(spec);
    const cold = spec.keys - hot;
    const hotShare = spec.hotRequestPercent / 100;
    return {
      next: () => (cold === 0 || rng.next() < hotShare ? rng.nextInt(hot) : hot + rng.nextInt(cold)),
    };
  },
};
