import type { RaceScenario } from '../scenario';
import { cacheAsideRead, KEY, seededWorld } from '../steps';
import { MAIN_CACHE, RaceWorld } from '../world';

const QUEUE = 'Write queue';

export const writeBehindCrash: RaceScenario = {
  id: 'write-behind-crash',
  title: 'Write-behind: the cache acknowledges, a crash loses the queue',
  summary:
    'The writer sets the cache and queues the DB write, and is acknowledged at once; the flusher writes queued rows to the DB every interval. If the cache node crashes first, the write is gone.',
  parameters: [
    { name: 'flush', description: 'how long after the write the flusher writes it to the DB', default: 1000, min: 0, max: 600_000, unit: 'ms' },
    { name: 'crash', description: 'when the cache node crashes, losing its memory and queue', default: 500, min: 0, max: 600_000, unit: 'ms' },
  ],
  build: ({ flush, crash }) => {
    const world = seededWorld(new RaceWorld(), 'v1', 'v1');
    return {
      world,
      stores: [MAIN_CACHE, QUEUE, 'DB'],
      actors: [
        {
          name: 'Client A',
          steps: [
            {
              id: 'A.write',
              label: `SET ${KEY} = 'v2', queue the DB write`,
              run(w) {
                w.set(KEY, 'v2');
                w.queue(QUEUE).push(`${KEY}=v2`);
                w.acknowledged.set(KEY, 'v2');
                return `SET ${KEY} = 'v2'; queued for the DB; acknowledged`;
              },
            },
          ],
        },
        {
          name: 'Flusher',
          steps: [
            {
              id: 'flusher.flush',
              label: 'flush the queue to the DB',
              timing: { after: 'A.write', min: flush, max: flush, typical: flush },
              run(w) {
                const items = w.queue(QUEUE).splice(0);
                for (const item of items) {
                  const [key, value] = item.split('=') as [string, string];
                  w.write(key, value);
                }
                return items.length === 0 ? 'queue empty: nothing to write' : `wrote ${items.join(', ')} to the DB`;
              },
            },
          ],
        },
        {
          name: 'Cache node',
          steps: [
            {
              id: 'node.crash',
              label: 'crash and restart empty',
              timing: { min: crash, max: crash, typical: crash },
              run(w) {
                const lost = w.queue(QUEUE).splice(0);
                w.cacheStore().clear();
                w.touched.add(MAIN_CACHE);
                return lost.length === 0 ? 'crashed; the queue was already flushed' : `crashed: lost ${lost.join(', ')} from the queue`;
              },
            },
          ],
        },
        { name: 'Client B', steps: cacheAsideRead('B', { start: { min: Math.max(flush, crash) + 100, typical: Math.max(flush, crash) + 100 } }) },
      ],
    };
  },
};
