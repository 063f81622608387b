import { wait, type Process } from '../des/eventLoop';
import { lazyRead } from './paths';
import type { WriteStrategy } from './strategy';

export const writeBehind: WriteStrategy = {
  id: 'write-behind',
  label: 'Write-behind',
  description:
    'A write sets the cache and queues the DB write, and is acknowledged at once; a flusher writes the queue to the DB in batches. A cache crash loses the queue.',
  create(world, { flushInterval, batchSize }) {
    let queue: [number, number][] = [];
    let flushing = false;
    const flush = (): void => {
      if (queue.length === 0) {
        flushing = false;
        return;
      }
      const batch = queue.splice(0, batchSize);
      world.dbWriteMany(batch)(() => world.loop.after(queue.length > 0 ? 0 : flushInterval, flush));
    };
    function* write(key: number): Process<number> {
      const version = world.newVersion(key);
      yield* wait(world.cacheSet(key, version));
      queue.push([key, version]);
      if (!flushing) {
        flushing = true;
        world.loop.after(flushInterval, flush);
      }
      world.acknowledge(key, version);
      return version;
    }
    return {
      read: (key) => lazyRead(world, key),
      write,
      crash() {
        const lost = queue.length;
        queue = [];
        return lost;
      },
      get backlog() {
        return queue.length;
      },
    };
  },
};
