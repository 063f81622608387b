import { wait, type Process } from '../des/eventLoop';
import type { StampedeProtection, StampedeRead } from './protection';

export const staleWhileRevalidate: StampedeProtection = {
  id: 'swr',
  label: 'Stale-while-revalidate',
  description:
    'After the TTL, readers get the stale value at once while one background refresh per app server fetches the new one; only after the grace period do readers wait for the DB.',
  create(world) {
    const refreshing = new Set<number>();
    function* refresh(server: number): Process<void> {
      yield* world.recompute();
      refreshing.delete(server);
    }
    function* read(server: number): Process<StampedeRead> {
      const entry = yield* wait(world.get());
      if (world.fresh(entry)) return 'hit';
      if (entry && world.loop.now < entry.staleUntil) {
        world.staleServed++;
        if (!refreshing.has(server)) {
          refreshing.add(server);
          world.loop.spawn(refresh(server));
        }
        return 'stale';
      }
      yield* world.recompute();
      return 'recomputed';
    }
    return { read };
  },
};
