import { LazyKeyQueue } from './lazyKeyQueue';
import { Access, type PolicyDefinition } from './policy';
import { SizeLedger } from './sizeLedger';

const ABSENT = 0;
const RESIDENT = 1;
const REFERENCED = 2;

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
    // One byte per key for both facts a hit reads and writes: ABSENT, RESIDENT, or REFERENCED.
    const state = new Uint8Array(keySpace);
    // Oldest first: a key given its second chance is queued again at the back.
    const queue = new LazyKeyQueue(keySpace, Math.min(capacity, keySpace));
    const ledger = new SizeLedger(capacity, keySpace);
    const drop = (key: number): void => {
      queue.remove(key);
      state[key] = ABSENT;
      ledger.release(key);
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
        if (state[key] !== ABSENT) {
          state[key] = REFERENCED;
          return Access.Hit;
        }
        const size = request.size;
        if (ledger.tooLarge(size)) return Access.Bypassed;
        while (ledger.full(size)) {
          let victim = queue.shift();
          while (state[victim] === REFERENCED) {
            state[victim] = RESIDENT;
            queue.push(victim);
            victim = queue.shift();
          }
          state[victim] = ABSENT;
          ledger.release(victim);
          onEvict(victim);
        }
        queue.push(key);
        state[key] = RESIDENT;
        ledger.add(key, size);
        return Access.Stored;
      },
      contains: (key) => state[key] !== ABSENT,
      remove(key) {
        if (state[key] === ABSENT) return false;
        drop(key);
        return true;
      },
    };
  },
};
