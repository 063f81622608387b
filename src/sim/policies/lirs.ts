import { KeyLists, NOWHERE } from './keyLists';
import { Access, type PolicyDefinition } from './policy';

/** libCacheSim's LIRS.c defaults: resident HIR blocks get 1% of the capacity (at least one unit). */
const HIR_RATIO = 0.01;

// The stack S is one list; resident HIR keys (list Q) and non-resident HIR keys still in S (list NH,
// oldest first, so the stack can be trimmed) share a second set of lists, since no key is in both.
const S = 0;
const Q = 0;
const NH = 1;

/**
 * LIRS (Jiang and Zhang, SIGMETRICS 2002). Keys with a short inter-reference recency (LIR) hold 99%
 * of the capacity; the rest is a FIFO Q of resident HIR keys. The recency stack S orders recently
 * seen keys, LIR, resident HIR and non-resident HIR alike, and is pruned so its bottom is always LIR.
 * An HIR key requested while still in S has a shorter reuse distance than the bottom LIR key, so it
 * becomes LIR and that key drops into Q; Q's oldest is the one evicted. As in libCacheSim, S holds at
 * most twice the capacity's worth of keys: beyond that the oldest non-resident entries are dropped.
 */
export const lirs: PolicyDefinition = {
  id: 'lirs',
  label: 'LIRS',
  description: 'Low inter-reference recency set: keys reused soonest stay (99%), the rest pass through a 1% FIFO; libCacheSim defaults.',
  create({ capacity, keySpace, onEvict }) {
    const hirLimit = Math.max(1, Math.floor(capacity * HIR_RATIO));
    const lirLimit = capacity - hirLimit;
    const stack = new KeyLists(keySpace, 1);
    const hir = new KeyLists(keySpace, 2);
    let lirBytes = 0;
    let lirKeys = 0;

    const isLir = (key: number): boolean => stack.where[key] === S && hir.where[key] === NOWHERE;
    const prune = (): void => {
      for (let key = stack.back(S); key !== -1 && !isLir(key); key = stack.back(S)) {
        stack.remove(key);
        if (hir.where[key] === NH) hir.remove(key);
      }
    };
    const evictHir = (): void => {
      const key = hir.back(Q);
      const size = hir.sizeOf(key);
      hir.remove(key);
      if (stack.where[key] === S) hir.pushFront(NH, key, size);
      onEvict(key);
    };
    const makeRoomInQ = (size: number): void => {
      while (hir.bytes[Q]! + size > hirLimit) evictHir();
    };
    /** The bottom LIR key becomes a resident HIR key at Q's newest end (evicted if it cannot fit in Q). */
    const demoteBottomLir = (): void => {
      const key = stack.back(S);
      const size = stack.sizeOf(key);
      stack.remove(key);
      lirBytes -= size;
      lirKeys--;
      if (size <= hirLimit) {
        makeRoomInQ(size);
        hir.pushFront(Q, key, size);
      } else {
        onEvict(key);
      }
      prune();
    };
    /** The key at the top of S, out of Q and NH, becomes LIR: bottom LIR keys drop into Q until it fits. */
    const promote = (size: number): void => {
      while (lirBytes + size > lirLimit) demoteBottomLir();
      lirBytes += size;
      lirKeys++;
    };
    const trimStack = (): void => {
      while (stack.bytes[S]! > 2 * capacity) {
        const key = hir.back(NH);
        if (key === -1) return;
        hir.remove(key);
        stack.remove(key);
      }
    };
    const toTopOfStack = (key: number, size: number): void => {
      stack.remove(key);
      stack.pushFront(S, key, size);
    };

    const access = (key: number, size: number): Access => {
      if (isLir(key)) {
        const wasBottom = stack.back(S) === key;
        stack.moveToFront(S, key);
        if (wasBottom) prune();
        return Access.Hit;
      }
      const status = hir.where[key]!;
      if (status === Q) {
        const hirSize = hir.sizeOf(key);
        if (stack.where[key] === S && hirSize <= lirLimit) {
          toTopOfStack(key, hirSize);
          hir.remove(key);
          promote(hirSize);
        } else {
          toTopOfStack(key, hirSize);
          hir.moveToFront(Q, key);
        }
        return Access.Hit;
      }
      if (size > capacity) return Access.Bypassed;
      if (status === NH) {
        hir.remove(key);
        if (size <= lirLimit) {
          toTopOfStack(key, size);
          promote(size);
          return Access.Stored;
        }
      } else if (lirBytes + size <= lirLimit) {
        toTopOfStack(key, size);
        promote(size);
        return Access.Stored;
      }
      if (size > hirLimit) {
        if (stack.where[key] === S) stack.remove(key);
        return Access.Bypassed;
      }
      makeRoomInQ(size);
      toTopOfStack(key, size);
      hir.pushFront(Q, key, size);
      return Access.Stored;
    };

    return {
      get size() {
        return lirKeys + hir.lengths[Q]!;
      },
      get used() {
        return lirBytes + hir.bytes[Q]!;
      },
      access(request) {
        const outcome = access(request.key, request.size);
        trimStack();
        return outcome;
      },
      contains: (key) => isLir(key) || hir.where[key] === Q,
      remove(key) {
        if (isLir(key)) {
          lirBytes -= stack.sizeOf(key);
          lirKeys--;
          stack.remove(key);
          prune();
          return true;
        }
        const status = hir.remove(key);
        if (stack.where[key] === S) stack.remove(key);
        return status === Q;
      },
    };
  },
};
