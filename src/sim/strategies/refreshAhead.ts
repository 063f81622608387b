import { wait, type Process } from '../des/eventLoop';
import { lazyRead, writeThenInvalidate } from './paths';
import type { ReadOutcome, WriteStrategy } from './strategy';

export const refreshAhead: WriteStrategy = {
  id: 'refresh-ahead',
  label: 'Refresh-ahead',
  description:
    'Cache-aside, plus a background reload of a hit key whose remaining TTL has fallen under a share of it, so popular keys rarely expire; writes update the DB and invalidate.',
  create(world, { refreshThreshold }) {
    const refreshing = new Set<number>();
    function* refresh(key: number): Process<void> {
      const version = yield* wait(world.dbRead(key));
      yield* wait(world.cacheSet(key, version));
      refreshing.delete(key);
    }
    function* read(key: number): Process<ReadOutcome> {
      const outcome = yield* lazyRead(world, key);
      const entry = world.peek(key);
      if (outcome.hit && entry && !refreshing.has(key) && entry.expiresAt - world.loop.now < refreshThreshold * world.ttl) {
        refreshing.add(key);
        world.loop.spawn(refresh(key));
      }
      return outcome;
    }
    return { read, write: (key) => writeThenInvalidate(world, key) };
  },
};
