import { beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate';
import { RequestChunk } from '../../src/sim/source';
import { workloadSource } from '../../src/sim/workloads/source';
import type { WorkloadSpec } from '../../src/sim/workloads/workload';
import { startRedis } from './redisServer';

/**
 * The simulator's Redis policies against a real Redis (Debian's redis-server): the same seeded
 * Zipf(0.9) GETs, a SET on every miss, in one Lua script per request, pipelined. Redis's hit
 * ratio (INFO keyspace_hits / keyspace_misses) must be within 1.5 points of the simulator's at the
 * same capacity in keys and the request rate Redis achieved, since Redis's LRU clock ticks in
 * seconds of real time.
 */
const KEYS = 100_000;
const REQUESTS = 1_000_000;
const SEED = 11;
const WORKLOAD: WorkloadSpec = { kind: 'zipf', keys: KEYS, alpha: 0.9 };
const PIPELINE = 500;
const TOLERANCE_POINTS = 1.5;
const GET_OR_FILL = "if redis.call('GET', KEYS[1]) then return 1 end redis.call('SET', KEYS[1], ARGV[1]) return 0";

function workloadKeys(): Int32Array {
  const source = workloadSource(WORKLOAD, SEED, REQUESTS);
  const keys = new Int32Array(REQUESTS);
  const chunk = new RequestChunk();
  let filled = 0;
  for (let count = source.read(chunk); count > 0; count = source.read(chunk)) {
    keys.set(chunk.keys.subarray(0, count), filled);
    filled += count;
  }
  return keys;
}

const keyName = (key: number): string => `key:${key}`;

/** Bytes Redis spends per key of this workload, measured by filling an unlimited server. */
async function bytesPerKey(count: number): Promise<number> {
  const server = await startRedis();
  try {
    const before = await server.info('used_memory');
    for (let start = 0; start < count; start += 1000) {
      const pipeline = server.client.pipeline();
      for (let key = start; key < Math.min(count, start + 1000); key++) pipeline.set(keyName(key), 'v');
      await pipeline.exec();
    }
    return ((await server.info('used_memory')) - before) / count;
  } finally {
    await server.stop();
  }
}

interface RedisRun {
  hitRatio: number;
  /** Keys resident on average, sampled through the run. */
  capacity: number;
  requestRate: number;
}

async function replayOnRedis(policy: string, keys: Int32Array, targetKeys: number, perKey: number): Promise<RedisRun> {
  const server = await startRedis({ 'maxmemory-policy': policy, 'maxmemory-samples': '5' });
  try {
    const base = await server.info('used_memory');
    await server.client.config('SET', 'maxmemory', String(Math.round(base + targetKeys * perKey)));
    const sha = (await server.client.script('LOAD', GET_OR_FILL)) as string;
    let residentSum = 0;
    let residentSamples = 0;
    const started = performance.now();
    for (let start = 0; start < keys.length; start += PIPELINE) {
      const pipeline = server.client.pipeline();
      for (let i = start; i < Math.min(keys.length, start + PIPELINE); i++) pipeline.evalsha(sha, 1, keyName(keys[i]!), 'v');
      const replies = await pipeline.exec();
      const failed = replies?.find(([error]) => error);
      if (failed) throw failed[0]!;
      if (start % 50_000 === 0 && start >= keys.length / 4) {
        residentSum += await server.client.dbsize();
        residentSamples++;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const hits = await server.info('keyspace_hits');
    const misses = await server.info('keyspace_misses');
    expect(hits + misses).toBe(keys.length);
    return { hitRatio: hits / (hits + misses), capacity: Math.round(residentSum / residentSamples), requestRate: keys.length / seconds };
  } finally {
    await server.stop();
  }
}

describe('Redis policies against redis-server', () => {
  let keys: Int32Array;
  let perKey: number;
  beforeAll(async () => {
    keys = workloadKeys();
    perKey = await bytesPerKey(20_000);
  }, 60_000);

  const cases = ['allkeys-lru', 'allkeys-lfu', 'allkeys-random'].flatMap((policy) => [5, 10, 25].map((percent) => ({ policy, percent })));
  it.each(cases)('$policy at $percent% of the keys', async ({ policy, percent }) => {
    const run = await replayOnRedis(policy, keys, (KEYS * percent) / 100, perKey);
    const simulated = simulate({ workload: WORKLOAD, policy, capacity: run.capacity, requests: REQUESTS, seed: SEED, requestRate: run.requestRate });
    const gap = Math.abs(simulated.hitRatio - run.hitRatio) * 100;
    // Textbook LRU misses what the seconds clock and sampling do to Redis: the model must be closer.
    const exact = policy === 'allkeys-lru'
      ? simulate({ workload: WORKLOAD, policy: 'lru', capacity: run.capacity, requests: REQUESTS, seed: SEED, requestRate: run.requestRate })
      : undefined;
    const exactGap = exact ? Math.abs(exact.hitRatio - run.hitRatio) * 100 : undefined;
    console.log(
      `${policy} ${percent}%: redis ${(run.hitRatio * 100).toFixed(2)}% with ${run.capacity} keys at ${Math.round(run.requestRate)} req/s; ` +
        `simulator ${(simulated.hitRatio * 100).toFixed(2)}% (gap ${gap.toFixed(2)} points)` +
        (exactGap === undefined ? '' : `; exact LRU ${(exact!.hitRatio * 100).toFixed(2)}% (gap ${exactGap.toFixed(2)} points)`),
    );
    expect(gap).toBeLessThan(TOLERANCE_POINTS);
    if (exactGap !== undefined && percent < 25) expect(exactGap).toBeGreaterThan(gap + 1);
  }, 120_000);
});
