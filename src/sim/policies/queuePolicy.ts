import { KeyList } from './keyList';
import { Access, type EvictionPolicy, type PolicyContext } from './policy';
import { SizeLedger } from './sizeLedger';

/**
 * A cache kept as one queue, evicting from the back: LRU when a hit moves the key to the front,
 * FIFO when it does not.
 */
export function createQueuePolicy(context: PolicyContext, promoteOnHit: boolean): EvictionPolicy {
  const { capacity, keySpace, onEvict } = context;
  const resident = new Uint8Array(keySpace);
  const queue = new KeyList(keySpace);
  const ledger = new SizeLedger(capacity, keySpace);
  const drop = (key: number): void => {
    queue.remove(key);
    resident[key] = 0;
    ledger.release(key);
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
      if (resident[key] === 1) {
        if (promoteOnHit) queue.moveToFront(key);
        return Access.Hit;
      }
      const size = request.size;
      if (ledger.tooLarge(size)) return Access.Bypassed;
      while (ledger.full(size)) {
        const victim = queue.back();
        drop(victim);
        onEvict(victim);
      }
      queue.pushFront(key);
      resident[key] = 1;
      ledger.add(key, size);
      return Access.Stored;
    },
    contains: (key) => resident[key] === 1,
    remove(key) {
      if (resident[key] !== 1) return false;
      drop(key);
      return true;
    },
  };
}
