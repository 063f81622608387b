import { requireKeyCount } from './validate';
import type { UniformWorkload, WorkloadDefinition } from './workload';

export const uniform: WorkloadDefinition<UniformWorkload> = {
  kind: 'uniform',
  label: 'Uniform',
  description: 'Every key is equally likely: the hit rate is about the cache size as a share of the keys.',
  create(spec, rng) {
    requireKeyCount(spec.keys);
    return { next: () => rng.nextInt(spec.keys) };
  },
};
