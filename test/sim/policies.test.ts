import { describe, expect, it } from 'vitest';
import { policies, requirePolicy } from '../../src/sim/policies';
import { createRng } from '../../src/sim/rng';
import { Access } from '../../src/sim/policies/policy';
import { createPolicy, hit, request, steps } from './policyHarness';
import { referenceClock, referenceLfu, referenceQueue, referenceSieve, type ReferencePolicy } from './referencePolicies';

/** Random traces of varied shapes: small key spaces make hits, skew makes frequencies differ. */
function randomTraces(): { trace: number[]; keySpace: number; capacity: number }[] {
  const rng = createRng(2024);
  const cases = [];
  for (let c = 0; c < 60; c++) {
    const keySpace = 2 + rng.nextInt(60);
    const capacity = 1 + rng.nextInt(keySpace + 2);
    const skewed = c % 2 === 0;
    const trace = Array.from({ length: 400 }, () =>
      skewed ? Math.floor(keySpace * rng.next() * rng.next()) : rng.nextInt(keySpace),
    );
    cases.push({ trace, keySpace, capacity });
  }
  return cases;
}

const references: Record<string, (capacity: number) => ReferencePolicy> = {
  lru: (capacity) => referenceQueue(capacity, true),
  fifo: (capacity) => referenceQueue(capacity, false),
  lfu: (capacity) => referenceLfu(capacity),
  clock: (capacity) => referenceClock(capacity),
  sieve: (capacity) => referenceSieve(capacity),
};

describe.each(Object.keys(references))('%s against a brute-force reference', (id) => {
  it('gives the same hits, misses and evictions on random traces', () => {
    for (const { trace, keySpace, capacity } of randomTraces()) {
      const reference = references[id]!(capacity);
      expect(steps(id, trace, capacity, keySpace)).toEqual(trace.map((key) => reference.access(key)));
    }
  });
});

describe('hand-worked traces', () => {
  // capacity 2, trace a b a c b: LRU evicts b at c (a was used more recently), so b misses again.
  it('LRU keeps the recently used key', () => {
    expect(steps('lru', [0, 1, 0, 2, 1], 2, 3).map((s) => s.hit)).toEqual([false, false, true, false, false]);
    expect(steps('lru', [0, 1, 0, 2, 1], 2, 3)[3]!.evicted).toBe(1);
  });
  it('FIFO evicts the oldest fill even if it was just hit', () => {
    expect(steps('fifo', [0, 1, 0, 2, 1], 2, 3)[3]!.evicted).toBe(0);
  });
  it('LFU evicts the least frequent key, and the least recently used among equals', () => {
    // counts at the fill of 2: key0 = 2, key1 = 1, so key1 goes.
    expect(steps('lfu', [0, 1, 0, 2], 2, 3)[3]!.evicted).toBe(1);
    // both at count 1: key0 is older, so it goes.
    expect(steps('lfu', [0, 1, 2], 2, 3)[2]!.evicted).toBe(0);
  });
});

describe('CLOCK and SIEVE by hand', () => {
  // Capacity 3, trace a b c a d: a was hit, so at d CLOCK re-queues a and evicts b; SIEVE's hand skips a
  // (clearing its bit) and evicts b too, then rests on c, so the next eviction (e) takes c, not a.
  it('CLOCK gives a hit key a second chance', () => {
    expect(steps('clock', [0, 1, 2, 0, 3], 3, 5)[4]!.evicted).toBe(1);
    expect(steps('clock', [0, 1, 2, 0, 3, 4], 3, 5)[5]!.evicted).toBe(2);
  });
  it('SIEVE keeps its hand where it stopped', () => {
    expect(steps('sieve', [0, 1, 2, 0, 3], 3, 5)[4]!.evicted).toBe(1);
    expect(steps('sieve', [0, 1, 2, 0, 3, 4], 3, 5)[5]!.evicted).toBe(2);
    // a's bit was cleared when the hand passed it; with c gone and the hand at d, next is d, then a.
    expect(steps('sieve', [0, 1, 2, 0, 3, 4, 1], 3, 5)[6]!.evicted).toBe(3);
  });
});

describe('random eviction', () => {
  it('evicts only resident keys, hits exactly when resident, and repeats for a seed', () => {
    for (const { trace, keySpace, capacity } of randomTraces()) {
      const resident = new Set<number>();
      const run = steps('random', trace, capacity, keySpace, 9);
      trace.forEach((key, i) => {
        const step = run[i]!;
        expect(step.hit).toBe(resident.has(key));
        if (step.evicted !== undefined) {
          expect(resident.has(step.evicted)).toBe(true);
          resident.delete(step.evicted);
        }
        resident.add(key);
        expect(resident.size).toBeLessThanOrEqual(capacity);
      });
      expect(steps('random', trace, capacity, keySpace, 9)).toEqual(run);
    }
  });

  it('picks victims uniformly', () => {
    // Fill keys 0..9 in a cache of 10, then miss on key 10 many times from fresh caches: each victim ~1/10.
    const counts = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 5000; seed++) {
      const victim = steps('random', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 10, 11, seed)[10]!.evicted!;
      counts[victim]!++;
    }
    // Chi-square with 9 degrees of freedom; 27.88 is the 0.999 quantile.
    const chiSquare = counts.reduce((sum, observed) => sum + (observed - 500) ** 2 / 500, 0);
    expect(chiSquare).toBeLessThan(27.88);
  });
});

describe('every policy', () => {
  it.each(policies.map((p) => p.id))('%s removes keys on request without counting an eviction', (id) => {
    const withTtl = { expiresAt: 1e9 }; // volatile-* policies evict only keys with a TTL
    let evictions = 0;
    const policy = createPolicy(id, { capacity: 3, keySpace: 5, onEvict: () => evictions++ });
    for (const key of [0, 1, 2]) hit(policy, key, withTtl);
    expect(policy.remove(1)).toBe(true);
    expect(policy.remove(1)).toBe(false);
    expect(policy.contains(1)).toBe(false);
    expect(policy.size).toBe(2);
    expect(hit(policy, 3, withTtl)).toBe(false);
    expect(evictions).toBe(0);
    expect(policy.access(request(4, withTtl))).toBe(id === 'noeviction' ? Access.Refused : Access.Stored);
    expect(evictions).toBe(id === 'noeviction' ? 0 : 1);
    expect(policy.size).toBe(3);
    expect(policy.used).toBe(3);
  });

  it('names the choices when the policy is unknown', () => {
    expect(() => requirePolicy('mru')).toThrow(`unknown policy 'mru' (choose from ${policies.map((p) => p.id).join(', ')})`);
    expect(policies.map((p) => p.id)).toEqual(expect.arrayContaining(['lru', 'fifo', 'allkeys-lru', 'volatile-ttl', 'noeviction']));
  });
});
