import { lazyRead, writeThenInvalidate } from './paths';
import type { WriteStrategy } from './strategy';

export const cacheAside: WriteStrategy = {
  id: 'cache-aside',
  label: 'Cache-aside',
  description: 'The application reads the cache, loads misses from the DB and sets them; a write updates the DB, then deletes the key.',
  create: (world) => ({
    read: (key) => lazyRead(world, key),
    write: (key) => writeThenInvalidate(world, key),
  }),
};
