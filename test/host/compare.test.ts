import { describe, expect, it } from 'vitest';
import { defaultCompareSettings, unknownComparedPolicy } from '../../src/compareSettings';
import { openComparisonSource } from '../../src/comparisonSource';
import { compareSettingsSchema, hostToCompareSchema, parseMessage } from '../../src/shared/protocol';
import { comparePolicies, comparisonCsv } from '../../src/sim/compare';
import { exactLruMrc, hitRatioAt } from '../../src/sim/mrc/mrc';
import { simulate } from '../../src/sim/simulate';

const preferences = { policy: 'lru', requestRate: 100_000, seed: 42 };

describe('Compare Eviction Policies', () => {
  it('starts with settings that pass its own schema and name only known policies', () => {
    const settings = defaultCompareSettings(preferences);
    expect(compareSettingsSchema.safeParse(settings).success).toBe(true);
    expect(unknownComparedPolicy(settings)).toBeUndefined();
    expect(unknownComparedPolicy({ ...settings, policies: ['lru', 'mru'] })).toBe('mru');
  });

  it('gives every (policy, size) exactly what simulate gives for it', () => {
    const settings = {
      ...defaultCompareSettings(preferences),
      source: { kind: 'workload' as const, workload: { kind: 'zipf' as const, keys: 2000, alpha: 0.8 }, requests: 20_000 },
      policies: ['lru', 'sieve', 'allkeys-lru'],
      sizePercents: [10, 2, 30],
    };
    const source = openComparisonSource(settings.source, settings.seed);
    const points: number[] = [];
    const comparison = comparePolicies(source, settings, (done) => points.push(done));
    expect(points).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(comparison.sizePercents).toEqual([2, 10, 30]);
    expect(comparison.capacities).toEqual([40, 200, 600]);
    expect(comparison).toMatchObject({ requests: 20_000, keys: 2000, sized: false, workingSet: 2000 });
    for (const row of comparison.rows) {
      const expected = simulate({
        workload: { kind: 'zipf', keys: 2000, alpha: 0.8 }, policy: row.policy, capacity: row.capacity, requests: 20_000,
        seed: settings.seed, requestRate: settings.requestRate,
      });
      expect(row.hitRatio).toBe(expected.hitRatio);
      expect(row.evictions).toBe(expected.evictions);
    }
    const message = parseMessage(hostToCompareSchema, { type: 'result', settings, comparison });
    expect(message.ok).toBe(true);
    // The exact LRU curve passes through LRU's own points.
    const curve = comparison.lruCurve!;
    expect(curve.sampleRate).toBe(1);
    expect(curve.sizePercents[0]).toBeCloseTo(0.1, 12);
    expect(curve.sizePercents.at(-1)).toBeCloseTo(100, 9);
    const lruAt10 = comparison.rows.find((row) => row.policy === 'lru' && row.sizePercent === 10)!;
    const exact = exactLruMrc(openComparisonSource(settings.source, settings.seed));
    expect(hitRatioAt(exact, lruAt10.capacity)).toBe(lruAt10.hitRatio);
  });

  it('exports CSV with a header and one line per run', () => {
    const comparison = {
      source: 's', requests: 10, keys: 5, sized: true, workingSet: 500, sizePercents: [10], capacities: [50],
      rows: [{ policy: 'lru', sizePercent: 10, capacity: 50, hitRatio: 0.5, byteHitRatio: 0.25, evictions: 3, oomErrors: 0, seconds: 0.0012 }],
      lruCurve: null,
    };
    expect(comparisonCsv(comparison)).toBe(
      'policy,size_percent,capacity_bytes,hit_ratio,byte_hit_ratio,evictions,oom_errors,seconds\nlru,10,50,0.5,0.25,3,0,0.001200\n',
    );
  });

  it('rejects a comparison message with an impossible hit ratio', () => {
    const settings = defaultCompareSettings(preferences);
    const comparison = {
      source: 's', requests: 10, keys: 5, sized: false, workingSet: 5, sizePercents: [10], capacities: [1],
      rows: [{ policy: 'lru', sizePercent: 10, capacity: 1, hitRatio: 1.5, byteHitRatio: 0.2, evictions: 3, oomErrors: 0, seconds: 0 }],
      lruCurve: null,
    };
    const parsed = parseMessage(hostToCompareSchema, { type: 'result', settings, comparison });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('hitRatio');
  });
});
