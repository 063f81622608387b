import { Access, type PolicyDefinition } from './policy';
import { SizeLedger } from './sizeLedger';

/** No bucket: the key is not resident, or a bucket has no neighbour on that side. */
const NONE = -1;

/**
 * In-cache LFU in O(1) (Shah, Mitra and Matani's frequency buckets): keys with the same count share
 * a list ordered by when they reached that count, and the buckets form a list in increasing count,
 * so the back of the first bucket is the least frequently used key and, among equals, the least
 * recently used. A count starts at 1 on a fill and is forgotten on eviction. Buckets live in typed
 * arrays indexed from a free list: there are never more buckets than resident keys, whatever the
 * counts reach, and no lookup by count is needed.
 */
export const lfu: PolicyDefinition = {
  id: 'lfu',
  label: 'LFU',
  description: 'Least frequently used: evicts the key with the fewest requests; among equals, the least recently used.',
  create({ capacity, keySpace, onEvict }) {
    const bucketOf = new Int32Array(keySpace).fill(NONE);
    // Each bucket's keys form a circular list through prev/next; its head is the newest.
    const prev = new Int32Array(keySpace);
    const next = new Int32Array(keySpace);
    const count = new Float64Array(keySpace);
    const head = new Int32Array(keySpace);
    const lower = new Int32Array(keySpace);
    const higher = new Int32Array(keySpace);
    const free: number[] = [];
    let nextBucket = 0;
    let first = NONE;
    const ledger = new SizeLedger(capacity, keySpace);
    let size = 0;

    /** A new bucket for `c` between `below` and `above` (either may be NONE). */
    const openBucket = (c: number, below: number, above: number): number => {
      const bucket = free.pop() ?? nextBucket++;
      count[bucket] = c;
      head[bucket] = NONE;
      lower[bucket] = below;
      higher[bucket] = above;
      if (below === NONE) first = bucket;
      else higher[below] = bucket;
      if (above !== NONE) lower[above] = bucket;
      return bucket;
    };
    /** Takes `key` out of its bucket, closing the bucket if it empties; returns whether it did. */
    const leave = (key: number, bucket: number): boolean => {
      if (next[key] === key) {
        const below = lower[bucket]!;
        const above = higher[bucket]!;
        if (below === NONE) first = above;
        else higher[below] = above;
        if (above !== NONE) lower[above] = below;
        free.push(bucket);
        return true;
      }
      prev[next[key]!] = prev[key]!;
      next[prev[key]!] = next[key]!;
      if (head[bucket] === key) head[bucket] = next[key]!;
      return false;
    };
    /** Puts `key` in `bucket` as its newest key. */
    const join = (key: number, bucket: number): void => {
      const newest = head[bucket]!;
      if (newest === NONE) {
        prev[key] = key;
        next[key] = key;
      } else {
        const oldest = prev[newest]!;
        next[key] = newest;
        prev[key] = oldest;
        next[oldest] = key;
        prev[newest] = key;
      }
      head[bucket] = key;
      bucketOf[key] = bucket;
    };
    const drop = (key: number): void => {
      leave(key, bucketOf[key]!);
      bucketOf[key] = NONE;
      ledger.release(key);
      size--;
    };

    return {
      get size() {
        return size;
      },
      get used() {
        return ledger.used;
      },
      access(request) {
        const key = request.key;
        const bucket = bucketOf[key]!;
        if (bucket !== NONE) {
          const c = count[bucket]! + 1;
          const above = higher[bucket]!;
          const below = lower[bucket]!;
          const closed = leave(key, bucket);
          const target = above !== NONE && count[above] === c ? above : openBucket(c, closed ? below : bucket, above);
          join(key, target);
          return Access.Hit;
        }
        const objectSize = request.size;
        if (ledger.tooLarge(objectSize)) return Access.Bypassed;
        while (ledger.full(objectSize)) {
          const victim = prev[head[first]!]!;
          drop(victim);
          onEvict(victim);
        }
        join(key, first !== NONE && count[first] === 1 ? first : openBucket(1, NONE, first));
        ledger.add(key, objectSize);
        size++;
        return Access.Stored;
      },
      contains: (key) => bucketOf[key] !== NONE,
      remove(key) {
        if (bucketOf[key] === NONE) return false;
        drop(key);
        return true;
      },
    };
  },
};
