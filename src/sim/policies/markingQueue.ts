import { LazyKeyQueue } from './lazyKeyQueue';
import { Access, type EvictionPolicy, type PolicyContext } from './policy';
import { SizeLedger } from './sizeLedger';

/**
 * Picks a victim and takes it out of the queue, which is not empty, clearing the marks it passes
 * over. The queue holds the resident keys oldest first; `marks` holds a byte per key.
 */
export type EvictOne = (queue: LazyKeyQueue, marks: Uint8Array) => number;

/**
 * A cache kept as one queue, filled at the back, in which a hit only marks the key and never moves
 * it: CLOCK and SIEVE, which differ in how an eviction reads the marks. Closures rather than a class:
 * the hit path then reads the queue and the marks as constants, which replays CLOCK and SIEVE about
 * a tenth faster than the same code as methods.
 */
export function markingQueue({ capacity, keySpace, onEvict }: PolicyContext, evictOne: EvictOne): EvictionPolicy {
  // The queue says which keys are resident.
  const queue = new LazyKeyQueue(keySpace, Math.min(capacity, keySpace));
  const marks = new Uint8Array(keySpace);
  const ledger = new SizeLedger(capacity, keySpace);
  /** A miss: kept apart from the hit path, which the replay loop then inlines. */
  const store = (key: number, size: number): Access => {
    if (ledger.tooLarge(size)) return Access.Bypassed;
    while (ledger.full(size)) {
      const victim = evictOne(queue, marks);
      ledger.release(victim);
      onEvict(victim);
    }
    queue.push(key);
    marks[key] = 0;
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
      marks[key] = 1;
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
        marks[key] = 1;
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
}
