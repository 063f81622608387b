import type { RaceScenario } from '../scenario';
import { cacheAsideRead, deleteKey, KEY, seededWorld, updateRow, windowParameter } from '../steps';
import { MAIN_CACHE, RaceWorld } from '../world';

export const doubleDelete: RaceScenario = {
  id: 'double-delete',
  title: 'Delayed double delete: delete, write the DB, wait, delete again',
  summary:
    "The stale-set race with the writer deleting the key a second time after a delay. It removes A's stale fill when the delay is longer than A's read-to-set window, and fails when it is not.",
  parameters: [
    windowParameter,
    { name: 'delay', description: 'how long the writer waits after the DB write before the second delete', default: 100, min: 0, max: 600_000, unit: 'ms' },
  ],
  build: ({ window, delay }) => ({
    world: seededWorld(new RaceWorld(), 'v1'),
    stores: [MAIN_CACHE, 'DB'],
    actors: [
      { name: 'Client A', steps: cacheAsideRead('A', { select: { typical: 10 }, set: { max: window, typical: window } }) },
      {
        name: 'Client B',
        steps: [
          deleteKey('B.delete', { typical: 15 }),
          updateRow('B.update', 'v2', { typical: 5 }),
          deleteKey('B.delete2', { min: delay, max: delay, typical: delay }, `DEL ${KEY} again after ${delay} ms`),
        ],
      },
    ],
  }),
};
