import { describe, expect, it } from 'vitest';
import { defaultFailoverConfig, simulateFailover } from '../../../src/sim/distribution/cluster/failover';
import { defaultReshardConfig, simulateResharding } from '../../../src/sim/distribution/cluster/resharding';
import { numberedKeys } from '../../../src/sim/distribution/keys';
import { createSlotOwners, rebalanceSlots, SLOT_COUNT } from '../../../src/sim/distribution/slots';

describe('resharding onto a new primary', () => {
  const small = { ...defaultReshardConfig, keys: 20_000, rate: 5000 };

  it('moves the slots of the rebalance, and takes the SETSLOT and MIGRATE time they need', () => {
    const result = simulateResharding(small);
    const before = createSlotOwners(3);
    const after = rebalanceSlots(before, [1, 1, 1, 1]);
    const keysPerSlot = new Array<number>(SLOT_COUNT).fill(0);
    for (const slot of numberedKeys(small.keys).slots) keysPerSlot[slot]!++;
    let movedSlots = 0;
    let movedKeys = 0;
    let seconds = 0;
    for (let slot = 0; slot < SLOT_COUNT; slot++) {
      if (before[slot] === after[slot]) continue;
      movedSlots++;
      movedKeys += keysPerSlot[slot]!;
      seconds += small.slotSetupMs / 1000 + Math.ceil(keysPerSlot[slot]! / small.pipeline) * (small.migrateMs / 1000);
    }
    expect(result.movedSlots).toBe(4096);
    expect(result.movedSlots).toBe(movedSlots);
    expect(result.movedKeys).toBe(movedKeys);
    expect(result.migrationSeconds).toBeCloseTo(seconds, 6);
  });

  it('redirects only once slots start moving, and a whole-map refresh redirects far less', () => {
    const bySlot = simulateResharding(small);
    const byMap = simulateResharding({ ...small, refresh: 'map' });
    const firstPoint = Math.floor(bySlot.migrationStart / bySlot.bucket);
    expect(bySlot.timeline.moved.slice(0, firstPoint).every((n) => n === 0)).toBe(true);
    expect(bySlot.timeline.ask.slice(0, firstPoint).every((n) => n === 0)).toBe(true);
    expect(bySlot.timeline.requests.reduce((a, b) => a + b, 0)).toBe(bySlot.requests);
    expect(bySlot.movedRedirects).toBeGreaterThan(0);
    // Each client learns each moved slot at most once.
    expect(bySlot.movedRedirects).toBeLessThanOrEqual(small.clients * bySlot.movedSlots);
    expect(byMap.movedRedirects).toBeLessThan(bySlot.movedRedirects / 3);
    // The same requests either way.
    expect(byMap.requests).toBe(bySlot.requests);
  });

  it('answers ASK for keys that already left a slot still migrating', () => {
    // Slow migrations (one key per MIGRATE, 20 ms each) keep slots half-moved for a while.
    const slow = simulateResharding({ ...small, keys: 200_000, pipeline: 1, migrateMs: 20, slotSetupMs: 0, margin: 0.5 });
    expect(slow.askRedirects).toBeGreaterThan(0);
    const start = Math.floor(slow.migrationStart / slow.bucket);
    const end = Math.ceil(slow.migrationEnd / slow.bucket);
    expect(slow.timeline.ask.every((n, point) => n === 0 || (point >= start && point <= end))).toBe(true);
    expect(slow.extraRoundTrips).toBe(slow.movedRedirects + slow.askRedirects);
  });
});

describe('a primary failing', () => {
  const rate = defaultFailoverConfig.writeRate / defaultFailoverConfig.primaries;

  it('is detected after cluster-node-timeout, then its replica is promoted after the election delay', () => {
    for (const result of simulateFailover(defaultFailoverConfig)) {
      const t = result.nodeTimeout;
      for (const pfail of result.pfailAt) {
        expect(pfail).toBeGreaterThanOrEqual(result.crashAt + t);
        expect(pfail).toBeLessThanOrEqual(result.crashAt + 1.5 * t);
      }
      expect(result.failAt).toBeGreaterThanOrEqual(Math.max(...result.pfailAt));
      // clusterHandleSlaveFailover: 500 ms + random(0..500) ms + rank x 1 s.
      expect(result.electionAt - result.failAt).toBeGreaterThanOrEqual(0.5);
      expect(result.electionAt - result.failAt).toBeLessThan(1);
      expect(result.unavailableSeconds).toBeCloseTo(result.promotedAt - result.crashAt, 12);
    }
    const [fifteen, five, one] = simulateFailover(defaultFailoverConfig);
    expect(fifteen!.unavailableSeconds).toBeGreaterThan(five!.unavailableSeconds);
    expect(five!.unavailableSeconds).toBeGreaterThan(one!.unavailableSeconds);
  });

  it('fails the writes that arrive while no primary serves the slots: about rate x outage', () => {
    for (const result of simulateFailover(defaultFailoverConfig)) {
      const expected = rate * result.unavailableSeconds;
      // Poisson: within four standard deviations.
      expect(Math.abs(result.failedWrites - expected)).toBeLessThan(4 * Math.sqrt(expected));
      expect(result.timeline.failed.reduce((a, b) => a + b, 0)).toBe(result.failedWrites);
    }
  });

  it('loses the acknowledged writes still on their way to the replica: about rate x lag', () => {
    const none = simulateFailover({ ...defaultFailoverConfig, replicationLag: { kind: 'fixed', ms: 0 } });
    expect(none.map((r) => r.lostWrites)).toEqual([0, 0, 0]);
    const tenMs = simulateFailover({ ...defaultFailoverConfig, replicationLag: { kind: 'fixed', ms: 10 }, nodeTimeouts: [5] })[0]!;
    // 10,000 writes a second on the failing primary, each 10 ms from its replica: about 100.
    expect(Math.abs(tenMs.lostWrites - rate * 0.01)).toBeLessThan(4 * Math.sqrt(rate * 0.01));
  });

  it('refuses a cluster that cannot reach a majority', () => {
    expect(() => simulateFailover({ ...defaultFailoverConfig, primaries: 2 })).toThrow(/at least 3 primaries/);
  });
});
