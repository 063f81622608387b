import { LazyKeyQueue } from './lazyKeyQueue';
import { Access, type EvictionPolicy, type PolicyContext } from './policy';
import { SizeLedger } from './sizeLedger';

/**
 * What a hit does to a resident key: LRU moves it to the back, FIFO does nothing, CLOCK and SIEVE
 * set its mark. The queue holds the resident keys oldest first; `marks` holds a byte per key for a
 * policy that marks, and is empty otherwise.
 */
export type OnHit = (queue: LazyKeyQueue, marks: Uint8Array, key: number) => void;

/** Picks a victim and takes it out of the queue, which is not empty, clearing the marks it passes over. */
export type EvictOne = (queue: LazyKeyQueue, marks: Uint8Array) => number;

/** LRU's and FIFO's eviction: the oldest key. */
export const evictFront: EvictOne = (queue) => queue.shift();

/** CLOCK's and SIEVE's hit. */
export const mark: OnHit = (_queue, marks, key) => {
  marks[key] = 1;
};

/**
 * A cache kept as one queue, filled at the back: what a hit does and which key an eviction takes
 * make it LRU, FIFO, CLOCK or SIEVE. Closures rather than a class: the hit path then reads the
 * queue, the marks and both functions as constants, which replays each of the four about a tenth
 * faster than the same code as methods.
 */
export function queuePolicy({ capacity, keySpace, onEvict }: PolicyContext, onHit: OnHit, evictOne: EvictOne): EvictionPolicy {
  // The queue says which keys are resident.
  const queue = new LazyKeyQueue(keySpace, Math.min(capacity, keySpace));
  // Only a policy whose hits mark keys needs the marks, and a newly stored key's mark cleared.
  const marking = onHit === mark;
  const marks = new Uint8Array(marking ? keySpace : 0);
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
    if (marking) marks[key] = 0;
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
      onHit(queue, marks, key);
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
        onHit(queue, marks, key);
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
