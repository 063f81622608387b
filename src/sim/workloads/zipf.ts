import { AliasTable, zipfWeights } from './alias';
import { requireInRange, requireKeyCount } from './validate';
import type { WorkloadDefinition, ZipfWorkload } from './workload';

export const zipf: WorkloadDefinition<ZipfWorkload> = {
  kind: 'zipf',
  label: 'Zipf',
  description: 'Key k is requested with probability proportional to 1/(k+1)^alpha: a few keys are hot, most are cold.',
  create(spec, rng) {
    requireKeyCount(spec.keys);
    requireInRange('alpha', spec.alpha, 0, 5);
    const table = new AliasTable(zipfWeights(spec.keys, spec.alpha));
    return { next: () => table.draw(rng) };
  },
};
