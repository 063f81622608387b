import { describe, expect, it } from 'vitest';
import { memorySource } from '../../../src/sim/memorySource';
import { exactLruMrc, missRatioAt, shardsMrc, errorAt } from '../../../src/sim/mrc/mrc';
import { replay } from '../../../src/sim/simulate';
import { Op, RequestChunk, type RequestSource } from '../../../src/sim/source';
import { workloadSource } from '../../../src/sim/workloads/source';
import type { WorkloadSpec } from '../../../src/sim/workloads/workload';

function keysOf(spec: WorkloadSpec, requests: number, seed = 1): Int32Array {
  const source = workloadSource(spec, seed, requests);
  const keys = new Int32Array(requests);
  const chunk = new RequestChunk();
  let filled = 0;
  for (let count = source.read(chunk); count > 0; count = source.read(chunk)) {
    keys.set(chunk.keys.subarray(0, count), filled);
    filled += count;
  }
  return keys;
}

/** Hits of an LRU cache of every capacity, by brute force: a plain array kept in recency order. */
function bruteForceHits(keys: ArrayLike<number>, keySpace: number, deletes = new Set<number>()): number[] {
  return Array.from({ length: keySpace + 1 }, (_, capacity) => {
    const order: number[] = [];
    let hits = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const at = order.indexOf(key);
      if (deletes.has(i)) {
        if (at !== -1) order.splice(at, 1);
        continue;
      }
      if (at !== -1) {
        hits++;
        order.splice(at, 1);
      } else if (order.length >= capacity) {
        order.shift();
      }
      if (capacity > 0) order.push(key);
    }
    return hits;
  });
}

/** A source over explicit keys with some requests marked as deletes. */
function withDeletes(keys: number[], keySpace: number, deletes: Set<number>): RequestSource {
  const inner = memorySource('deletes', Int32Array.from(keys), keySpace);
  let position = 0;
  return {
    ...inner,
    has: { ...inner.has, ops: true },
    read(chunk) {
      const count = inner.read(chunk);
      for (let i = 0; i < count; i++) chunk.ops[i] = deletes.has(position + i) ? Op.Delete : Op.Read;
      position += count;
      return count;
    },
    rewind() {
      inner.rewind();
      position = 0;
    },
  };
}

describe('exact LRU miss-ratio curve', () => {
  it('works out stack distances on a hand-made trace', () => {
    // a b c a b d a: distances -, -, -, 3, 3, -, 3; so 3 hits need 3 slots, none fit in 2.
    const curve = exactLruMrc(memorySource('hand', Int32Array.from([0, 1, 2, 0, 1, 3, 0]), 4));
    expect([...curve.hits]).toEqual([0, 0, 0, 3, 3]);
    expect(missRatioAt(curve, 3)).toBeCloseTo(4 / 7, 12);
    expect(errorAt(curve, 3)).toBe(0);
  });

  it.each([
    [{ kind: 'zipf', keys: 60, alpha: 0.9 }],
    [{ kind: 'uniform', keys: 50 }],
    [{ kind: 'scan', keys: 40 }],
    [{ kind: 'shift', keys: 80, alpha: 1.1 }],
    [{ kind: 'hotspot', keys: 70, hotRequestPercent: 90, hotKeyPercent: 10 }],
  ] as WorkloadSpec[][])('equals a brute-force LRU at every capacity for %j (compaction included)', (spec) => {
    // 3,000 requests over at most 80 keys: the 1,024-slot tree compacts several times.
    const keys = keysOf(spec, 3000);
    const curve = exactLruMrc(memorySource('w', keys, spec.keys));
    expect([...curve.hits]).toEqual(bruteForceHits(keys, spec.keys));
  });

  it('agrees with the simulator\'s LRU at any size on a larger trace', () => {
    const spec: WorkloadSpec = { kind: 'zipf', keys: 20_000, alpha: 0.9 };
    const keys = keysOf(spec, 200_000, 3);
    const curve = exactLruMrc(memorySource('w', keys, spec.keys));
    for (const capacity of [1, 37, 500, 2000, 9999, 20_000]) {
      const result = replay(memorySource('w', keys, spec.keys), { policy: 'lru', capacity, seed: 1, requestRate: 1 });
      expect(curve.hits[capacity]).toBe(result.hits);
    }
  });

  it('treats a delete as removing the key from the stack, so its next read is a cold miss', () => {
    // Reads 0 1 (delete 0) 2 1 0 (delete 1) 2 0: 1 is at distance 2 (2 came since, 0 left); 0 is cold;
    // 2 is at distance 2 (0 since; 1 left); the last 0 at distance 2 (2 since). So 3 hits from size 2.
    const keys = [0, 1, 0, 2, 1, 0, 1, 2, 0];
    const deletes = new Set([2, 6]);
    const curve = exactLruMrc(withDeletes(keys, 3, deletes));
    expect(curve.requests).toBe(7);
    expect([...curve.hits]).toEqual([0, 0, 3, 3]);
    // A real LRU cache of 2 keeps no slot for what was deleted (2 was evicted for it earlier), so it
    // gets 2: with deletes the curve is an upper bound, exact again for traces without them.
    expect(bruteForceHits(keys, 3, deletes)[2]).toBe(2);
  });
});

describe('SHARDS', () => {
  const spec: WorkloadSpec = { kind: 'zipf', keys: 100_000, alpha: 0.9 };
  const keys = keysOf(spec, 1_000_000, 5);
  const exact = exactLruMrc(memorySource('w', keys, spec.keys));
  const sizes = Array.from({ length: 20 }, (_, i) => Math.round(1000 + i * 2500));

  it('stays within 0.01 of the exact curve at rate 0.1 (the SHARDS paper reports mean absolute errors of 0.001 to 0.01), with errors of the right order', () => {
    const sampled = shardsMrc(memorySource('w', keys, spec.keys), { rate: 0.1, seed: 7 });
    const errors = sizes.map((size) => Math.abs(missRatioAt(sampled, size) - missRatioAt(exact, size)));
    const meanAbsoluteError = errors.reduce((a, b) => a + b, 0) / errors.length;
    expect(meanAbsoluteError).toBeLessThan(0.01);
    expect(sampled.sampledRequests).toBeGreaterThan(50_000);
    expect(sampled.sampledRequests).toBeLessThan(150_000);
    // The reported (split-half) error has the same order as the error actually made.
    const reported = sizes.map((size) => errorAt(sampled, size));
    const meanReported = reported.reduce((a, b) => a + b, 0) / reported.length;
    expect(meanReported).toBeGreaterThan(meanAbsoluteError / 10);
    expect(meanReported).toBeLessThan(meanAbsoluteError * 10);
  });

  it('is deterministic for a seed, differs across seeds, and rejects a bad rate', () => {
    const a = shardsMrc(memorySource('w', keys, spec.keys), { rate: 0.01, seed: 1 });
    const b = shardsMrc(memorySource('w', keys, spec.keys), { rate: 0.01, seed: 1 });
    const c = shardsMrc(memorySource('w', keys, spec.keys), { rate: 0.01, seed: 2 });
    expect([...a.hits]).toEqual([...b.hits]);
    expect(a.sampledRequests).not.toBe(c.sampledRequests);
    expect(() => shardsMrc(memorySource('w', keys, spec.keys), { rate: 0 })).toThrow('sampling rate must be in (0, 1]');
  });

  it('gives the exact curve at rate 1', () => {
    const full = shardsMrc(memorySource('w', keys.subarray(0, 50_000), spec.keys), { rate: 1 });
    const exactSmall = exactLruMrc(memorySource('w', keys.subarray(0, 50_000), spec.keys));
    expect([...full.hits]).toEqual([...exactSmall.hits]);
  });
});
