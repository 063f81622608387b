import { describe, expect, it } from 'vitest';
import { defaultDistributionSettings, runDistributionLab } from '../../src/distributionSettings';
import { hostToDistributionSchema, parseMessage } from '../../src/shared/protocol';
import { defaultDistributionConfig, distribute } from '../../src/sim/distribution/distribute';

describe('the Distribution Lab run', () => {
  const settings = { ...defaultDistributionSettings(42), keys: 20_000, requests: 100_000 };
  const outcome = runDistributionLab(settings);

  it('measures every scheme exactly as cache-lab distribute does, and passes the message check', () => {
    expect(outcome.report).toEqual(distribute({ ...defaultDistributionConfig, keys: 20_000, requests: 100_000 }));
    const message = parseMessage(hostToDistributionSchema, JSON.parse(JSON.stringify({ type: 'result', settings, outcome })));
    expect(message.ok).toBe(true);
  });

  it('draws keys whose moves agree with the full run: the new node takes them all', () => {
    const { drawing } = outcome;
    expect(drawing.keys).toHaveLength(360);
    expect(drawing.nodesAfter).toHaveLength(11);
    const moved = drawing.keys.filter((k) => k.before !== k.after);
    expect(moved.length).toBeGreaterThan(10);
    expect(moved.every((k) => k.after === 10)).toBe(true);
    // 1,600 ketama points before, 1,760 after.
    expect(drawing.ringBefore!.positions).toHaveLength(1600);
    expect(drawing.ringAfter!.positions).toHaveLength(1760);
    expect(drawing.arcsAfter).toBeNull();
  });

  it('sweeps virtual nodes: fewer points, less even, matching the theory within 35% at one cluster size', () => {
    const cvs = outcome.sweep.map((s) => s.cv);
    expect(cvs[0]).toBeGreaterThan(cvs.at(-1)! * 5);
    for (const point of outcome.sweep) expect(Math.abs(point.cv - point.theoryCv) / point.theoryCv, `k = ${point.vnodes}`).toBeLessThan(0.35);
  });

  it('draws Redis Cluster slots as arcs and fails over each node timeout', () => {
    const cluster = runDistributionLab({ ...settings, scheme: 'redis-cluster', nodes: 3, change: 1 });
    expect(cluster.drawing.arcsBefore).toEqual([
      { from: 0, to: 5461 / 16384, owner: 0 },
      { from: 5461 / 16384, to: 10923 / 16384, owner: 1 },
      { from: 10923 / 16384, to: 1, owner: 2 },
    ]);
    expect(cluster.failover.map((f) => f.nodeTimeout)).toEqual([15, 5, 1]);
    expect(cluster.reshard.movedSlots).toBe(4096);
  });

  it('leaves the failover out for fewer than three primaries', () => {
    expect(runDistributionLab({ ...settings, nodes: 2, change: 1 }).failover).toEqual([]);
  });
});
