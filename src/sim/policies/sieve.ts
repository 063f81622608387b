import { LazyKeyQueue } from './lazyKeyQueue';
import { Access, type PolicyDefinition } from './policy';
import { SizeLedger } from './sizeLedger';

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
    // Oldest first: new keys join at the back, and the hand walks from the front toward the back.
    // The queue says which keys are resident; a byte per key is the visited bit.
    const queue = new LazyKeyQueue(keySpace, Math.min(capacity, keySpace));
    const visited = new Uint8Array(keySpace);
    const ledger = new SizeLedger(capacity, keySpace);
    /** A miss: kept apart from the hit path, which the replay loop then inlines. */
    const store = (key: number, size: number): Access => {
      if (ledger.tooLarge(size)) return Access.Bypassed;
      while (ledger.full(size)) {
        while (visited[queue.atHand()] === 1) {
          visited[queue.atHand()] = 0;
          queue.passHand();
        }
        const victim = queue.takeAtHand();
        ledger.release(victim);
        onEvict(victim);
      }
      queue.push(key);
      visited[key] = 0;
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
        visited[key] = 1;
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
          visited[key] = 1;
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
  },
};
