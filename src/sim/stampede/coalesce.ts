import { wait, type Awaitable, type Process } from '../des/eventLoop';
import type { StampedeProtection, StampedeRead } from './protection';

export const coalesce: StampedeProtection = {
  id: 'coalesce',
  label: 'Request coalescing (single-flight)',
  description: 'On each app server, the first miss recomputes and later misses wait for its result: one recomputation per server per expiry.',
  create(world) {
    const waiting = new Map<number, (() => void)[]>();
    const join = (server: number): Awaitable<void> => (resume) => waiting.get(server)!.push(() => resume(undefined));
    function* read(server: number): Process<StampedeRead> {
      if (world.fresh(yield* wait(world.get()))) return 'hit';
      if (waiting.has(server)) {
        yield* wait(join(server));
        return 'waited';
      }
      waiting.set(server, []);
      yield* world.recompute();
      const waiters = waiting.get(server)!;
      waiting.delete(server);
      for (const wake of waiters) wake();
      return 'recomputed';
    }
    return { read };
  },
};
