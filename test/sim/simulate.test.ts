import { describe, expect, it } from 'vitest';
import { hitRateCurve } from '../../src/sim/curve';
import { capacityForPercent, simulate } from '../../src/sim/simulate';
import type { SimulationConfig } from '../../src/sim/types';

const base: SimulationConfig = {
  workload: { kind: 'zipf', keys: 1000, alpha: 0.9 },
  policy: 'lru',
  capacity: 100,
  requests: 20_000,
  seed: 42,
  requestRate: 100_000,
};

describe('simulate', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const { seconds: _a, ...first } = simulate(base);
    const { seconds: _b, ...again } = simulate(base);
    expect(again).toEqual(first);
    expect(simulate({ ...base, seed: 43 }).hits).not.toBe(first.hits);
  });

  it('counts add up', () => {
    const result = simulate(base);
    expect(result.hits + result.misses).toBe(base.requests);
    expect(result.hitRatio).toBeCloseTo(result.hits / base.requests, 12);
    // Every miss fills; once the cache is full every fill evicts exactly one key.
    expect(result.evictions).toBe(result.misses - base.capacity);
  });

  it('gives the textbook answers on a looping scan', () => {
    // 10 keys in a loop, cache of 9: LRU and FIFO always evict the key needed next, so every request misses.
    const scan = { ...base, workload: { kind: 'scan', keys: 10 }, capacity: 9, requests: 1000 } as const;
    expect(simulate(scan).hits).toBe(0);
    expect(simulate({ ...scan, policy: 'fifo' }).hits).toBe(0);
    // With room for all 10, only the first pass misses.
    expect(simulate({ ...scan, capacity: 10 }).hits).toBe(990);
  });

  it('keeps the last requests in the log, with what each fill evicted', () => {
    const result = simulate({ ...base, workload: { kind: 'scan', keys: 3 }, capacity: 2, requests: 5, requestLogSize: 3 });
    expect(result.requestLog).toEqual([
      { index: 2, key: 2, hit: false, evicted: [0], expired: false },
      { index: 3, key: 0, hit: false, evicted: [1], expired: false },
      { index: 4, key: 1, hit: false, evicted: [2], expired: false },
    ]);
  });

  it('reports progress with running counts', () => {
    const seen: number[] = [];
    const result = simulate(base, { progressInterval: 5000, onProgress: (p) => seen.push(p.requests) });
    expect(seen).toEqual([5000, 10_000, 15_000, 20_000, 20_000]);
    expect(result.requests).toBe(20_000);
  });

  it('rejects a bad configuration with a message naming the field', () => {
    expect(() => simulate({ ...base, capacity: 0 })).toThrow(/capacity/);
    expect(() => simulate({ ...base, requests: 1.5 })).toThrow(/requests/);
    expect(() => simulate({ ...base, requestRate: 0 })).toThrow(/requestRate/);
    expect(() => simulate({ ...base, policy: 'mru' })).toThrow(/mru/);
  });

  it('turns a size percentage into at least one object', () => {
    expect(capacityForPercent(1000, 10)).toBe(100);
    expect(capacityForPercent(100, 12.5)).toBe(13);
    expect(capacityForPercent(3, 5)).toBe(1);
  });
});

describe('TTL expiry', () => {
  // One key requested once a second, TTL 2.5 s: filled at t=0, hit at 1 and 2, expired at 3 (hits do not
  // extend a TTL, as with Redis GET), refilled, hit at 4 and 5, expired at 6.
  const single: SimulationConfig = {
    workload: { kind: 'scan', keys: 1 },
    policy: 'lru',
    capacity: 1,
    requests: 7,
    seed: 1,
    requestRate: 1,
    ttl: { seconds: 2.5, activeExpiry: false },
    requestLogSize: 7,
  };

  it('expires lazily on access after exactly the TTL', () => {
    const result = simulate(single);
    expect(result.requestLog.map((r) => r.hit)).toEqual([false, true, true, false, true, true, false]);
    expect(result.requestLog.map((r) => r.expired)).toEqual([false, false, false, true, false, false, true]);
    expect(result).toMatchObject({ hits: 4, misses: 3, expirations: 2, evictions: 0 });
  });

  it('treats a read at the expiry instant as expired', () => {
    expect(simulate({ ...single, ttl: { seconds: 3, activeExpiry: false } }).requestLog[3]!.expired).toBe(true);
  });

  it('has the active cycle remove keys nobody reads again, ten times a second', () => {
    // Keys 0..9 filled at 0.0, 0.1, ..., 0.9 s with a 0.5 s TTL. By the cycle at 0.9 s keys 0..4 have expired
    // (key 4 at exactly 0.9 s); without the active cycle nothing removes them.
    const idle: SimulationConfig = {
      workload: { kind: 'scan', keys: 10 },
      policy: 'lru',
      capacity: 10,
      requests: 10,
      seed: 1,
      requestRate: 10,
      ttl: { seconds: 0.5, activeExpiry: true },
    };
    expect(simulate(idle).expirations).toBe(5);
    expect(simulate({ ...idle, ttl: { seconds: 0.5, activeExpiry: false } }).expirations).toBe(0);
  });

  it('frees room, so an expired key does not need an eviction', () => {
    // Two keys alternate in a cache of one: without TTL each miss evicts; with a TTL shorter than the gap
    // between requests the active cycle has already removed the other key.
    const alternate: SimulationConfig = {
      workload: { kind: 'scan', keys: 2 },
      policy: 'lru',
      capacity: 1,
      requests: 20,
      seed: 1,
      requestRate: 1,
    };
    expect(simulate(alternate).evictions).toBe(19);
    expect(simulate({ ...alternate, ttl: { seconds: 0.5, activeExpiry: true } })).toMatchObject({ evictions: 0, expirations: 19 });
  });
});

describe('hit-rate curve', () => {
  it('replays the same stream for every point, equal to single runs', () => {
    const curve = hitRateCurve({
      workload: base.workload,
      policies: ['lru', 'lfu'],
      sizePercents: [5, 50],
      requests: 5000,
      seed: 7,
      requestRate: 1000,
    });
    expect(curve.capacities).toEqual([50, 500]);
    const single = simulate({ ...base, policy: 'lfu', capacity: 500, requests: 5000, seed: 7, requestRate: 1000 });
    expect(curve.series[1]).toEqual({ policy: 'lfu', hitRatios: [expect.any(Number), single.hitRatio] });
    // More cache never hurts LRU (it has the stack property).
    expect(curve.series[0]!.hitRatios[1]).toBeGreaterThan(curve.series[0]!.hitRatios[0]!);
  });
});

describe('the lean replay loop', () => {
  // A run with no expiry, deletes, log or warm-up takes the lean loop; a one-entry request log forces
  // the general one. Both must count the same.
  it.each(['lru', 'lfu', 'sieve', 'allkeys-lru', 'noeviction'])('counts %s exactly as the general loop does', (policy) => {
    const config = { workload: { kind: 'zipf' as const, keys: 3000, alpha: 0.8 }, policy, capacity: 300, requests: 50_000, seed: 5, requestRate: 2000 };
    const lean = simulate(config);
    const general = simulate({ ...config, requestLogSize: 1 });
    expect(lean.requestLog).toEqual([]);
    expect(general.requestLog).toHaveLength(1);
    expect({ ...lean, seconds: 0, requestLog: [] }).toEqual({ ...general, seconds: 0, requestLog: [] });
  });
});
