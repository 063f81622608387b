import { Access, type PolicyDefinition } from './policy';
import { SizeLedger } from './sizeLedger';

/**
 * In-cache LFU in O(1) (Shah, Mitra and Matani's frequency buckets): keys with the same count share
 * a circular list ordered by when they reached that count, so the back of the lowest bucket is the
 * least frequently used key and, among equals, the least recently used. A count starts at 1 on a
 * fill and is forgotten on eviction.
 */
export const lfu: PolicyDefinition = {
  id: 'lfu',
  label: 'LFU',
  description: 'Least frequently used: evicts the key with the fewest requests; among equals, the least recently used.',
  create({ capacity, keySpace, onEvict }) {
    const count = new Float64Array(keySpace); // 0 = not resident
    const prev = new Int32Array(keySpace);
    const next = new Int32Array(keySpace);
    const bucketHead = new Map<number, number>(); // count -> most recent key with that count
    const ledger = new SizeLedger(capacity, keySpace);
    let minCount = 0;
    let size = 0;

    const unlink = (key: number): void => {
      const c = count[key]!;
      if (next[key] === key) {
        bucketHead.delete(c);
        return;
      }
      prev[next[key]!] = prev[key]!;
      next[prev[key]!] = next[key]!;
      if (bucketHead.get(c) === key) bucketHead.set(c, next[key]!);
    };
    const linkFront = (key: number, c: number): void => {
      count[key] = c;
      const head = bucketHead.get(c);
      if (head === undefined) {
        prev[key] = key;
        next[key] = key;
      } else {
        const tail = prev[head]!;
        next[key] = head;
        prev[key] = tail;
        next[tail] = key;
        prev[head] = key;
      }
      bucketHead.set(c, key);
    };
    const lowestCount = (): number => {
      if (minCount !== 0 && bucketHead.has(minCount)) return minCount;
      let lowest = Infinity;
      for (const c of bucketHead.keys()) if (c < lowest) lowest = c;
      return lowest;
    };

    const drop = (key: number): void => {
      unlink(key);
      count[key] = 0;
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
        const c = count[key]!;
        if (c > 0) {
          unlink(key);
          linkFront(key, c + 1);
          if (minCount === c && !bucketHead.has(c)) minCount = c + 1;
          return Access.Hit;
        }
        const objectSize = request.size;
        if (ledger.tooLarge(objectSize)) return Access.Bypassed;
        while (ledger.full(objectSize)) {
          const victim = prev[bucketHead.get(lowestCount())!]!;
          drop(victim);
          onEvict(victim);
        }
        linkFront(key, 1);
        minCount = 1;
        ledger.add(key, objectSize);
        size++;
        return Access.Stored;
      },
      contains: (key) => count[key]! > 0,
      remove(key) {
        const c = count[key]!;
        if (c === 0) return false;
        drop(key);
        if (minCount === c && !bucketHead.has(c)) minCount = 0; // unknown: found again at the next eviction
        return true;
      },
    };
  },
};
