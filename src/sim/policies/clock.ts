import { LazyKeyQueue } from './lazyKeyQueue';
import { Access, type PolicyDefinition } from './policy';
import { SizeLedger } from './sizeLedger';

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
    // Oldest first: a key given its second chance is queued again at the back. The queue says
    // which keys are resident; a byte per key is the reference bit.
    const queue = new LazyKeyQueue(keySpace, Math.min(capacity, keySpace));
    const referenced = new Uint8Array(keySpace);
    const ledger = new SizeLedger(capacity, keySpace);
    /** A miss: kept apart from the hit path, which the replay loop then inlines. */
    const store = (key: number, size: number): Access => {
      if (ledger.tooLarge(size)) return Access.Bypassed;
      while (ledger.full(size)) {
        let victim = queue.shift();
        while (referenced[victim] === 1) {
          referenced[victim] = 0;
          queue.push(victim);
          victim = queue.shift();
        }
        ledger.release(victim);
        onEvict(victim);
      }
      queue.push(key);
      referenced[key] = 0;
      ledger.add(key, size);
      return Access.Stored;
    };
    return {
      get size() {
        return queue.length;
      },
      get used() {
        return ledger.used;
      },
      access(request) {
        const key = request.key;
        if (!queue.has(key)) return store(key, request.size);
        referenced[key] = 1;
        return Access.Hit;
      },
      accessKeys(keys, count) {
        let hits = 0;
        for (let i = 0; i < count; i++) {
          const key = keys[i]!;
          if (!queue.has(key)) {
            store(key, 1);
            continue;
          }
          referenced[key] = 1;
          hits++;
        }
        return hits;
      },
      contains: (key) => queue.has(key),
      remove(key) {
        if (!queue.has(key)) return false;
        queue.remove(key);
        ledger.release(key);
        return true;
      },
    };
  },
};
