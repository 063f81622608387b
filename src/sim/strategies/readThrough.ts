import { wait, type Awaitable, type Process } from '../des/eventLoop';
import { writeThenInvalidate } from './paths';
import type { ReadOutcome, WriteStrategy } from './strategy';

export const readThrough: WriteStrategy = {
  id: 'read-through',
  label: 'Read-through',
  description:
    'The cache loads misses itself, one DB read per key however many readers miss it at once (a loading cache); writes update the DB and invalidate.',
  create(world) {
    const loading = new Map<number, ((version: number) => void)[]>();
    /** The cache's own load: the first miss queries the DB, later misses wait for its answer. */
    const load = (key: number): Awaitable<number> => (resume) => {
      const waiters = loading.get(key);
      if (waiters) {
        waiters.push(resume);
        return;
      }
      loading.set(key, [resume]);
      world.dbRead(key)((version) => {
        world.cacheSet(key, version)(() => {
          const done = loading.get(key)!;
          loading.delete(key);
          for (const waiter of done) waiter(version);
        });
      });
    };
    function* read(key: number): Process<ReadOutcome> {
      const cached = yield* wait(world.cacheGet(key));
      if (cached) return { version: cached.version, hit: true };
      return { version: yield* wait(load(key)), hit: false };
    }
    return { read, write: (key) => writeThenInvalidate(world, key) };
  },
};
