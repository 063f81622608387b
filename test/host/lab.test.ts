import { describe, expect, it } from 'vitest';
import { CURVE_SIZE_PERCENTS, catalog, curveConfig, defaultLabSettings, simulationConfig, unknownPolicy } from '../../src/lab';

const settings = defaultLabSettings({ policy: 'fifo', requestRate: 5_000, seed: 7 });

describe('Hit Rate Lab settings', () => {
  it('turns the size percentage into a capacity in objects', () => {
    const config = simulationConfig({ ...settings, workload: { kind: 'uniform', keys: 1000 }, sizePercent: 35 }, 500, 10);
    expect(config).toMatchObject({ capacity: 350, requests: 500, requestLogSize: 10, seed: 7, policy: 'fifo' });
    expect(config.ttl).toBeUndefined();
    const ttl = { seconds: 30, activeExpiry: true };
    expect(simulationConfig({ ...settings, ttl }, 1, 0).ttl).toEqual(ttl);
  });

  it('draws the curve at 5%, 10%, ... 95%', () => {
    expect(CURVE_SIZE_PERCENTS).toHaveLength(19);
    expect(CURVE_SIZE_PERCENTS[0]).toBe(5);
    expect(CURVE_SIZE_PERCENTS[18]).toBe(95);
    expect(curveConfig(settings)).toMatchObject({ policies: settings.comparePolicies, requests: 1000, seed: 7 });
  });

  it('knows every policy and workload of the simulator', () => {
    expect(catalog.policies.map((policy) => policy.id)).toEqual(expect.arrayContaining(['lru', 'lfu', 'fifo', 'random']));
    expect(catalog.workloads.map((workload) => workload.id)).toEqual(['zipf', 'uniform', 'hotspot', 'scan', 'shift']);
    expect(settings.comparePolicies).toEqual(catalog.policies.map((policy) => policy.id));
  });

  it('names a policy the simulator does not have', () => {
    expect(unknownPolicy(settings)).toBeUndefined();
    expect(unknownPolicy({ ...settings, comparePolicies: ['lru', 'mru'] })).toBe('mru');
  });
});
