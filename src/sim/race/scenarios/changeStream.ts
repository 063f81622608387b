import type { RaceScenario, RaceStep } from '../scenario';
import { cacheAsideRead, KEY, seededWorld, step } from '../steps';
import { MAIN_CACHE, RaceWorld } from '../world';

const STREAM = 'Change stream';

export const changeStream: RaceScenario = {
  id: 'change-stream',
  title: 'Event-driven invalidation through a change stream (CDC)',
  summary:
    'The writer only updates the DB; a consumer reads the change stream and deletes the key. A duplicated event deletes twice, which is harmless; a lost event leaves the old value cached with nothing to remove it.',
  parameters: [
    { name: 'lag', description: 'how long after the write the consumer sees the event', default: 50, min: 0, max: 600_000, unit: 'ms' },
    { name: 'lost', description: '1 drops the change event before the consumer sees it', default: 0, min: 0, max: 1, unit: '' },
    { name: 'duplicated', description: '1 delivers the change event twice', default: 0, min: 0, max: 1, unit: '' },
  ],
  build: ({ lag, lost, duplicated }) => {
    const consume = (id: string, label: string, timing: RaceStep['timing']): RaceStep =>
      step(id, label, timing, (w) => {
        const stream = w.queue(STREAM);
        const event = stream.shift();
        if (event === undefined) return 'no event: nothing to invalidate';
        if (duplicated === 1 && id === 'consumer.consume') stream.unshift(event); // redelivered after this one
        return w.delete(KEY) ? `event ${event}: DEL ${KEY}, removed` : `event ${event}: DEL ${KEY}, nothing cached (a no-op)`;
      });
    return {
      world: seededWorld(new RaceWorld(), 'v1', 'v1'),
      stores: [MAIN_CACHE, STREAM, 'DB'],
      actors: [
        {
          name: 'Client A',
          steps: [
            step('A.update', `UPDATE ${KEY} = 'v2'`, undefined, (w) => {
              w.write(KEY, 'v2');
              w.acknowledged.set(KEY, 'v2');
              if (lost === 1) return `UPDATE ${KEY} = 'v2' in the DB; its change event is lost`;
              w.queue(STREAM).push(`${KEY} changed`);
              return `UPDATE ${KEY} = 'v2' in the DB; the change stream carries it`;
            }),
          ],
        },
        {
          name: 'Consumer',
          steps: [
            consume('consumer.consume', 'take an event, delete its key', { after: 'A.update', min: lag, typical: lag }),
            ...(duplicated === 1 ? [consume('consumer.again', 'take the redelivered event', { typical: 10 })] : []),
          ],
        },
        { name: 'Client B', steps: cacheAsideRead('B', { start: { min: lag + 50, typical: lag + 50 } }) },
      ],
    };
  },
};
