import { Access, type PolicyDefinition } from './policy';
import { SizeLedger } from './sizeLedger';

/**
 * Belady's MIN (1966), as libCacheSim's Belady.c runs it: every miss is stored, and to make room
 * the resident key whose next request lies furthest in the future goes first (keys never requested
 * again before any other; which of those goes cannot change a hit). Resident keys sit in a binary
 * max-heap on their next request index, with each key's heap position kept for updates on hits.
 * For unit sizes this is the most hits any policy that must store every miss can get.
 */
export const opt: PolicyDefinition = {
  id: 'opt',
  label: 'OPT',
  description: "Belady's offline optimum: evicts the key requested again furthest in the future; reads the whole trace first.",
  needsFuture: true,
  create({ capacity, keySpace, onEvict }) {
    const heap = new Int32Array(keySpace);
    const nextUse = new Float64Array(keySpace);
    const position = new Int32Array(keySpace).fill(-1);
    const ledger = new SizeLedger(capacity, keySpace);
    let size = 0;

    const place = (key: number, at: number): void => {
      heap[at] = key;
      position[key] = at;
    };
    const siftUp = (at: number): void => {
      const key = heap[at]!;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (nextUse[heap[parent]!]! >= nextUse[key]!) break;
        place(heap[parent]!, at);
        at = parent;
      }
      place(key, at);
    };
    const siftDown = (at: number): void => {
      const key = heap[at]!;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= size) break;
        if (child + 1 < size && nextUse[heap[child + 1]!]! > nextUse[heap[child]!]!) child++;
        if (nextUse[heap[child]!]! <= nextUse[key]!) break;
        place(heap[child]!, at);
        at = child;
      }
      place(key, at);
    };
    const drop = (key: number): void => {
      const at = position[key]!;
      position[key] = -1;
      ledger.release(key);
      size--;
      if (at === size) return;
      const moved = heap[size]!;
      place(moved, at);
      siftUp(at);
      siftDown(position[moved]!);
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
        const at = position[key]!;
        if (at >= 0) {
          const before = nextUse[key]!;
          nextUse[key] = request.nextAccess;
          if (request.nextAccess > before) siftUp(at);
          else siftDown(at);
          return Access.Hit;
        }
        const objectSize = request.size;
        if (ledger.tooLarge(objectSize)) return Access.Bypassed;
        while (ledger.full(objectSize)) {
          const victim = heap[0]!;
          drop(victim);
          onEvict(victim);
        }
        nextUse[key] = request.nextAccess;
        place(key, size);
        size++;
        ledger.add(key, objectSize);
        siftUp(size - 1);
        return Access.Stored;
      },
      contains: (key) => position[key]! >= 0,
      remove(key) {
        if (position[key]! < 0) return false;
        drop(key);
        return true;
      },
    };
  },
};
