import { wait, type Process } from '../des/eventLoop';
import { lazyRead } from './paths';
import type { WriteStrategy } from './strategy';

export const writeThrough: WriteStrategy = {
  id: 'write-through',
  label: 'Write-through',
  description: 'A write updates the DB and then sets the new value in the cache before it is acknowledged: the cache is warm after every write.',
  create(world) {
    function* write(key: number): Process<number> {
      const version = world.newVersion(key);
      yield* wait(world.dbWrite(key, version));
      yield* wait(world.cacheSet(key, version));
      world.acknowledge(key, version);
      return version;
    }
    return { read: (key) => lazyRead(world, key), write };
  },
};
