import { KeyList } from './keyList';
import type { EvictionPolicy, PolicyContext } from './policy';

/**
 * A cache kept as one queue, evicting from the back: LRU when a hit moves the key to the front,
 * FIFO when it does not.
 */
export function createQueuePolicy(context: PolicyContext, promoteOnHit: boolean): EvictionPolicy {
  const { capacity, keySpace, onEvict } = context;
  const resident = new Uint8Array(keySpace);
  const queue = new KeyList(keySpace);
  return {
    get size() {
      return queue.length;
    },
    access(key) {
      if (resident[key] === 1) {
        if (promoteOnHit) queue.moveToFront(key);
        return true;
      }
      if (queue.length >= capacity) {
        const victim = queue.back();
        queue.remove(victim);
        resident[victim] = 0;
        onEvict(victim);
      }
      queue.pushFront(key);
      resident[key] = 1;
      return false;
    },
    contains: (key) => resident[key] === 1,
    remove(key) {
      if (resident[key] !== 1) return false;
      queue.remove(key);
      resident[key] = 0;
      return true;
    },
  };
}
