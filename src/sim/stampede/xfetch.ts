import { wait } from '../des/eventLoop';
import type { StampedeProtection } from './protection';

export const xfetch: StampedeProtection = {
  id: 'xfetch',
  label: 'XFetch (probabilistic early expiration)',
  description:
    'Each reader recomputes early when now - delta × beta × ln(rand()) >= expiry (Vattani, Chierichetti and Lowenstein, VLDB 2015): one reader usually refreshes shortly before the TTL runs out.',
  create: (world, { beta }) => ({
    *read() {
      const entry = yield* wait(world.get());
      if (!entry || !world.fresh(entry)) {
        yield* world.recompute();
        return 'recomputed';
      }
      // 1 - next() is in (0, 1], so the logarithm is finite.
      if (world.loop.now - entry.delta * beta * Math.log(1 - world.rng.next()) >= entry.expiresAt) {
        yield* world.recompute(true);
        return 'recomputed';
      }
      return 'hit';
    },
  }),
};
