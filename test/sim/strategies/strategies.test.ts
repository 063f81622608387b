import { describe, expect, it } from 'vitest';
import { EventLoop, wait, type Process } from '../../../src/sim/des/eventLoop';
import { latencySampler } from '../../../src/sim/des/latency';
import { createRng } from '../../../src/sim/rng';
import { strategies } from '../../../src/sim/strategies';
import { defaultStrategyConfig, simulateStrategies, type ScriptedRequest, type StrategyRunConfig } from '../../../src/sim/strategies/simulateStrategies';

/** Fixed latencies (cache 1 ms, DB 10 ms), no crash, no contention: every figure below is worked by hand. */
function worked(strategy: string, script: ScriptedRequest[], overrides: Partial<StrategyRunConfig> = {}) {
  const config: StrategyRunConfig = {
    ...defaultStrategyConfig,
    strategies: [strategy],
    cacheLatency: { kind: 'fixed', ms: 1 },
    dbLatency: { kind: 'fixed', ms: 10 },
    dbConnections: 10,
    concurrency: 10,
    ttl: 60,
    crashAt: undefined,
    script,
    ...overrides,
  };
  return simulateStrategies(config)[0]!;
}

const read = (time: number, key = 0): ScriptedRequest => ({ time, key, op: 'read' });
const write = (time: number, key = 0): ScriptedRequest => ({ time, key, op: 'write' });
const readWriteRead = [read(0), read(0.1), write(0.2), read(0.3)];

describe('write strategies, worked by hand', () => {
  it('cache-aside: a miss costs GET + SELECT + SET, a write costs UPDATE + DEL and leaves the cache cold', () => {
    // read at 0: GET (1) + DB (10) + SET (1) = 12 ms; hit at 0.1: 1 ms; write: DB (10) + DEL (1) = 11 ms;
    // read at 0.3 misses again. Read latencies 1, 12, 12: p50 and p99 are 12 ms (nearest rank).
    const result = worked('cache-aside', readWriteRead);
    expect(result).toMatchObject({ reads: 3, writes: 1, hits: 1, dbReads: 2, dbWrites: 1, staleReads: 0, warmAfterWrite: 0, lostWrites: 0 });
    expect(result.hitRatio).toBeCloseTo(1 / 3, 12);
    expect(result.readLatency.p50).toBeCloseTo(12, 9);
    expect(result.readLatency.p99).toBeCloseTo(12, 9);
    expect(result.writeLatency.p50).toBeCloseTo(11, 9);
  });

  it('write-through: the write sets the new value, so the next read hits it', () => {
    // write: DB (10) + SET (1) = 11 ms; reads: 12, 1, 1 ms.
    const result = worked('write-through', readWriteRead);
    expect(result).toMatchObject({ hits: 2, dbReads: 1, dbWrites: 1, warmAfterWrite: 1, staleReads: 0 });
    expect(result.readLatency.p50).toBeCloseTo(1, 9);
    expect(result.writeLatency.p50).toBeCloseTo(11, 9);
  });

  it('write-behind: acknowledged after the cache SET alone, flushed later, lost if the node crashes first', () => {
    const flushed = worked('write-behind', readWriteRead, { flushInterval: 1 });
    expect(flushed).toMatchObject({ hits: 2, dbWrites: 1, lostWrites: 0, warmAfterWrite: 1 });
    expect(flushed.writeLatency.p50).toBeCloseTo(1, 9);
    // The write is acknowledged at 0.201; the crash at 0.5 loses it. The read at 0.6 misses, gets
    // version 0 from the DB and returns at 0.612: stale for 0.612 - 0.201 = 411 ms.
    const crashed = worked('write-behind', [...readWriteRead, read(0.6)], { flushInterval: 1, crashAt: 0.5 });
    expect(crashed).toMatchObject({ lostWrites: 1, dbWrites: 0, staleReads: 1 });
    expect(crashed.longestStaleMs).toBeCloseTo(411, 6);
  });

  it('write-around: the cached copy survives the write, so the next read is stale', () => {
    // The write commits and is acknowledged at 0.210; the read at 0.3 hits version 0 at 0.301: 91 ms stale.
    const result = worked('write-around', readWriteRead);
    expect(result).toMatchObject({ hits: 2, staleReads: 1, dbReads: 1 });
    expect(result.longestStaleMs).toBeCloseTo(91, 6);
  });

  it('read-through: readers that miss together share one DB read', () => {
    // Both GETs miss (at 1 and 1.5 ms); the cache's one load returns at 11 ms and is set at 12 ms.
    const together = [read(0), read(0.0005)];
    const loading = worked('read-through', together);
    expect(loading.dbReads).toBe(1);
    expect(loading.readLatency.p50).toBeCloseTo(11.5, 9);
    expect(worked('cache-aside', together).dbReads).toBe(2);
  });

  it('refresh-ahead: a hit late in its TTL reloads the key in the background, so it never expires', () => {
    // TTL 1 s, threshold 0.5. Filled at 0.012 (expires 1.012); the hit at 0.6 has 0.411 s left, under
    // 0.5 s, so a refresh sets it again at 0.612 (expires 1.612) and the read at 1.1 hits.
    const script = [read(0), read(0.6), read(1.1)];
    const ahead = worked('refresh-ahead', script, { ttl: 1, refreshThreshold: 0.5 });
    expect(ahead).toMatchObject({ hits: 2, dbReads: 2 });
    expect(worked('cache-aside', script, { ttl: 1 })).toMatchObject({ hits: 1, dbReads: 2 });
  });

  it('a lost invalidation leaves the old value cached; a duplicated one deletes a fill made in between', () => {
    // Cache-aside, every DEL lost: the write commits at 0.210 and is acknowledged at 0.211 after its
    // DEL, which never lands, so the read at 0.3 hits version 0 at 0.301: 90 ms stale.
    const lost = worked('cache-aside', readWriteRead, { lostInvalidationPercent: 100 });
    expect(lost).toMatchObject({ staleReads: 1, hits: 2, lostInvalidations: 1 });
    expect(lost.longestStaleMs).toBeCloseTo(90, 6);
    // A write at 0 commits at 0.010; its DEL lands at 0.011 and, duplicated, again at 0.012. A read at
    // 0 misses (GET at 0.001), reads version 1 at 0.011 and sets it at 0.012, just before the duplicate
    // removes it: the read at 0.1 misses where, without the duplicate, it hits.
    const script = [write(0), read(0), read(0.1)];
    expect(worked('cache-aside', script, { duplicatedInvalidationPercent: 100 })).toMatchObject({ hits: 0, dbReads: 2, staleReads: 0 });
    expect(worked('cache-aside', script)).toMatchObject({ hits: 1, dbReads: 1 });
  });

  it('queues DB queries beyond the connection pool', () => {
    // Five misses at once on distinct keys, two connections: DB answers at 11, 11, 21, 21, 31 ms.
    const script = [0, 1, 2, 3, 4].map((key) => read(0, key));
    const result = worked('cache-aside', script, { dbConnections: 2 });
    expect(result.peakDbConcurrency).toBe(2);
    expect(result.readLatency.p50).toBeCloseTo(22, 9);
    expect(result.readLatency.p99).toBeCloseTo(32, 9);
  });
});

describe('the strategy comparison', () => {
  // 5 s of requests at 1,000 a second, with the cache node crashing at 3 s.
  const config = { ...defaultStrategyConfig, requests: 5_000, crashAt: 3 };
  const results = simulateStrategies(config);
  const byId = Object.fromEntries(results.map((result) => [result.strategy, result]));

  it('runs every strategy over the same requests, deterministically', () => {
    expect(results.map((result) => result.strategy)).toEqual(strategies.map((strategy) => strategy.id));
    for (const result of results) expect([result.reads + result.writes, result.writes]).toEqual([5_000, results[0]!.writes]);
    expect(simulateStrategies(config)).toEqual(results);
  });

  it('shows what the textbook table says, measured', () => {
    // Write latency: write-behind acknowledges after one cache round trip, the others wait for the DB.
    expect(byId['write-behind']!.writeLatency.p50).toBeLessThan(byId['cache-aside']!.writeLatency.p50 / 5);
    // Warm on write: only the strategies that set the written value.
    expect(byId['write-through']!.warmAfterWrite).toBe(1);
    expect(byId['cache-aside']!.warmAfterWrite).toBe(0);
    // Stale data: write-around serves old values until the TTL; write-through almost never.
    expect(byId['write-around']!.staleReads).toBeGreaterThan(20 * Math.max(1, byId['cache-aside']!.staleReads));
    // Data loss: only write-behind loses acknowledged writes in the crash.
    expect(byId['write-behind']!.lostWrites).toBeGreaterThan(0);
    for (const id of ['cache-aside', 'read-through', 'write-through', 'write-around', 'refresh-ahead']) expect(byId[id]!.lostWrites).toBe(0);
    // Write-behind batches its DB writes.
    expect(byId['write-behind']!.dbWrites).toBeLessThan(byId['write-through']!.dbWrites / 5);
  });

  it('names a bad configuration', () => {
    expect(() => simulateStrategies({ ...defaultStrategyConfig, strategies: ['write-sideways'] })).toThrow("unknown strategy 'write-sideways'");
    expect(() => simulateStrategies({ ...defaultStrategyConfig, writePercent: 120 })).toThrow('writePercent must be from 0 to 100, not 120');
    expect(() => simulateStrategies({ ...defaultStrategyConfig, dbLatency: { kind: 'lognormal', medianMs: 5, p99Ms: 1 } })).toThrow(
      'p99Ms must be at least medianMs (5), not 1',
    );
  });
});

describe('the event loop', () => {
  it('orders events by time, then by when they were scheduled, and resumes processes with values', () => {
    const loop = new EventLoop();
    const log: string[] = [];
    function* worker(name: string, delay: number): Process<number> {
      yield* wait(loop.delay(delay));
      log.push(`${name}@${loop.now}`);
      return delay * 2;
    }
    let result = 0;
    loop.spawn(worker('b', 2), (value) => (result = value));
    loop.spawn(worker('a', 1));
    loop.spawn(worker('c', 2));
    loop.run();
    expect(log).toEqual(['a@1', 'b@2', 'c@2']);
    expect(result).toBe(4);
  });

  it('samples log-normal latencies with the median and 99th percentile asked for', () => {
    const sample = latencySampler({ kind: 'lognormal', medianMs: 5, p99Ms: 40 }, createRng(1));
    const values = Array.from({ length: 200_000 }, sample).sort((a, b) => a - b);
    expect(values[100_000]! * 1000).toBeCloseTo(5, 0);
    expect(values[198_000]! * 1000).toBeGreaterThan(38);
    expect(values[198_000]! * 1000).toBeLessThan(42);
  });
});
