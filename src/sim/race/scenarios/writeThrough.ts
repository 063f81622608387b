import type { RaceScenario } from '../scenario';
import { cacheAsideRead, seededWorld, setKey, updateRow } from '../steps';
import { MAIN_CACHE, RaceWorld } from '../world';

export const writeThrough: RaceScenario = {
  id: 'write-through',
  title: 'Write-through: the write updates the DB and the cache together',
  summary: 'The writer updates the row, then sets the new value in the cache before acknowledging; the next reader hits the fresh value without touching the DB.',
  parameters: [],
  build: () => ({
    world: seededWorld(new RaceWorld(), 'v1', 'v1'),
    stores: [MAIN_CACHE, 'DB'],
    actors: [
      { name: 'Client A', steps: [updateRow('A.update', 'v2'), setKey('A.set', 'v2', { typical: 5 })] },
      { name: 'Client B', steps: cacheAsideRead('B', { start: { after: 'A.set', typical: 10 } }) },
    ],
  }),
};
