import type { RaceScenario, RaceStep } from '../scenario';
import { KEY, seededWorld, step } from '../steps';
import { MAIN_CACHE, RaceWorld } from '../world';

const L1_ONE = 'L1 (server 1)';
const L1_TWO = 'L1 (server 2)';
const CHANNEL = 'Pub/Sub';

/** A read through a server's in-process L1, then Redis, then the DB, filling what missed. */
function layeredRead(id: string, l1: string, timing: RaceStep['timing']): RaceStep {
  return step(id, `read ${KEY} (L1, then Redis, then DB)`, timing, (w) => {
    const local = w.get(KEY, l1);
    if (local !== undefined) return `L1 hit → '${local}'`;
    const shared = w.get(KEY);
    if (shared !== undefined) {
      w.set(KEY, shared, { cache: l1 });
      return `L1 miss, Redis hit → '${shared}'; filled L1`;
    }
    const row = w.read(KEY)!;
    w.set(KEY, row);
    w.set(KEY, row, { cache: l1 });
    return `L1 and Redis miss; DB → '${row}'; filled Redis and L1`;
  });
}

export const l1PubSub: RaceScenario = {
  id: 'l1-pubsub',
  title: 'An in-process L1 in front of Redis, invalidated by pub/sub',
  summary:
    "Server 1 updates the row, deletes the key from Redis and its own L1, and publishes an invalidation. Until the message reaches server 2, server 2's L1 serves the old value: the window is the pub/sub delay.",
  parameters: [
    { name: 'delay', description: 'how long the invalidation message takes to reach server 2', default: 30, min: 0, max: 600_000, unit: 'ms' },
  ],
  build: ({ delay }) => {
    const world = seededWorld(new RaceWorld(), 'v1', 'v1');
    world.set(KEY, 'v1', { cache: L1_ONE });
    world.set(KEY, 'v1', { cache: L1_TWO });
    world.touched.clear();
    return {
      world,
      stores: [L1_ONE, L1_TWO, MAIN_CACHE, CHANNEL, 'DB'],
      actors: [
        {
          name: 'Server 1',
          steps: [
            step('s1.update', `UPDATE ${KEY} = 'v2'`, undefined, (w) => {
              w.write(KEY, 'v2');
              w.acknowledged.set(KEY, 'v2');
              return `UPDATE ${KEY} = 'v2' in the DB`;
            }),
            step('s1.invalidate', `DEL ${KEY} from Redis and L1, PUBLISH`, { typical: 5 }, (w) => {
              w.delete(KEY);
              w.delete(KEY, L1_ONE);
              w.queue(CHANNEL).push(`invalidate ${KEY}`);
              return `DEL ${KEY} from Redis and server 1's L1; PUBLISH invalidate ${KEY}`;
            }),
          ],
        },
        {
          name: 'Server 2',
          steps: [
            layeredRead('s2.read', L1_TWO, { after: 's1.invalidate', min: 0, max: delay, typical: Math.min(delay, 10) }),
            step('s2.receive', `receive the invalidation, DEL from L1`, { after: 's1.invalidate', min: delay, max: delay, typical: delay }, (w) => {
              const message = w.queue(CHANNEL).shift();
              if (message === undefined) return 'no message';
              w.delete(KEY, L1_TWO);
              return `${message}: DEL ${KEY} from server 2's L1`;
            }),
            layeredRead('s2.reread', L1_TWO, { typical: 10 }),
          ],
        },
      ],
    };
  },
};
