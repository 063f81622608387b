import { describe, expect, it } from 'vitest';
import { RedisDict } from '../../src/sim/policies/redis/dict';
import { incrementLfuCounter } from '../../src/sim/policies/redis/redisPolicy';
import { Access } from '../../src/sim/policies/policy';
import { createRng } from '../../src/sim/rng';
import { simulate } from '../../src/sim/simulate';
import { createPolicy, request } from './policyHarness';

describe('RedisDict', () => {
  it('holds exactly the keys added and not deleted, through growth and shrinking', () => {
    const dict = new RedisDict(1000, createRng(3));
    const model = new Set<number>();
    const rng = createRng(4);
    for (let step = 0; step < 20_000; step++) {
      const key = rng.nextInt(1000);
      if (rng.next() < 0.6) {
        dict.add(key);
        model.add(key);
      } else {
        dict.delete(key);
        model.delete(key);
      }
      expect(dict.size).toBe(model.size);
    }
    for (let key = 0; key < 1000; key++) expect(dict.has(key)).toBe(model.has(key));
  });

  it('samples only present keys, without repeats within one call', () => {
    const dict = new RedisDict(10_000, createRng(5));
    for (let key = 0; key < 10_000; key += 3) dict.add(key);
    const out = new Int32Array(5);
    for (let call = 0; call < 1000; call++) {
      const count = dict.someKeys(out, 5);
      expect(count).toBe(5);
      const sampled = [...out.subarray(0, count)];
      expect(new Set(sampled).size).toBe(count);
      for (const key of sampled) expect(key % 3).toBe(0);
    }
  });

  it('gives up to the number of keys present when asked for more', () => {
    const dict = new RedisDict(10, createRng(6));
    dict.add(2);
    dict.add(7);
    const out = new Int32Array(5);
    expect([...out.subarray(0, dict.someKeys(out, 5))].sort()).toEqual([2, 7]);
  });

  it('picks random keys from every part of the table', () => {
    const dict = new RedisDict(100, createRng(7));
    for (let key = 0; key < 100; key++) dict.add(key);
    const counts = new Array<number>(100).fill(0);
    for (let i = 0; i < 100_000; i++) counts[dict.randomKey()]!++;
    // dictGetRandomKey favours keys in short chains, so not exactly uniform, but every key is reachable.
    expect(Math.min(...counts)).toBeGreaterThan(200);
    expect(Math.max(...counts)).toBeLessThan(4000);
  });
});

describe('LFU counter', () => {
  // From LFULogIncr, going from counter c to c+1 takes (c-5)*factor+1 hits on average, so reaching c
  // from the initial 5 takes sum over b < c-5 of (b*factor+1) hits: 793 for 18 at factor 10, 100,000
  // for about 147. (redis.conf's table, measured on a live server with decay, lists 18 and 142.)
  const expectedHits = (counter: number, factor: number): number => {
    let hits = 0;
    for (let b = 0; b < counter - 5; b++) hits += b * factor + 1;
    return hits;
  };
  it.each([
    [100, 10],
    [1000, 10],
    [100_000, 10],
    [1000, 1],
    [10_000, 100],
  ])('after %i hits at factor %i sits where the expected number of hits says', (hits, factor) => {
    const rng = createRng(8);
    let sum = 0;
    const trials = 200;
    for (let trial = 0; trial < trials; trial++) {
      let counter = 5;
      for (let i = 0; i < hits; i++) counter = incrementLfuCounter(counter, factor, rng.next());
      sum += counter;
    }
    const mean = sum / trials;
    expect(mean).toBeLessThan(255);
    expect(Math.abs(expectedHits(mean, factor) - hits) / hits).toBeLessThan(0.1);
  });

  it('saturates at 255', () => {
    const rng = createRng(9);
    let counter = 5;
    for (let i = 0; i < 1_000_000; i++) counter = incrementLfuCounter(counter, 1, rng.next());
    expect(counter).toBe(255);
  });

  it('always increments a counter at or below the initial value of 5', () => {
    expect(incrementLfuCounter(5, 10, 0.999)).toBe(6);
    expect(incrementLfuCounter(3, 100, 0.999)).toBe(4);
    expect(incrementLfuCounter(255, 0, 0)).toBe(255);
  });
});

describe('Redis eviction', () => {
  it('noeviction refuses writes once full and never evicts', () => {
    let evictions = 0;
    const policy = createPolicy('noeviction', { capacity: 2, keySpace: 5, onEvict: () => evictions++ });
    expect(policy.access(request(0))).toBe(Access.Stored);
    expect(policy.access(request(1))).toBe(Access.Stored);
    expect(policy.access(request(2))).toBe(Access.Refused);
    expect(policy.access(request(0))).toBe(Access.Hit);
    expect(policy.contains(2)).toBe(false);
    expect(evictions).toBe(0);
  });

  it.each(['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl'])('%s evicts only keys with a TTL, and refuses when none has one', (id) => {
    const evicted: number[] = [];
    const policy = createPolicy(id, { capacity: 3, keySpace: 10, onEvict: (key) => evicted.push(key) });
    policy.access(request(0));
    policy.access(request(1, { expiresAt: 100 }));
    policy.access(request(2));
    expect(policy.access(request(3, { expiresAt: 50 }))).toBe(Access.Stored);
    expect(evicted).toEqual([1]);
    expect(policy.access(request(4))).toBe(Access.Stored);
    expect(evicted).toEqual([1, 3]);
    expect(policy.access(request(5))).toBe(Access.Refused);
    expect([0, 2, 4].every((key) => policy.contains(key))).toBe(true);
  });

  it('volatile-ttl evicts the key expiring soonest among those sampled', () => {
    const evicted: number[] = [];
    // With 3 keys and 5 samples every volatile key is sampled, so the choice is exact.
    const policy = createPolicy('volatile-ttl', { capacity: 3, keySpace: 10, onEvict: (key) => evicted.push(key) });
    policy.access(request(0, { expiresAt: 30 }));
    policy.access(request(1, { expiresAt: 10 }));
    policy.access(request(2, { expiresAt: 20 }));
    policy.access(request(3, { expiresAt: 40 }));
    policy.access(request(4, { expiresAt: 40 }));
    expect(evicted).toEqual([1, 2]);
  });

  it('allkeys-lru with enough samples to see every key evicts the key idle longest by its seconds clock', () => {
    const evicted: number[] = [];
    const policy = createPolicy('allkeys-lru', { capacity: 3, keySpace: 10, onEvict: (key) => evicted.push(key) });
    policy.access(request(0, { time: 0.1 }));
    policy.access(request(1, { time: 1.2 }));
    policy.access(request(2, { time: 2.3 }));
    policy.access(request(0, { time: 3.4 })); // key 0 touched: now key 1 is idle longest
    policy.access(request(3, { time: 4.5 }));
    expect(evicted).toEqual([1]);
  });

  it('counts refused writes as OOM errors in a replay', () => {
    const result = simulate({ workload: { kind: 'uniform', keys: 100 }, policy: 'noeviction', capacity: 10, requests: 1000, seed: 1, requestRate: 1000 });
    expect(result.evictions).toBe(0);
    // Exactly the first 10 distinct keys are stored; every other miss is refused.
    expect(result.oomErrors).toBe(result.misses - 10);
    expect(result.hits).toBeGreaterThan(0);
  });

  it('with maxmemory-samples 1 does worse than random, as measured on Redis, and better with more samples', () => {
    // 10,000 req/s: a second of the LRU clock spans 5 cache-fulls, fine enough for sampling to tell keys apart.
    const run = (policy: string, samples: number): number =>
      simulate({
        workload: { kind: 'zipf', keys: 20_000, alpha: 0.9 }, policy, capacity: 2000, requests: 400_000, seed: 3,
        requestRate: 10_000, redis: { maxmemorySamples: samples },
      }).hitRatio;
    const random = run('allkeys-random', 5);
    expect(run('allkeys-lru', 1)).toBeLessThan(random);
    expect(run('allkeys-lru', 5)).toBeGreaterThan(random);
    expect(run('allkeys-lru', 10)).toBeGreaterThan(run('allkeys-lru', 5));
  });

  it('allkeys-lru approaches exact LRU when its one-second clock is fine enough for the rate', () => {
    const run = (policy: string, requestRate: number, samples = 10): number =>
      simulate({
        workload: { kind: 'zipf', keys: 20_000, alpha: 0.9 }, policy, capacity: 2000, requests: 400_000, seed: 3,
        requestRate, redis: { maxmemorySamples: samples },
      }).hitRatio;
    const exact = run('lru', 1000);
    // At 100,000 req/s a second holds 50 cache-fulls of requests, so idle times tie and Redis falls well short.
    expect(exact - run('allkeys-lru', 100_000)).toBeGreaterThan(0.02);
    expect(Math.abs(exact - run('allkeys-lru', 100))).toBeLessThan(0.01);
  });
});
