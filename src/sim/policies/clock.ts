import { mark, queuePolicy, type EvictOne } from './queuePolicy';
import type { PolicyDefinition } from './policy';

/**
 * CLOCK (second chance, FIFO-reinsertion) with a one-bit reference counter, as libCacheSim's Clock
 * with its default `n-bit-counter=1`: a hit sets the bit; at eviction a key at the back with its bit
 * set loses the bit and goes back to the front, and the first key without one is evicted.
 * In the queue, oldest first, a key given its second chance is queued again at the back.
 */
const secondChance: EvictOne = (queue, referenced) => {
  let victim = queue.shift();
  while (referenced[victim] === 1) {
    referenced[victim] = 0;
    queue.push(victim);
    victim = queue.shift();
  }
  return victim;
};

export const clock: PolicyDefinition = {
  id: 'clock',
  label: 'CLOCK',
  description: 'Second chance: a FIFO that re-queues a key once if it was hit since it was last passed over.',
  create: (context) => queuePolicy(context, mark, secondChance),
};
