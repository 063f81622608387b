import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { changedNodes, distribute, distributeKeys, nodeNames } from '../../../src/sim/distribution/distribute';
import { md5Points, numberedKeys } from '../../../src/sim/distribution/keys';
import { defaultSchemeOptions, type DistributionNode } from '../../../src/sim/distribution/scheme';
import { jumpHash } from '../../../src/sim/distribution/schemes/jump';
import { ketamaRing, ring } from '../../../src/sim/distribution/schemes/ring';
import { schemes } from '../../../src/sim/distribution';

/** Lamping and Veach's JumpConsistentHash, transcribed from the paper's C code with BigInt. */
function referenceJump(key: bigint, buckets: number): number {
  let b = -1n;
  let j = 0n;
  while (j < BigInt(buckets)) {
    b = j;
    key = BigInt.asUintN(64, key * 2862933555777941757n + 1n);
    j = BigInt(Math.floor(Number(b + 1n) * (Number(1n << 31n) / Number((key >> 33n) + 1n))));
  }
  return Number(b);
}

const options = defaultSchemeOptions;
const named = (prefix: string, count: number): DistributionNode[] => Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${i + 1}`, weight: 1 }));

describe('jump consistent hash', () => {
  it("agrees with the paper's code on 64-bit keys, carries included", () => {
    const keys = [0n, 1n, 0xffffffffn, 0x100000000n, 0xffffffffffffffffn, 0x8000000000000000n, 0x123456789abcdef0n];
    for (let i = 0; i < 2000; i++) keys.push(BigInt.asUintN(64, BigInt(i) * 0x9e3779b97f4a7c15n));
    for (const key of keys) {
      for (const buckets of [1, 2, 10, 11, 1000]) {
        expect(jumpHash(Number(key >> 32n), Number(key & 0xffffffffn), buckets)).toBe(referenceJump(key, buckets));
      }
    }
  });
});

describe('the ketama ring', () => {
  it('takes four points per MD5 digest of "name-k", little-endian, as libketama does', () => {
    const built = ketamaRing([{ name: 'cache-a', weight: 1 }], 8);
    const expected = [...md5Points('cache-a-0'), ...md5Points('cache-a-1')].sort((a, b) => a - b);
    expect([...built.positions]).toEqual(expected);
    // md5("cache-a-0") from node:crypto, bytes 0-3 read little-endian.
    expect(md5Points('cache-a-0')[0]).toBe(createHash('md5').update('cache-a-0').digest().readUInt32LE(0));
  });

  it('gives weighted nodes points in proportion', () => {
    const built = ketamaRing([{ name: 'a', weight: 1 }, { name: 'b', weight: 3 }], 160);
    const counts = [0, 0];
    for (const owner of built.owners) counts[owner]!++;
    expect(counts).toEqual([80, 240]);
  });

  it('spreads load with the coefficient of variation sqrt((n-1)/(nk+1) + (n-1)/K)', () => {
    // 10 nodes, k points each, K = 100,000 keys; the root mean square over 20 clusters with
    // different node names, since one ring is a single draw. The figures: about 0.3,
    // 0.075 and 0.03, with max/mean near 1.54, 1.12 and 1.05.
    const keys = numberedKeys(100_000);
    const n = 10;
    const trials = 20;
    for (const [k, maxOverMean, tolerance] of [[10, 1.54, 0.08], [160, 1.12, 0.04], [1000, 1.05, 0.02]] as const) {
      let squares = 0;
      let ratios = 0;
      for (let t = 0; t < trials; t++) {
        const result = distributeKeys('ring', named(`cluster${t}-node`, n), keys, null, { ...options, vnodes: k }, 0);
        squares += result.before.keys.cv ** 2;
        ratios += result.before.keys.maxOverMean;
      }
      const theory = Math.sqrt((n - 1) / (n * k + 1) + (n - 1) / keys.size);
      const rms = Math.sqrt(squares / trials);
      expect(Math.abs(rms - theory) / theory, `k = ${k}: ${rms} against ${theory}`).toBeLessThan(0.15);
      expect(Math.abs(ratios / trials - maxOverMean), `k = ${k}`).toBeLessThan(tolerance);
    }
  });
});

describe('keys moved by a membership change', () => {
  const keys = numberedKeys(100_000);

  it('moves about 1/11 of the keys when an 11th node joins 10, for the consistent schemes', () => {
    for (const scheme of ['jump', 'rendezvous', 'redis-cluster']) {
      const result = distributeKeys(scheme, nodeNames(10), keys, null, options, 1);
      expect(Math.abs(result.movedFraction - 1 / 11), scheme).toBeLessThan(0.005);
      // Every moved key moved to the new node.
      expect(result.after!.nodes[10]!.keys).toBe(result.movedKeys);
    }
    // A ring's new node takes a random share (about 0.091 +- 0.007 at 160 points): averaged over clusters.
    let moved = 0;
    for (let t = 0; t < 10; t++) moved += distributeKeys('ring', named(`cluster${t}-node`, 10), keys, null, options, 1).movedFraction;
    expect(Math.abs(moved / 10 - 1 / 11)).toBeLessThan(0.006);
  });

  it('moves about 10/11 of the keys for modulo-N', () => {
    const result = distributeKeys('modulo', nodeNames(10), keys, null, options, 1);
    expect(Math.abs(result.movedFraction - 10 / 11)).toBeLessThan(0.005);
  });

  it("moves only the leaving node's keys when one of 11 leaves", () => {
    for (const scheme of ['ring', 'jump', 'rendezvous', 'redis-cluster']) {
      const result = distributeKeys(scheme, nodeNames(11), keys, null, options, -1);
      expect(result.movedKeys, scheme).toBe(result.before.nodes[10]!.keys);
    }
  });

  it('reports the least any scheme could move', () => {
    const report = distribute({ schemes: ['jump'], nodes: 10, vnodes: 160, loadFactor: 0.25, keys: 20_000, requests: 0, alpha: 1, seed: 1, change: 1 });
    expect(report.minimumMovedFraction).toBeCloseTo(1 / 11, 12);
    expect(report.nodesAfter).toBe(11);
  });
});

describe('evenness at the sampling floor', () => {
  it('puts jump hash and rendezvous at about sqrt((n-1)/K) = 0.003 for a million keys over 10 nodes', () => {
    const keys = numberedKeys(1_000_000);
    for (const scheme of ['jump', 'rendezvous']) {
      const cv = distributeKeys(scheme, nodeNames(10), keys, null, options, 0).before.keys.cv;
      expect(cv, scheme).toBeGreaterThan(0.0015);
      expect(cv, scheme).toBeLessThan(0.0045);
    }
  });
});

describe('bounded loads', () => {
  it('never puts more than ceil((1 + epsilon) x mean) keys on a node, before or after a change', () => {
    const keys = numberedKeys(50_000);
    // Ten points per node leave this ring's busiest node 1.36 x the mean without the bound.
    const unbounded = distributeKeys('ring', nodeNames(10), keys, null, { vnodes: 10, loadFactor: 0.1 }, 0).before.keys.max;
    expect(unbounded / (keys.size / 10)).toBeGreaterThan(1.3);
    for (const epsilon of [0.1, 0.25, 0.5]) {
      const bound = Math.ceil((1 + epsilon) * (keys.size / 10));
      const result = distributeKeys('bounded', nodeNames(10), keys, null, { vnodes: 10, loadFactor: epsilon }, 1);
      expect(result.before.keys.max).toBeLessThanOrEqual(bound);
      expect(result.after!.keys.max).toBeLessThanOrEqual(Math.ceil((1 + epsilon) * (keys.size / 11)));
      // Where the ring alone would go over, the busiest node fills up to the bound; elsewhere nothing changes.
      if (unbounded > bound) expect(result.before.keys.max).toBeGreaterThan(bound - 5);
      else expect(result.before.keys.max).toBe(unbounded);
    }
  });
});

describe('weights', () => {
  it('gives the weighted schemes load in proportion to weight', () => {
    const keys = numberedKeys(100_000);
    const nodes = [{ name: 'small', weight: 1 }, { name: 'medium', weight: 2 }, { name: 'large', weight: 4 }];
    for (const scheme of ['rendezvous', 'ring']) {
      const shares = distributeKeys(scheme, nodes, keys, null, { ...options, vnodes: 1000 }, 0).before.nodes.map((n) => n.keys / keys.size);
      shares.forEach((share, i) => expect(Math.abs(share - nodes[i]!.weight / 7), `${scheme} ${nodes[i]!.name}`).toBeLessThan(scheme === 'ring' ? 0.02 : 0.005));
    }
  });

  it('refuses weights where the scheme has none, naming the alternatives', () => {
    for (const scheme of schemes.filter((s) => !s.weighted && s.id !== 'redis-cluster')) {
      expect(() => scheme.place([{ name: 'a', weight: 1 }, { name: 'b', weight: 2 }], options)).toThrow(/no node weights; use the ring/);
    }
  });
});

describe('traffic', () => {
  it('counts requests per node from the Zipf stream, so the hottest key weighs on its node', () => {
    const report = distribute({ schemes: ['jump'], nodes: 4, vnodes: 160, loadFactor: 0.25, keys: 1000, requests: 100_000, alpha: 1.2, seed: 3, change: 1 });
    const result = report.results[0]!;
    expect(result.before.nodes.reduce((sum, n) => sum + n.requests, 0)).toBe(100_000);
    expect(result.before.nodes.reduce((sum, n) => sum + n.keys, 0)).toBe(1000);
    // Zipf traffic is far less even than keys.
    expect(result.before.requests!.cv).toBeGreaterThan(3 * result.before.keys.cv);
    expect(result.movedRequestFraction).toBeGreaterThan(0);
  });

  it('keeps at least one node', () => {
    expect(() => changedNodes(nodeNames(2), -2)).toThrow(/at least one must stay/);
    expect(() => ring.place([], options)).toThrow(/at least one node/);
  });
});
