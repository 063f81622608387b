import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/sim/rng';
import { createKeyStream } from '../../src/sim/workloads';
import type { WorkloadSpec } from '../../src/sim/workloads/workload';

function histogram(spec: WorkloadSpec, requests: number, seed = 1): number[] {
  const counts = new Array<number>(spec.keys).fill(0);
  const stream = createKeyStream(spec, createRng(seed), requests);
  for (let i = 0; i < requests; i++) counts[stream.next()]!++;
  return counts;
}

function chiSquare(observed: number[], probabilities: number[]): number {
  const total = observed.reduce((a, b) => a + b, 0);
  return observed.reduce((sum, o, i) => sum + (o - total * probabilities[i]!) ** 2 / (total * probabilities[i]!), 0);
}

// 0.999 quantile of the chi-square distribution with 49 degrees of freedom (50 keys, nothing fitted).
const CHI2_49_999 = 85.35;

describe('Zipf sampler', () => {
  it('matches the Zipf(0.9) distribution over 50 keys (chi-square, seed 1)', () => {
    const keys = 50;
    const weights = Array.from({ length: keys }, (_, k) => (k + 1) ** -0.9);
    const total = weights.reduce((a, b) => a + b, 0);
    const statistic = chiSquare(histogram({ kind: 'zipf', keys, alpha: 0.9 }, 200_000), weights.map((w) => w / total));
    expect(statistic).toBeLessThan(CHI2_49_999);
    // A sampler that drifted by a few percent would not pass: uniform traffic is far off.
    const uniformStatistic = chiSquare(histogram({ kind: 'uniform', keys }, 200_000), weights.map((w) => w / total));
    expect(uniformStatistic).toBeGreaterThan(10 * CHI2_49_999);
  });

  it('with alpha 0 is uniform', () => {
    const statistic = chiSquare(histogram({ kind: 'zipf', keys: 50, alpha: 0 }, 100_000), new Array(50).fill(1 / 50));
    expect(statistic).toBeLessThan(CHI2_49_999);
  });
});

describe('other workloads', () => {
  it('uniform covers every key evenly', () => {
    expect(chiSquare(histogram({ kind: 'uniform', keys: 50 }, 100_000), new Array(50).fill(1 / 50))).toBeLessThan(CHI2_49_999);
  });

  it('hotspot sends the stated share of requests to the hot keys', () => {
    const counts = histogram({ kind: 'hotspot', keys: 100, hotRequestPercent: 80, hotKeyPercent: 20 }, 100_000);
    const hot = counts.slice(0, 20).reduce((a, b) => a + b, 0) / 100_000;
    // Binomial standard deviation sqrt(0.8 * 0.2 / 100000) = 0.00126; allow four of them.
    expect(hot).toBeGreaterThan(0.8 - 0.005);
    expect(hot).toBeLessThan(0.8 + 0.005);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  it('scan loops over the keys in order', () => {
    const stream = createKeyStream({ kind: 'scan', keys: 3 }, createRng(1), 7);
    expect(Array.from({ length: 7 }, () => stream.next())).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it('shift moves the hot keys halfway through', () => {
    const keys = 100;
    const stream = createKeyStream({ kind: 'shift', keys, alpha: 1.2 }, createRng(3), 20_000);
    const first = new Array<number>(keys).fill(0);
    const second = new Array<number>(keys).fill(0);
    for (let i = 0; i < 20_000; i++) (i < 10_000 ? first : second)[stream.next()]!++;
    expect(first.indexOf(Math.max(...first))).toBe(0);
    expect(second.indexOf(Math.max(...second))).toBe(50);
    expect(second[0]).toBeLessThan(second[50]! / 10);
  });

  it('rejects impossible parameters with a message naming them', () => {
    expect(() => createKeyStream({ kind: 'zipf', keys: 0, alpha: 1 }, createRng(1), 1)).toThrow(/keys/);
    expect(() => createKeyStream({ kind: 'zipf', keys: 10, alpha: -1 }, createRng(1), 1)).toThrow(/alpha/);
    expect(() => createKeyStream({ kind: 'hotspot', keys: 10, hotRequestPercent: 120, hotKeyPercent: 5 }, createRng(1), 1)).toThrow(
      /hotRequestPercent/,
    );
  });
});
