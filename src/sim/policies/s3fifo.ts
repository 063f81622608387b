import { KeyLists } from './keyLists';
import { Access, type PolicyDefinition } from './policy';

const SMALL = 0;
const MAIN = 1;
const GHOST = 2;

/** libCacheSim's S3FIFO.c defaults: small-size-ratio=0.10, ghost-size-ratio=0.90, move-to-main-threshold=2. */
const SMALL_RATIO = 0.1;
const GHOST_RATIO = 0.9;
const MOVE_TO_MAIN_THRESHOLD = 2;

/**
 * S3-FIFO (Yang et al., SOSP 2023) as libCacheSim's S3FIFO.c runs it: new keys enter a small FIFO
 * (10% of the capacity) unless the ghost FIFO (which remembers 90% of the capacity's worth of keys
 * evicted from the small one) has seen them, in which case they go straight to the main FIFO.
 * Hits only raise a counter (at most 3). Leaving the small FIFO, a key hit at least twice moves to
 * main, others are evicted into the ghost; main is a CLOCK whose counter drops by one per pass.
 * Until the first eviction, keys overflowing a full small FIFO go to main. Small evicts first unless
 * main is over its share or small is empty. Objects larger than the small FIFO are not stored. The
 * small FIFO holds at least one unit, so caches under ten objects work (libCacheSim's stores nothing).
 */
export const s3fifo: PolicyDefinition = {
  id: 's3fifo',
  label: 'S3-FIFO',
  description:
    'Small, main and ghost FIFOs: one-hit wonders leave through the small FIFO (10%), keys hit twice move to main, a 2-bit CLOCK; libCacheSim defaults.',
  create({ capacity, keySpace, onEvict }) {
    const smallCapacity = Math.max(1, Math.floor(capacity * SMALL_RATIO));
    const mainCapacity = capacity - smallCapacity;
    const ghostCapacity = Math.floor(capacity * GHOST_RATIO);
    const lists = new KeyLists(keySpace, 3);
    const { where, bytes } = lists;
    const freq = new Uint8Array(keySpace);
    let hasEvicted = false;

    const rememberInGhost = (key: number): void => {
      const size = lists.sizeOf(key);
      lists.remove(key);
      if (size > ghostCapacity) return;
      while (bytes[GHOST]! + size > ghostCapacity) lists.popBack(GHOST);
      lists.pushFront(GHOST, key, size);
    };
    const evictSmall = (): void => {
      for (let key = lists.back(SMALL); key !== -1; key = lists.back(SMALL)) {
        if (freq[key]! >= MOVE_TO_MAIN_THRESHOLD) {
          freq[key] = 0;
          lists.moveToFront(MAIN, key);
        } else {
          rememberInGhost(key);
          onEvict(key);
          return;
        }
      }
    };
    const evictMain = (): void => {
      for (let key = lists.back(MAIN); key !== -1; key = lists.back(MAIN)) {
        if (freq[key]! >= 1) {
          freq[key]!--;
          lists.moveToFront(MAIN, key);
        } else {
          lists.remove(key);
          onEvict(key);
          return;
        }
      }
    };

    return {
      get size() {
        return lists.lengths[SMALL]! + lists.lengths[MAIN]!;
      },
      get used() {
        return bytes[SMALL]! + bytes[MAIN]!;
      },
      access(request) {
        const key = request.key;
        const at = where[key]!;
        if (at === SMALL || at === MAIN) {
          if (freq[key]! < 3) freq[key]!++;
          return Access.Hit;
        }
        const ghostHit = at === GHOST;
        if (ghostHit) lists.remove(key);
        const size = request.size;
        if (size > smallCapacity) return Access.Bypassed;
        while (bytes[SMALL]! + bytes[MAIN]! + size > capacity) {
          hasEvicted = true;
          if (bytes[MAIN]! > mainCapacity || bytes[SMALL] === 0) evictMain();
          else evictSmall();
        }
        const toMain = ghostHit || (!hasEvicted && bytes[SMALL]! >= smallCapacity);
        lists.pushFront(toMain ? MAIN : SMALL, key, size);
        freq[key] = 0;
        return Access.Stored;
      },
      contains: (key) => where[key] === SMALL || where[key] === MAIN,
      remove(key) {
        const at = lists.remove(key);
        return at === SMALL || at === MAIN;
      },
    };
  },
};
