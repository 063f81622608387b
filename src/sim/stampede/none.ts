import { wait } from '../des/eventLoop';
import type { StampedeProtection } from './protection';

export const none: StampedeProtection = {
  id: 'none',
  label: 'No protection',
  description: 'Every request that finds the key expired recomputes it: about rate × recomputation time of them at each expiry.',
  create: (world) => ({
    *read() {
      if (world.fresh(yield* wait(world.get()))) return 'hit';
      yield* world.recompute();
      return 'recomputed';
    },
  }),
};
