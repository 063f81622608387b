import { wait, type Process } from '../des/eventLoop';
import { lazyRead } from './paths';
import type { WriteStrategy } from './strategy';

export const writeAround: WriteStrategy = {
  id: 'write-around',
  label: 'Write-around',
  description: 'A write goes to the DB only and leaves the cache alone: a cached copy stays until its TTL runs out, and the next miss loads the new value.',
  create(world) {
    function* write(key: number): Process<number> {
      const version = world.newVersion(key);
      yield* wait(world.dbWrite(key, version));
      world.acknowledge(key, version);
      return version;
    }
    return { read: (key) => lazyRead(world, key), write };
  },
};
