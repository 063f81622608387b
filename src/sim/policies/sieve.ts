import { LazyKeyQueue } from './lazyKeyQueue';
import { Access, type PolicyDefinition } from './policy';
import { SizeLedger } from './sizeLedger';

const ABSENT = 0;
const RESIDENT = 1;
const VISITED = 2;

/**
 * SIEVE (Zhang et al., NSDI 2024): a FIFO queue with a visited bit and a hand. New keys go to the
 * front and are never moved; the hand walks from the back toward the front clearing visited bits and
 * evicts the first unvisited key, then rests on the key in front of it (the back again after the front).
 */
export const sieve: PolicyDefinition = {
  id: 'sieve',
  label: 'SIEVE',
  description: 'A FIFO whose hand skips keys hit since it last passed, clearing their mark; hits never move a key.',
  create({ capacity, keySpace, onEvict }) {
    // One byte per key for both facts a hit reads and writes: ABSENT, RESIDENT, or VISITED.
    const state = new Uint8Array(keySpace);
    // Oldest first: new keys join at the back, and the hand walks from the front toward the back.
    const queue = new LazyKeyQueue(keySpace, Math.min(capacity, keySpace));
    const ledger = new SizeLedger(capacity, keySpace);
    return {
      get size() {
        return queue.length;
      },
      get used() {
        return ledger.used;
      },
      access(request) {
        const key = request.key;
        if (state[key] !== ABSENT) {
          state[key] = VISITED;
          return Access.Hit;
        }
        const size = request.size;
        if (ledger.tooLarge(size)) return Access.Bypassed;
        while (ledger.full(size)) {
          while (state[queue.atHand()] === VISITED) {
            state[queue.atHand()] = RESIDENT;
            queue.passHand();
          }
          const victim = queue.takeAtHand();
          state[victim] = ABSENT;
          ledger.release(victim);
          onEvict(victim);
        }
        queue.push(key);
        state[key] = RESIDENT;
        ledger.add(key, size);
        return Access.Stored;
      },
      contains: (key) => state[key] !== ABSENT,
      remove(key) {
        if (state[key] === ABSENT) return false;
        queue.remove(key);
        state[key] = ABSENT;
        ledger.release(key);
        return true;
      },
    };
  },
};
