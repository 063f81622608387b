import type { RaceScenario } from '../scenario';
import { cacheAsideRead, deleteKey, KEY, seededWorld, updateRow } from '../steps';
import { MAIN_CACHE, RaceWorld } from '../world';

export const cacheAside: RaceScenario = {
  id: 'cache-aside',
  title: 'Cache-aside: read, write, read again',
  summary: 'A reader misses and fills the cache from the DB; a writer updates the row and deletes the key; the next read misses and fills the new value.',
  parameters: [],
  build: () => ({
    world: seededWorld(new RaceWorld(), 'v1'),
    stores: [MAIN_CACHE, 'DB'],
    actors: [
      {
        name: 'Client A',
        steps: [
          ...cacheAsideRead('A', { select: { typical: 5 }, set: { typical: 5 } }),
          ...cacheAsideRead('A', { start: { after: 'B.delete', typical: 10 }, select: { typical: 5 }, set: { typical: 5 } }, '2'),
        ],
      },
      {
        name: 'Client B',
        steps: [updateRow('B.update', 'v2', { after: 'A.set', typical: 10 }), deleteKey('B.delete', { typical: 5 }, `DEL ${KEY} (invalidate)`)],
      },
    ],
  }),
};
