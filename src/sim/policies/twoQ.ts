import { KeyLists } from './keyLists';
import { Access, type PolicyDefinition } from './policy';

const A_IN = 0;
const A_M = 1;
const A_OUT = 2;

/** libCacheSim's TwoQ.c defaults: Ain-size-ratio=0.25, Aout-size-ratio=0.5. */
const A_IN_RATIO = 0.25;
const A_OUT_RATIO = 0.5;

/**
 * 2Q (Johnson and Shasha, VLDB 1994) as libCacheSim's TwoQ.c runs it: new keys enter the FIFO Ain
 * (a quarter of the capacity), where hits do not move them; leaving Ain, a key is remembered in the
 * ghost FIFO Aout (half the capacity's worth of keys), and a key requested again while in Aout goes
 * to Am, an LRU over the rest of the capacity. Eviction takes Ain's oldest while Ain is over its
 * share, else Am's least recently used; Am also evicts within its own share when a key joins it.
 * Objects larger than Ain are not stored. Ain holds at least one unit, so tiny caches work.
 */
export const twoQ: PolicyDefinition = {
  id: '2q',
  label: '2Q',
  description: 'A FIFO for first-time keys (25%), a ghost of what it evicted (50%), and an LRU for keys seen again; libCacheSim defaults.',
  create({ capacity, keySpace, onEvict }) {
    const inCapacity = Math.max(1, Math.floor(capacity * A_IN_RATIO));
    const outCapacity = Math.floor(capacity * A_OUT_RATIO);
    const mainCapacity = capacity - inCapacity;
    const lists = new KeyLists(keySpace, 3);
    const { where, bytes } = lists;

    const evictFromIn = (): void => {
      const key = lists.popBack(A_IN);
      const size = lists.sizeOf(key);
      if (size <= outCapacity) {
        while (bytes[A_OUT]! + size > outCapacity) lists.popBack(A_OUT);
        lists.pushFront(A_OUT, key, size);
      }
      onEvict(key);
    };
    const evictFromMain = (): void => {
      onEvict(lists.popBack(A_M));
    };

    return {
      get size() {
        return lists.lengths[A_IN]! + lists.lengths[A_M]!;
      },
      get used() {
        return bytes[A_IN]! + bytes[A_M]!;
      },
      access(request) {
        const key = request.key;
        const at = where[key]!;
        if (at === A_IN) return Access.Hit;
        if (at === A_M) {
          lists.moveToFront(A_M, key);
          return Access.Hit;
        }
        const ghostHit = at === A_OUT;
        if (ghostHit) lists.remove(key);
        const size = request.size;
        if (size > inCapacity) return Access.Bypassed;
        while (bytes[A_IN]! + bytes[A_M]! + size > capacity) {
          if (bytes[A_IN]! > inCapacity || lists.lengths[A_M] === 0) evictFromIn();
          else evictFromMain();
        }
        if (!ghostHit) {
          lists.pushFront(A_IN, key, size);
          return Access.Stored;
        }
        if (size > mainCapacity) return Access.Bypassed;
        while (bytes[A_M]! + size > mainCapacity) evictFromMain();
        lists.pushFront(A_M, key, size);
        return Access.Stored;
      },
      contains: (key) => where[key] === A_IN || where[key] === A_M,
      remove(key) {
        const at = lists.remove(key);
        return at === A_IN || at === A_M;
      },
    };
  },
};
