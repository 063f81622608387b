/**
 * Obviously-correct, slow policies over plain arrays: the yardstick the fast typed-array policies
 * must match request for request.
 */
export interface ReferencePolicy {
  /** Returns whether it was a hit, and the key evicted to make room (or undefined). */
  access(key: number): { hit: boolean; evicted: number | undefined };
}

/** Keys ordered oldest first; `touchOnHit` moves a hit key to the end (LRU) or leaves it (FIFO). */
export function referenceQueue(capacity: number, touchOnHit: boolean): ReferencePolicy {
  const order: number[] = [];
  return {
    access(key) {
      const index = order.indexOf(key);
      if (index >= 0) {
        if (touchOnHit) order.push(...order.splice(index, 1));
        return { hit: true, evicted: undefined };
      }
      const evicted = order.length >= capacity ? order.shift() : undefined;
      order.push(key);
      return { hit: false, evicted };
    },
  };
}

/** Evicts the smallest (count, last access time): fewest requests, then least recently used. */
export function referenceLfu(capacity: number): ReferencePolicy {
  const entries: { key: number; count: number; lastAccess: number }[] = [];
  let clock = 0;
  return {
    access(key) {
      clock++;
      const entry = entries.find((e) => e.key === key);
      if (entry) {
        entry.count++;
        entry.lastAccess = clock;
        return { hit: true, evicted: undefined };
      }
      let evicted: number | undefined;
      if (entries.length >= capacity) {
        let victim = 0;
        for (let i = 1; i < entries.length; i++) {
          const e = entries[i]!;
          const v = entries[victim]!;
          if (e.count < v.count || (e.count === v.count && e.lastAccess < v.lastAccess)) victim = i;
        }
        evicted = entries.splice(victim, 1)[0]!.key;
      }
      entries.push({ key, count: 1, lastAccess: clock });
      return { hit: false, evicted };
    },
  };
}

/** CLOCK as a plain array, oldest first: a referenced key at the back is re-queued once without its bit. */
export function referenceClock(capacity: number): ReferencePolicy {
  const queue: number[] = [];
  const referenced = new Set<number>();
  return {
    access(key) {
      if (queue.includes(key)) {
        referenced.add(key);
        return { hit: true, evicted: undefined };
      }
      let evicted: number | undefined;
      if (queue.length >= capacity) {
        while (referenced.has(queue[0]!)) {
          referenced.delete(queue[0]!);
          queue.push(queue.shift()!);
        }
        evicted = queue.shift();
      }
      queue.push(key);
      return { hit: false, evicted };
    },
  };
}

/** SIEVE as a plain array, oldest first, with the hand as an index (null: start at the oldest). */
export function referenceSieve(capacity: number): ReferencePolicy {
  const list: number[] = [];
  const visited = new Set<number>();
  let hand: number | null = null;
  return {
    access(key) {
      if (list.includes(key)) {
        visited.add(key);
        return { hit: true, evicted: undefined };
      }
      let evicted: number | undefined;
      if (list.length >= capacity) {
        let i = hand ?? 0;
        while (visited.has(list[i]!)) {
          visited.delete(list[i]!);
          i = i + 1 === list.length ? 0 : i + 1;
        }
        evicted = list.splice(i, 1)[0];
        hand = i === list.length ? null : i;
      }
      list.push(key);
      return { hit: false, evicted };
    },
  };
}
