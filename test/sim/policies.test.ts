import { describe, expect, it } from 'vitest';
import { policies, requirePolicy } from '../../src/sim/policies';
import { createRng } from '../../src/sim/rng';
import { Access } from '../../src/sim/policies/policy';
import { FrequencySketch } from '../../src/sim/policies/frequencySketch';
import { createPolicy, hit, request, steps } from './policyHarness';
import {
  referenceArc,
  referenceClock,
  referenceLfu,
  referenceLirs,
  referenceQueue,
  referenceS3Fifo,
  referenceSieve,
  referenceTwoQ,
  referenceWTinyLfu,
  type ReferencePolicy,
} from './referencePolicies';

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
  // A few caches large enough that every policy's smaller queues (LIRS's 1%, W-TinyLFU's window) hold several keys.
  for (let c = 0; c < 4; c++) {
    const keySpace = 400 + rng.nextInt(400);
    const capacity = 200 + rng.nextInt(200);
    const trace = Array.from({ length: 4000 }, () => Math.floor(keySpace * rng.next() * rng.next()));
    cases.push({ trace, keySpace, capacity });
  }
  return cases;
}

const references: Record<string, (capacity: number, keySpace: number) => ReferencePolicy> = {
  lru: (capacity) => referenceQueue(capacity, true),
  fifo: (capacity) => referenceQueue(capacity, false),
  lfu: (capacity) => referenceLfu(capacity),
  clock: (capacity) => referenceClock(capacity),
  sieve: (capacity) => referenceSieve(capacity),
  arc: (capacity) => referenceArc(capacity),
  s3fifo: (capacity) => referenceS3Fifo(capacity),
  '2q': (capacity) => referenceTwoQ(capacity),
  lirs: (capacity) => referenceLirs(capacity),
  wtinylfu: (capacity, keySpace) => referenceWTinyLfu(capacity, keySpace),
};

describe.each(Object.keys(references))('%s against a brute-force reference', (id) => {
  it('gives the same hits, misses and evictions on random traces', () => {
    for (const { trace, keySpace, capacity } of randomTraces()) {
      const reference = references[id]!(capacity, keySpace);
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

describe('ARC by hand', () => {
  // Capacity 2, trace a b a c b c a. a's hit moves it to T2; c misses everywhere and REPLACE takes T1's
  // tail b (|T1| = 1 > p = 0) into B1. b's ghost hit raises p to 1, and now |T1| = p, so REPLACE takes
  // T2's tail a into B2; b refills into T2. c hits and joins b in T2, leaving T1 empty, so a's ghost hit
  // in B2 (p back to 0) makes REPLACE take T2's tail: b.
  it('adapts its T1 target to ghost hits', () => {
    const run = steps('arc', [0, 1, 0, 2, 1, 2, 0], 2, 3);
    expect(run.map((step) => step.hit)).toEqual([false, false, true, false, false, true, false]);
    expect(run.map((step) => step.evicted)).toEqual([undefined, undefined, undefined, 1, 0, undefined, 1]);
  });

  it('resists a scan that flushes LRU', () => {
    // A hot set of 50 keys hit twice, then a long scan of new keys, then the hot set again.
    const hot = Array.from({ length: 50 }, (_, i) => i);
    const trace = [...hot, ...hot, ...Array.from({ length: 300 }, (_, i) => 100 + i), ...hot];
    const hitsAtEnd = (id: string): number => steps(id, trace, 100, 400).slice(-50).filter((step) => step.hit).length;
    expect(hitsAtEnd('lru')).toBe(0);
    expect(hitsAtEnd('arc')).toBe(50);
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

  const chunked = policies.filter((p) => createPolicy(p.id, { capacity: 1, keySpace: 1 }).accessKeys).map((p) => p.id);
  it.each(chunked)('%s takes a chunk of keys through accessKeys exactly as one access after another', (id) => {
    const rng = createRng(7);
    const keys = Int32Array.from({ length: 5000 }, () => rng.nextInt(rng.nextInt(4) === 0 ? 400 : 40));
    const evictedOneByOne: number[] = [];
    const oneByOne = createPolicy(id, { capacity: 25, keySpace: 400, onEvict: (key) => evictedOneByOne.push(key) });
    const hits = [...keys].filter((key) => hit(oneByOne, key)).length;
    const evictedChunked: number[] = [];
    const chunkedPolicy = createPolicy(id, { capacity: 25, keySpace: 400, onEvict: (key) => evictedChunked.push(key) });
    expect(chunkedPolicy.accessKeys!(keys.subarray(0, 3000), 3000) + chunkedPolicy.accessKeys!(keys.subarray(3000), 2000)).toBe(hits);
    expect(hits).toBeGreaterThan(1000);
    expect(evictedChunked).toEqual(evictedOneByOne);
    expect(evictedChunked.length).toBeGreaterThan(1000);
  });

  it('LRU, FIFO, CLOCK, SIEVE and ARC take chunks of keys', () => {
    expect(chunked).toEqual(expect.arrayContaining(['lru', 'fifo', 'clock', 'sieve', 'arc']));
  });

  it('names the choices when the policy is unknown', () => {
    expect(() => requirePolicy('mru')).toThrow(`unknown policy 'mru' (choose from ${policies.map((p) => p.id).join(', ')})`);
    expect(policies.map((p) => p.id)).toEqual(expect.arrayContaining(['lru', 'fifo', 'allkeys-lru', 'volatile-ttl', 'noeviction']));
  });
});

describe("Belady's OPT", () => {
  const nextUse = (trace: readonly number[], key: number, after: number): number => {
    const index = trace.indexOf(key, after + 1);
    return index < 0 ? Infinity : index;
  };

  it('always evicts a key requested again furthest in the future', () => {
    for (const { trace, keySpace, capacity } of randomTraces()) {
      const resident = new Set<number>();
      steps('opt', trace, capacity, keySpace).forEach((step, index) => {
        expect(step.hit).toBe(resident.has(trace[index]!));
        if (step.evicted !== undefined) {
          const furthest = Math.max(...[...resident].map((key) => nextUse(trace, key, index)));
          expect(nextUse(trace, step.evicted, index)).toBe(furthest);
          resident.delete(step.evicted);
        }
        resident.add(trace[index]!);
      });
    }
  });

  it('hits at least as often as every other policy that stores each miss', () => {
    const online = ['lru', 'lfu', 'fifo', 'random', 'clock', 'sieve', 'arc', 's3fifo', '2q', 'lirs', 'wtinylfu'];
    for (const { trace, keySpace, capacity } of randomTraces()) {
      const hits = (id: string): number => steps(id, trace, capacity, keySpace).filter((step) => step.hit).length;
      const best = hits('opt');
      for (const id of online) expect(best).toBeGreaterThanOrEqual(hits(id));
    }
  });

  it('gives the textbook answer on a loop one key larger than the cache', () => {
    // Cycling over 4 keys with room for 3, LRU always evicts the key needed next and never hits;
    // MIN keeps 2 of the 3 it will need, so after the first fill it misses once every 3 requests.
    const trace = Array.from({ length: 40 }, (_, i) => i % 4);
    const hitsOf = (id: string): number => steps(id, trace, 3, 4).filter((step) => step.hit).length;
    expect(hitsOf('lru')).toBe(0);
    expect(hitsOf('opt')).toBe(24);
  });
});

describe('S3-FIFO, 2Q, LIRS and W-TinyLFU by hand', () => {
  it('S3-FIFO sends a one-hit wonder out through the small FIFO and a returning key straight to main', () => {
    // Capacity 10: small 1, main 9, ghost 9. Before any eviction, keys beyond a full small FIFO go to
    // main, so 0 sits in small and 1..9 in main. Key 10 evicts 0 (never hit) into the ghost and takes
    // its place; 0's return is a ghost hit, so small evicts 10 and 0 enters main, now over its share,
    // so the next newcomer, 11, makes main evict its oldest unhit key: 1.
    const run = steps('s3fifo', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 11], 10, 12);
    expect(run.map((step) => step.evicted)).toEqual([...new Array(10).fill(undefined), 0, 10, 1]);
  });

  it('2Q ignores hits in Ain, and keeps a key that came back from Aout through a scan', () => {
    // Capacity 4: Ain 1, Aout 2, Am 3. Ain fills the empty cache; 0's hit there does not save it, so
    // 4 pushes it out to Aout. Its return is an Aout hit: it goes to Am, and outlives the new keys
    // 5..8 that flow through Ain, where LRU would have evicted it at 8.
    const trace = [0, 0, 1, 2, 3, 4, 0, 5, 6, 7, 8, 0];
    const run = steps('2q', trace, 4, 9);
    expect(run.map((step) => step.evicted)).toEqual([undefined, undefined, undefined, undefined, undefined, 0, 1, 2, 3, 4, 5, undefined]);
    expect(run.at(-1)!.hit).toBe(true);
    expect(steps('lru', trace, 4, 9).at(-1)!.hit).toBe(false);
  });

  it('LIRS keeps a key reused within a loop while a scan passes through its one HIR slot', () => {
    // Capacity 3: two LIR slots, one HIR slot. 0 and 1 fill the LIR set; a scan of new keys cycles
    // through the HIR slot, evicting only scan keys, so 0 and 1 still hit afterwards.
    const run = steps('lirs', [0, 1, 0, 1, 2, 3, 4, 5, 6, 0, 1], 3, 7);
    expect(run.map((step) => step.evicted)).toEqual([undefined, undefined, undefined, undefined, undefined, 2, 3, 4, 5, undefined, undefined]);
    expect(run.slice(-2).map((step) => step.hit)).toEqual([true, true]);
  });

  it('W-TinyLFU turns away a newcomer seen less often than the key it would evict', () => {
    // Capacity 2: window 1, main 1. 0 is requested three times and lives in main; 1 then passes through
    // the window, and when 2 pushes it out it duels 0 and loses (1 request against 3).
    const run = steps('wtinylfu', [0, 0, 9, 0, 1, 2, 0], 2, 10);
    expect(run.map((step) => step.evicted)).toEqual([undefined, undefined, undefined, undefined, 9, 1, undefined]);
    expect(run[6]!.hit).toBe(true);
  });
});

describe('the W-TinyLFU frequency sketch', () => {
  it('counts exactly while keys are few and saturates at 15', () => {
    const sketch = new FrequencySketch(1024);
    for (let i = 0; i < 7; i++) sketch.increment(1);
    for (let i = 0; i < 20; i++) sketch.increment(2);
    expect([sketch.frequency(1), sketch.frequency(2), sketch.frequency(3)]).toEqual([7, 15, 0]);
  });

  it('halves every counter once it has counted ten times its width', () => {
    // Width 16, so aging comes at the 160th counted request. Key 1's counters sit at 15 (saturated)
    // until then, and drop to exactly 7 at that moment; 15 of the 160 were key 1's own.
    const sketch = new FrequencySketch(16);
    for (let i = 0; i < 15; i++) sketch.increment(1);
    let requests = 0;
    while (sketch.frequency(1) === 15 && requests < 1000) {
      sketch.increment(100 + requests);
      requests++;
    }
    expect(sketch.frequency(1)).toBe(7);
    expect(requests).toBeGreaterThanOrEqual(145);
    expect(requests).toBeLessThan(200);
  });

  it('never undercounts before aging', () => {
    const sketch = new FrequencySketch(1024);
    const counts = new Map<number, number>();
    const rng = createRng(3);
    for (let i = 0; i < 5000; i++) {
      const key = Math.floor(2000 * rng.next() * rng.next());
      counts.set(key, (counts.get(key) ?? 0) + 1);
      sketch.increment(key);
    }
    for (const [key, count] of counts) expect(sketch.frequency(key)).toBeGreaterThanOrEqual(Math.min(count, 15));
  });
});

describe('every policy with object sizes', () => {
  it.each(policies.map((p) => p.id))('%s keeps its used units equal to its resident objects and within capacity', (id) => {
    const rng = createRng(11);
    const keySpace = 40;
    const capacity = 100;
    const sizes = Array.from({ length: keySpace }, () => 1 + rng.nextInt(30));
    sizes[0] = 101; // larger than the cache: never stored
    const trace = Array.from({ length: 3000 }, () => Math.floor(keySpace * rng.next() * rng.next()));
    const resident = new Map<number, number>();
    const policy = createPolicy(id, {
      capacity,
      keySpace,
      onEvict: (key) => {
        expect(resident.has(key)).toBe(true);
        resident.delete(key);
      },
    });
    trace.forEach((key, index) => {
      const wasResident = policy.contains(key);
      expect(wasResident).toBe(resident.has(key));
      const nextAccess = trace.indexOf(key, index + 1);
      const outcome = policy.access(
        request(key, { size: sizes[key]!, time: index / 1000, expiresAt: 1e9, nextAccess: nextAccess < 0 ? Infinity : nextAccess }),
      );
      expect(outcome === Access.Hit).toBe(wasResident);
      if (outcome === Access.Stored) resident.set(key, sizes[key]!);
      if (key === 0) expect(outcome).toBe(Access.Bypassed);
      if (index % 97 === 0) {
        const victim = rng.nextInt(keySpace);
        expect(policy.remove(victim)).toBe(resident.delete(victim));
      }
      expect(policy.used).toBe([...resident.values()].reduce((sum, size) => sum + size, 0));
      expect(policy.used).toBeLessThanOrEqual(capacity);
      expect(policy.size).toBe(resident.size);
    });
    expect(resident.size).toBeGreaterThan(id === 'noeviction' ? 0 : 2);
  });
});
