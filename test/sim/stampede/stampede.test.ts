import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/rng';
import { expirationsPerSecond } from '../../../src/sim/stampede/jitter';
import { defaultStampedeConfig, simulateStampede, type StampedeConfig } from '../../../src/sim/stampede/simulateStampede';

const EULER_GAMMA = 0.5772156649;

function run(protection: string, overrides: Partial<StampedeConfig> = {}) {
  return simulateStampede({ ...defaultStampedeConfig, protections: [protection], ...overrides })[0]!;
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

// Each case simulates up to a few hundred thousand requests; allow for a slow machine.
describe('a hot key expiring under load, against theory', { timeout: 60_000 }, () => {
  it('without protection, about rate × delta requests recompute at each expiry', () => {
    // 1,000 requests a second, recomputation 1 s: every request in the second after expiry misses.
    // Theory: 1 + lambda × delta = 1,001 (plus the 1 ms of cache round trips); Poisson noise is about ±32.
    const result = run('none', { rate: 1000, ttl: 60, duration: 200 });
    expect(result.waves).toBe(3);
    expect(result.recomputationsPerExpiry).toBeGreaterThan(1001 * 0.9);
    expect(result.recomputationsPerExpiry).toBeLessThan(1001 * 1.1);
    expect(result.peakDbConcurrency).toBe(result.worstWave);
    expect(result.latencyDuringRefresh.p99).toBeCloseTo(1001, 0); // the recomputation plus two cache round trips
  });

  it('a mutex and single-flight on one server recompute exactly once per expiry', () => {
    for (const protection of ['mutex', 'coalesce']) {
      const result = run(protection, { rate: 1000, ttl: 60, duration: 200 });
      expect([result.waves, result.recomputations, result.worstWave]).toEqual([3, 3, 1]);
    }
  });

  it('a lock that expires before the rebuild ends lets another rebuild start', () => {
    // Rebuilds take 1 s, the lock lives 0.3 s: with a request every millisecond, someone takes the
    // expired lock at about 60.3, 60.6 and 60.9 s, before the first value lands at 61.0: four rebuilds.
    const result = run('mutex', { rate: 1000, ttl: 60, duration: 100, lockTtl: 0.3 });
    expect(result.waves).toBe(1);
    expect(result.recomputations).toBe(4);
  });

  it('single-flight recomputes once per app server', () => {
    const result = run('coalesce', { rate: 1000, ttl: 60, duration: 100, servers: 4 });
    expect([result.waves, result.recomputations]).toEqual([1, 4]);
  });

  it('XFetch refreshes a Gumbel-distributed lead before expiry: on average beta × delta × (ln(lambda × beta × delta) + gamma)', () => {
    // Vattani, Chierichetti and Lowenstein (VLDB 2015). Delta 1 s, 1,000 requests a second, beta 1:
    // ln(1000) + 0.5772 = 7.48 s. A TTL of 20 s instead of 60 changes nothing (a refresh 20 s early has
    // odds of e^-20 per request) and gives more cycles. The lead's standard deviation is
    // pi / sqrt(6) = 1.28 s; over about 35 cycles the mean lands within 1 s of theory almost always.
    const result = run('xfetch', { rate: 1000, ttl: 20, duration: 500, beta: 1 });
    const expected = 1 * 1 * (Math.log(1000 * 1 * 1) + EULER_GAMMA);
    expect(result.leads.length).toBeGreaterThan(15);
    expect(result.expiries).toEqual([]);
    expect(Math.abs(mean(result.leads) - expected)).toBeLessThan(1);
  });

  it.each([
    [0.5, Math.exp(2)],
    [1, Math.exp(1)],
    [2, Math.exp(0.5)],
  ])('XFetch with beta %s starts about e^(1/beta) = %f recomputations per cycle, whatever the rate', (beta, expected) => {
    // While the first early refresh runs (delta), the fire rate lambda × e^(-r/(beta × delta)) keeps
    // rising; its integral from the first firing adds e^(1/beta) - 1 more on average. 20% tolerance:
    // the closed form ignores the cache round trips, and a hundred-odd cycles leave sampling noise.
    for (const rate of [100, 1000]) {
      const result = run('xfetch', { rate, ttl: 20, duration: rate === 100 ? 2400 : 400, beta });
      expect(result.recomputationsPerExpiry).toBeGreaterThan(expected * 0.8);
      expect(result.recomputationsPerExpiry).toBeLessThan(expected * 1.2);
    }
  });

  it('stale-while-revalidate keeps readers off the DB: one background refresh, the rest served stale', () => {
    const result = run('swr', { rate: 1000, ttl: 60, duration: 100, staleGrace: 30 });
    expect([result.waves, result.recomputations]).toEqual([1, 1]);
    expect(result.staleServed).toBeGreaterThan(900);
    expect(result.latencyDuringRefresh.p99).toBeLessThan(1);
  });

  it('a burst of concurrent requests at expiry: all recompute unprotected, one with a mutex', () => {
    const burst = { arrival: 'burst' as const, clients: 500, ttl: 60 };
    expect(run('none', burst).recomputations).toBe(500);
    expect(run('mutex', burst).recomputations).toBe(1);
    expect(run('coalesce', burst).recomputations).toBe(1);
  });

  it('a DB with few connections queues the herd, and clients time out', () => {
    // 1,000 recomputations of 1 s through 100 connections take 10 s; clients give up after 5 s.
    const result = run('none', { rate: 1000, ttl: 60, duration: 100, dbConnections: 100, clientTimeout: 5 });
    expect(result.peakDbConcurrency).toBe(100);
    expect(result.timeouts).toBeGreaterThan(400);
    expect(result.latencyDuringRefresh.p99).toBeGreaterThan(5000);
  });
});

describe('TTL jitter', () => {
  it('spreads the expirations of a bulk load to about N / (2 j T) a second', () => {
    // 100,000 keys, T = 300 s, j = 10%: 100,000 / 60 = 1,667 a second instead of 100,000 at once.
    const counts = expirationsPerSecond(100_000, 300, 0.1, createRng(5));
    const busy = counts.filter((count) => count > 0);
    expect(busy.length).toBeGreaterThanOrEqual(60);
    expect(busy.length).toBeLessThanOrEqual(61);
    expect(Math.max(...counts)).toBeGreaterThan(1667 * 0.95);
    expect(Math.max(...counts)).toBeLessThan(1667 * 1.1);
    expect(Math.max(...expirationsPerSecond(100_000, 300, 0, createRng(5)))).toBe(100_000);
  });
});

describe('stampede input', () => {
  it('names a bad setting', () => {
    expect(() => simulateStampede({ ...defaultStampedeConfig, protections: ['prayer'] })).toThrow("unknown protection 'prayer'");
    expect(() => simulateStampede({ ...defaultStampedeConfig, beta: 0 })).toThrow('beta must be a number above 0, not 0');
    expect(() => simulateStampede({ ...defaultStampedeConfig, rate: 1e6, duration: 100 })).toThrow('keep it under 5,000,000');
  });
});
