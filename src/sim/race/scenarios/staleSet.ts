import type { RaceScenario } from '../scenario';
import { cacheAsideRead, deleteKey, seededWorld, updateRow, windowParameter } from '../steps';
import { MAIN_CACHE, RaceWorld } from '../world';

export const staleSet: RaceScenario = {
  id: 'stale-set',
  title: 'The stale-set race: a slow reader fills the cache after the invalidation',
  summary:
    "A misses and reads the old row; B updates the row and deletes the key; A then sets the old value. B's delete came too early to help, and the cache serves the old value until something deletes it again.",
  parameters: [windowParameter],
  build: ({ window }) => ({
    world: seededWorld(new RaceWorld(), 'v1'),
    stores: [MAIN_CACHE, 'DB'],
    actors: [
      { name: 'Client A', steps: cacheAsideRead('A', { select: { typical: 10 }, set: { max: window, typical: window } }) },
      { name: 'Client B', steps: [updateRow('B.update', 'v2', { typical: 20 }), deleteKey('B.delete', { typical: 10 })] },
    ],
  }),
};
