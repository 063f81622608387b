import type { RaceScenario } from '../scenario';
import { seededWorld, setKey, updateRow } from '../steps';
import { MAIN_CACHE, RaceWorld } from '../world';

export const updateInsteadOfDelete: RaceScenario = {
  id: 'update-instead-of-delete',
  title: 'Update instead of delete: two writers, the older value wins',
  summary:
    "Each writer updates the row, then sets its own value in the cache. A writes first but sets last, so the cache keeps A's value while the DB has B's, with no TTL to end it.",
  parameters: [],
  build: () => ({
    world: seededWorld(new RaceWorld(), 'v1', 'v1'),
    stores: [MAIN_CACHE, 'DB'],
    actors: [
      { name: 'Client A', steps: [updateRow('A.update', 'v2'), setKey('A.set', 'v2', { typical: 30 })] },
      { name: 'Client B', steps: [updateRow('B.update', 'v3', { typical: 10 }), setKey('B.set', 'v3', { typical: 10 })] },
    ],
  }),
};
