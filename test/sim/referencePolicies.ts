import { FrequencySketch } from '../../src/sim/policies/frequencySketch';
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

/**
 * ARC as plain arrays (newest first), a direct transcription of libCacheSim's ARC.c for unit-size
 * objects (ARC_find, _ARC_replace, _ARC_evict_miss_on_all_queues, ARC_insert).
 */
export function referenceArc(capacity: number): ReferencePolicy {
  const t1: number[] = [];
  const t2: number[] = [];
  const b1: number[] = [];
  const b2: number[] = [];
  let p = 0;
  const take = (list: number[], key: number): void => {
    list.splice(list.indexOf(key), 1);
  };
  return {
    access(key) {
      if (t1.includes(key) || t2.includes(key)) {
        take(t1.includes(key) ? t1 : t2, key);
        t2.unshift(key);
        return { hit: true, evicted: undefined };
      }
      const inB1 = b1.includes(key);
      const inB2 = b2.includes(key);
      if (inB1) {
        p = Math.min(p + Math.max(b2.length / b1.length, 1), capacity);
        take(b1, key);
      } else if (inB2) {
        p = Math.max(p - Math.max(b1.length / b2.length, 1), 0);
        take(b2, key);
      }
      let evicted: number | undefined;
      const replace = (): void => {
        if ((t1.length > 0 && (t1.length > p || (t1.length === p && inB2))) || t2.length === 0) {
          evicted = t1.pop()!;
          b1.unshift(evicted);
        } else {
          evicted = t2.pop()!;
          b2.unshift(evicted);
        }
      };
      if (t1.length + t2.length + 1 > capacity) {
        if (inB1 || inB2) {
          replace();
        } else if (t1.length + b1.length + 1 > capacity) {
          if (b1.length > 0) {
            b1.pop();
            replace();
          } else {
            evicted = t1.pop()!;
          }
        } else {
          if (t1.length + b1.length + t2.length + b2.length >= capacity * 2 && b2.length > 0) b2.pop();
          replace();
        }
      }
      (inB1 || inB2 ? t2 : t1).unshift(key);
      return { hit: false, evicted };
    },
  };
}

const without = (list: number[], key: number): void => {
  const index = list.indexOf(key);
  if (index >= 0) list.splice(index, 1);
};

/**
 * S3-FIFO as plain arrays (oldest first), transcribing libCacheSim's S3FIFO.c (S3FIFO_find,
 * S3FIFO_evict_small, S3FIFO_evict_main, S3FIFO_insert) with its defaults: small 10%, ghost 90%,
 * move-to-main threshold 2; the small FIFO holds at least one key.
 */
export function referenceS3Fifo(capacity: number): ReferencePolicy {
  const smallCapacity = Math.max(1, Math.floor(capacity * 0.1));
  const mainCapacity = capacity - smallCapacity;
  const ghostCapacity = Math.floor(capacity * 0.9);
  const small: number[] = [];
  const main: number[] = [];
  const ghost: number[] = [];
  const freq = new Map<number, number>();
  let hasEvicted = false;
  return {
    access(key) {
      if (small.includes(key) || main.includes(key)) {
        freq.set(key, freq.get(key)! + 1);
        return { hit: true, evicted: undefined };
      }
      const ghostHit = ghost.includes(key);
      without(ghost, key);
      let evicted: number | undefined;
      while (small.length + main.length + 1 > capacity) {
        hasEvicted = true;
        if (main.length > mainCapacity || small.length === 0) {
          for (;;) {
            const oldest = main.shift()!;
            const count = freq.get(oldest)!;
            if (count === 0) {
              evicted = oldest;
              break;
            }
            freq.set(oldest, Math.min(count, 3) - 1);
            main.push(oldest);
          }
        } else {
          while (small.length > 0) {
            const oldest = small.shift()!;
            if (freq.get(oldest)! >= 2) {
              freq.set(oldest, 0);
              main.push(oldest);
              continue;
            }
            ghost.push(oldest);
            if (ghost.length > ghostCapacity) ghost.shift();
            evicted = oldest;
            break;
          }
        }
      }
      (ghostHit || (!hasEvicted && small.length >= smallCapacity) ? main : small).push(key);
      freq.set(key, 0);
      return { hit: false, evicted };
    },
  };
}

/**
 * 2Q as plain arrays (oldest first), transcribing libCacheSim's TwoQ.c with its defaults: Ain 25%
 * (at least one key), Aout 50%, Am the rest, an LRU that also evicts within its own share.
 */
export function referenceTwoQ(capacity: number): ReferencePolicy {
  const inCapacity = Math.max(1, Math.floor(capacity * 0.25));
  const outCapacity = Math.floor(capacity * 0.5);
  const mainCapacity = capacity - inCapacity;
  const ain: number[] = [];
  const aout: number[] = [];
  const am: number[] = [];
  return {
    access(key) {
      if (ain.includes(key)) return { hit: true, evicted: undefined };
      if (am.includes(key)) {
        without(am, key);
        am.push(key);
        return { hit: true, evicted: undefined };
      }
      const ghostHit = aout.includes(key);
      without(aout, key);
      let evicted: number | undefined;
      while (ain.length + am.length + 1 > capacity) {
        if (ain.length > inCapacity || am.length === 0) {
          evicted = ain.shift()!;
          aout.push(evicted);
          if (aout.length > outCapacity) aout.shift();
        } else {
          evicted = am.shift();
        }
      }
      if (!ghostHit) {
        ain.push(key);
      } else if (mainCapacity > 0) {
        if (am.length + 1 > mainCapacity) evicted = am.shift();
        am.push(key);
      }
      return { hit: false, evicted };
    },
  };
}

/**
 * LIRS as in Jiang and Zhang's paper, with plain arrays: the stack S bottom first, Q oldest first;
 * HIR gets 1% of the capacity (at least one key), and S is trimmed of its oldest non-resident
 * entries beyond twice the capacity, as libCacheSim's LIRS.c does.
 */
export function referenceLirs(capacity: number): ReferencePolicy {
  const hirLimit = Math.max(1, Math.floor(capacity * 0.01));
  const lirLimit = capacity - hirLimit;
  const stack: number[] = [];
  const q: number[] = [];
  const nonResident: number[] = [];
  const status = new Map<number, 'lir' | 'hir' | 'non-resident'>();
  let lirCount = 0;
  let evicted: number | undefined;
  const prune = (): void => {
    while (stack.length > 0 && status.get(stack[0]!) !== 'lir') {
      const key = stack.shift()!;
      if (status.get(key) === 'non-resident') {
        status.delete(key);
        without(nonResident, key);
      }
    }
  };
  const toTop = (key: number): void => {
    without(stack, key);
    stack.push(key);
  };
  const evictHir = (): void => {
    evicted = q.shift()!;
    if (stack.includes(evicted)) {
      status.set(evicted, 'non-resident');
      nonResident.push(evicted);
    } else {
      status.delete(evicted);
    }
  };
  /** `key`, already at the top of S, becomes LIR; bottom LIR keys drop into Q until the LIR set fits. */
  const promote = (key: number): void => {
    status.set(key, 'lir');
    while (lirCount + 1 > lirLimit) {
      const bottom = stack.shift()!;
      lirCount--;
      if (q.length + 1 > hirLimit) evictHir();
      q.push(bottom);
      status.set(bottom, 'hir');
      prune();
    }
    lirCount++;
  };
  const access = (key: number): boolean => {
    const state = status.get(key);
    if (state === 'lir') {
      toTop(key);
      prune();
      return true;
    }
    if (state === 'hir') {
      if (stack.includes(key) && lirLimit >= 1) {
        toTop(key);
        without(q, key);
        promote(key);
      } else {
        toTop(key);
        without(q, key);
        q.push(key);
      }
      return true;
    }
    if (state === 'non-resident') {
      without(nonResident, key);
      status.delete(key);
      if (lirLimit >= 1) {
        toTop(key);
        promote(key);
        return false;
      }
    } else if (lirCount + 1 <= lirLimit) {
      toTop(key);
      promote(key);
      return false;
    }
    if (q.length + 1 > hirLimit) evictHir();
    toTop(key);
    q.push(key);
    status.set(key, 'hir');
    return false;
  };
  return {
    access(key) {
      evicted = undefined;
      const hit = access(key);
      while (stack.length > 2 * capacity && nonResident.length > 0) {
        const oldest = nonResident.shift()!;
        status.delete(oldest);
        without(stack, oldest);
      }
      return { hit, evicted };
    },
  };
}

/**
 * W-TinyLFU as plain arrays (oldest first), after Caffeine's simulator (WindowTinyLfuPolicy with
 * the TinyLfu admittor): window 1%, probation and protected (80% of main) segments; the sketch is
 * the policy's own, checked separately.
 */
export function referenceWTinyLfu(capacity: number, keySpace: number): ReferencePolicy {
  const mainCapacity = Math.floor(capacity * 0.99);
  const windowCapacity = capacity - mainCapacity;
  const protectedCapacity = Math.floor(mainCapacity * 0.8);
  const window: number[] = [];
  const probation: number[] = [];
  const protectedSegment: number[] = [];
  const sketch = new FrequencySketch(Math.min(capacity, keySpace));
  return {
    access(key) {
      sketch.increment(key);
      for (const segment of [window, protectedSegment]) {
        if (segment.includes(key)) {
          without(segment, key);
          segment.push(key);
          return { hit: true, evicted: undefined };
        }
      }
      if (probation.includes(key)) {
        without(probation, key);
        protectedSegment.push(key);
        while (protectedSegment.length > protectedCapacity) probation.push(protectedSegment.shift()!);
        return { hit: true, evicted: undefined };
      }
      window.push(key);
      let candidate: number | undefined;
      while (window.length > windowCapacity) {
        candidate = window.shift()!;
        probation.push(candidate);
      }
      let evicted: number | undefined;
      if (window.length + probation.length + protectedSegment.length > capacity) {
        const victim = probation[0] ?? protectedSegment[0]!;
        const admit = candidate !== undefined && candidate !== victim && sketch.frequency(candidate) > sketch.frequency(victim);
        evicted = admit || candidate === undefined ? victim : candidate;
        without(probation, evicted);
        without(protectedSegment, evicted);
      }
      return { hit: false, evicted };
    },
  };
}
