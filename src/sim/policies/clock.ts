import { KeyList } from './keyList';
import type { PolicyDefinition } from './policy';

/**
 * CLOCK (second chance, FIFO-reinsertion) with a one-bit reference counter, as libCacheSim's Clock
 * with its default `n-bit-counter=1`: a hit sets the bit; at eviction a key at the back with its bit
 * set loses the bit and goes back to the front, and the first key without one is evicted.
 */
export const clock: PolicyDefinition = {
  id: 'clock',
  label: 'CLOCK',
  description: 'Second chance: a FIFO that re-queues a key once if it was hit since it was last passed over.',
  create({ capacity, keySpace, onEvict }) {
    const resident = new Uint8Array(keySpace);
    const referenced = new Uint8Array(keySpace);
    const queue = new KeyList(keySpace);
    return {
      get size() {
        return queue.length;
      },
      access(key) {
        if (resident[key] === 1) {
          referenced[key] = 1;
          return true;
        }
        if (queue.length >= capacity) {
          let victim = queue.back();
          while (referenced[victim] === 1) {
            referenced[victim] = 0;
            queue.moveToFront(victim);
            victim = queue.back();
          }
          queue.remove(victim);
          resident[victim] = 0;
          onEvict(victim);
        }
        queue.pushFront(key);
        resident[key] = 1;
        referenced[key] = 0;
        return false;
      },
      contains: (key) => resident[key] === 1,
      remove(key) {
        if (resident[key] !== 1) return false;
        queue.remove(key);
        resident[key] = 0;
        return true;
      },
    };
  },
};
