import type { Rng } from '../rng';
import { none } from './none';
import type { StampedeProtection } from './protection';

/** A TTL drawn uniformly from ttl × (1 - jitter) to ttl × (1 + jitter). */
export function jitteredTtl(ttl: number, jitter: number, rng: Rng): number {
  return ttl * (1 + jitter * (2 * rng.next() - 1));
}

/**
 * For `keys` keys written at once with TTLs jittered by `jitter`, how many expire in each second:
 * the load a bulk load or a deploy sends to the DB when they expire, about keys / (2 × jitter × ttl)
 * a second instead of all at once.
 */
export function expirationsPerSecond(keys: number, ttl: number, jitter: number, rng: Rng): number[] {
  const seconds = Math.ceil(ttl * (1 + jitter)) + 1;
  const counts = new Array<number>(seconds).fill(0);
  for (let key = 0; key < keys; key++) counts[Math.floor(jitter === 0 ? ttl : jitteredTtl(ttl, jitter, rng))]!++;
  return counts;
}

export const jitter: StampedeProtection = {
  id: 'jitter',
  label: 'TTL jitter',
  description:
    'Each fill gets a TTL spread uniformly by ± the jitter share, so keys written together expire apart; it does nothing for one hot key, whose herd it only moves.',
  jittersTtl: true,
  create: (world, parameters) => none.create(world, parameters),
};
