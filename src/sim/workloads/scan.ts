import { requireKeyCount } from './validate';
import type { ScanWorkload, WorkloadDefinition } from './workload';

export const scan: WorkloadDefinition<ScanWorkload> = {
  kind: 'scan',
  label: 'Looping scan',
  description: 'Keys 0, 1, 2, ... in a loop: LRU and FIFO miss every time unless the whole loop fits.',
  create(spec) {
    requireKeyCount(spec.keys);
    let position = -1;
    return {
      next: () => {
        position = position + 1 === spec.keys ? 0 : position + 1;
        return position;
      },
    };
  },
};
