import { KeyLists, NOWHERE } from './keyLists';
import { Access, type PolicyDefinition } from './policy';

const T1 = 0;
const T2 = 1;
const B1 = 2;
const B2 = 3;

/**
 * ARC (Megiddo and Modha, FAST 2003), as libCacheSim's ARC.c runs it, sizes in capacity units:
 * T1 holds keys seen once recently and T2 keys seen again, B1 and B2 remember what each evicted, and
 * the target p for T1 moves toward whichever ghost list is hit. A hit moves a key to T2's front; a
 * ghost hit adapts p (by max(|B2|/|B1|, 1), or the reverse) and refills into T2. Evictions happen
 * only when the new object does not fit: after a ghost hit, REPLACE takes T1's tail when
 * |T1| > p (or |T1| = p and the ghost hit was in B2) or T2 is empty, else T2's tail; after a miss
 * everywhere, when |T1| + |B1| would exceed the capacity the oldest B1 entry goes (or, with B1 empty,
 * T1's tail without leaving a ghost) before REPLACE, and when all four lists reach twice the
 * capacity the oldest B2 entry goes first.
 */
export const arc: PolicyDefinition = {
  id: 'arc',
  label: 'ARC',
  description: 'Adaptive Replacement Cache: balances recency (T1) and frequency (T2) with ghost lists that steer the split; no parameters.',
  create({ capacity, keySpace, onEvict }) {
    const lists = new KeyLists(keySpace, 4);
    const { where, bytes } = lists;
    let p = 0;

    /** Moves a resident key to its ghost list (or drops it when `ghost` is false): an eviction. */
    const evictData = (from: number, ghost: boolean): void => {
      onEvict(ghost ? lists.moveBackToFront(from, from === T1 ? B1 : B2) : lists.popBack(from));
    };
    const replace = (ghostHitInB2: boolean): void => {
      const t1 = bytes[T1]!;
      if ((t1 > 0 && (t1 > p || (t1 === p && ghostHitInB2))) || bytes[T2] === 0) evictData(T1, true);
      else evictData(T2, true);
    };
    const evictAfterFullMiss = (size: number): void => {
      if (bytes[T1]! + bytes[B1]! + size > capacity) {
        if (bytes[B1]! > 0) {
          lists.popBack(B1);
          replace(false);
        } else {
          evictData(T1, false);
        }
        return;
      }
      if (bytes[T1]! + bytes[B1]! + bytes[T2]! + bytes[B2]! >= capacity * 2 && bytes[B2]! > 0) {
        lists.popBack(B2);
      }
      replace(false);
    };

    /** A miss, in a ghost list (`at`) or nowhere: kept apart from the hit path, which the replay loop then inlines. */
    const miss = (key: number, at: number, size: number): Access => {
      if (at === B1) p = Math.min(p + Math.max(bytes[B2]! / bytes[B1]!, 1), capacity);
      else if (at === B2) p = Math.max(p - Math.max(bytes[B1]! / bytes[B2]!, 1), 0);
      lists.remove(key);
      if (size > capacity) return Access.Bypassed;
      while (bytes[T1]! + bytes[T2]! + size > capacity) {
        if (at !== NOWHERE) replace(at === B2);
        else evictAfterFullMiss(size);
      }
      lists.pushFront(at === NOWHERE ? T1 : T2, key, size);
      return Access.Stored;
    };

    return {
      get size() {
        return lists.lengths[T1]! + lists.lengths[T2]!;
      },
      get used() {
        return bytes[T1]! + bytes[T2]!;
      },
      access(request) {
        const key = request.key;
        const at = where[key]!;
        // T1 and T2 are the lowest list numbers: one comparison tells a hit.
        if (at > T2) return miss(key, at, request.size);
        lists.moveToFront(T2, key);
        return Access.Hit;
      },
      accessKeys(keys, count) {
        let hits = 0;
        for (let i = 0; i < count; i++) {
          const key = keys[i]!;
          const at = where[key]!;
          if (at > T2) {
            miss(key, at, 1);
            continue;
          }
          lists.moveToFront(T2, key);
          hits++;
        }
        return hits;
      },
      contains: (key) => where[key] === T1 || where[key] === T2,
      remove(key) {
        // A removed key leaves no ghost behind either, as libCacheSim's ARC_remove.
        const at = lists.remove(key);
        return at === T1 || at === T2;
      },
    };
  },
};
