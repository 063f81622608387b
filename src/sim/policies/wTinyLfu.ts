import { FrequencySketch } from './frequencySketch';
import { KeyLists, NOWHERE } from './keyLists';
import { Access, type PolicyDefinition } from './policy';

const WINDOW = 0;
const PROBATION = 1;
const PROTECTED = 2;

/** Caffeine's simulator defaults (WindowTinyLfuPolicy): main = 99% of the capacity, 80% of main protected. */
const MAIN_RATIO = 0.99;
const PROTECTED_RATIO = 0.8;

/**
 * W-TinyLFU (Einziger, Eytan, Friedman and Manes, 2017) as Caffeine's simulator runs it: a key first
 * lives in a small LRU window (1%); the window's oldest then moves to the probation segment of a
 * segmented LRU, and when the cache is over capacity it duels the probation segment's oldest key: the
 * one the frequency sketch has seen more often stays (the incumbent wins ties). A hit in probation
 * promotes a key to the protected segment (80% of the main space), whose oldest fall back to
 * probation. Every request, hit or miss, is counted in the sketch. No doorkeeper.
 */
export const wTinyLfu: PolicyDefinition = {
  id: 'wtinylfu',
  label: 'W-TinyLFU',
  description:
    "A 1% LRU window in front of a segmented LRU; a newcomer enters only if the frequency sketch has seen it more often than the key it would evict; Caffeine's defaults.",
  create({ capacity, keySpace, onEvict }) {
    const mainCapacity = Math.floor(capacity * MAIN_RATIO);
    const windowCapacity = capacity - mainCapacity;
    const protectedCapacity = Math.floor(mainCapacity * PROTECTED_RATIO);
    const lists = new KeyLists(keySpace, 3);
    const { where, bytes } = lists;
    const sketch = new FrequencySketch(Math.min(capacity, keySpace));

    const used = (): number => bytes[WINDOW]! + bytes[PROBATION]! + bytes[PROTECTED]!;
    const oldestInMain = (): number => {
      const victim = lists.back(PROBATION);
      return victim !== -1 ? victim : lists.back(PROTECTED);
    };
    const evict = (key: number): void => {
      lists.remove(key);
      onEvict(key);
    };

    return {
      get size() {
        return lists.lengths[WINDOW]! + lists.lengths[PROBATION]! + lists.lengths[PROTECTED]!;
      },
      get used() {
        return used();
      },
      access(request) {
        const key = request.key;
        sketch.increment(key);
        const at = where[key]!;
        if (at === WINDOW || at === PROTECTED) {
          lists.moveToFront(at, key);
          return Access.Hit;
        }
        if (at === PROBATION) {
          lists.moveToFront(PROTECTED, key);
          while (bytes[PROTECTED]! > protectedCapacity) lists.moveBackToFront(PROTECTED, PROBATION);
          return Access.Hit;
        }
        const size = request.size;
        if (size > capacity) return Access.Bypassed;
        lists.pushFront(WINDOW, key, size);
        let candidate = -1;
        while (bytes[WINDOW]! > windowCapacity) {
          candidate = lists.moveBackToFront(WINDOW, PROBATION);
        }
        while (used() > capacity) {
          const victim = oldestInMain();
          const admit = candidate !== victim && sketch.frequency(candidate) > sketch.frequency(victim);
          const loser = candidate === -1 || admit ? victim : candidate;
          if (loser === candidate) candidate = -1;
          // A newcomer larger than the window is its own candidate; rejected, it was never stored.
          if (loser === key) lists.remove(key);
          else evict(loser);
        }
        return where[key] === NOWHERE ? Access.Bypassed : Access.Stored;
      },
      contains: (key) => where[key] !== NOWHERE,
      remove(key) {
        return lists.remove(key) !== NOWHERE;
      },
    };
  },
};
