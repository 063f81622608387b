import { AliasTable, zipfWeights } from './alias';
import { requireInRange, requireKeyCount } from './validate';
import type { ShiftWorkload, WorkloadDefinition } from './workload';

export const shift: WorkloadDefinition<ShiftWorkload> = {
  kind: 'shift',
  label: 'Popularity shift',
  description: 'Zipf(alpha) whose hot keys change halfway through: the cache must forget the old favourites.',
  create(spec, rng, requests) {
    requireKeyCount(spec.keys);
    requireInRange('alpha', spec.alpha, 0, 5);
    const table = new AliasTable(zipfWeights(spec.keys, spec.alpha));
    const shiftAt = Math.floor(requests / 2);
    const offset = Math.floor(spec.keys / 2);
    let issued = 0;
    return {
      next: () => {
        const rank = table.draw(rng);
        return issued++ < shiftAt ? rank : (rank + offset) % spec.keys;
      },
    };
  },
};
