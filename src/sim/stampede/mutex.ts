import { wait, type Process } from '../des/eventLoop';
import type { StampedeProtection, StampedeRead } from './protection';

export const mutex: StampedeProtection = {
  id: 'mutex',
  label: 'Mutex (SET NX EX)',
  description:
    'The first miss takes a lock with SET lock NX EX and recomputes; the others sleep with doubling backoff and read again, recomputing anyway after their last retry. A rebuild that outlives the lock lets a second one start.',
  create(world, { lockTtl, retries, backoff }) {
    function* read(_server: number, client: number): Process<StampedeRead> {
      for (let attempt = 0; ; attempt++) {
        if (world.fresh(yield* wait(world.get()))) return attempt === 0 ? 'hit' : 'waited';
        if (yield* wait(world.tryLock('lock', client, lockTtl))) {
          yield* world.recompute();
          yield* wait(world.unlock('lock', client));
          return 'recomputed';
        }
        if (attempt >= retries) {
          yield* world.recompute();
          return 'recomputed';
        }
        yield* wait(world.loop.delay(backoff * 2 ** attempt));
      }
    }
    return { read };
  },
};
