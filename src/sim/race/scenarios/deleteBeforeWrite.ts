import type { RaceScenario } from '../scenario';
import { cacheAsideRead, deleteKey, seededWorld, updateRow, windowParameter } from '../steps';
import { MAIN_CACHE, RaceWorld } from '../world';

export const deleteBeforeWrite: RaceScenario = {
  id: 'delete-before-write',
  title: 'Delete before the write: a reader refills the key before the DB changes',
  summary:
    "B deletes the key, then updates the row. A misses in between, reads the old row and sets it: the delete came before the change it was meant to publish, so the cache keeps the old value. Deleting inside an uncommitted transaction does the same.",
  parameters: [windowParameter],
  build: ({ window }) => ({
    world: seededWorld(new RaceWorld(), 'v1', 'v1'),
    stores: [MAIN_CACHE, 'DB'],
    actors: [
      { name: 'Client A', steps: cacheAsideRead('A', { start: { after: 'B.delete', typical: 5 }, select: { typical: 5 }, set: { max: window, typical: window } }) },
      { name: 'Client B', steps: [deleteKey('B.delete', { typical: 10 }), updateRow('B.update', 'v2', { typical: 10 })] },
    ],
  }),
};
