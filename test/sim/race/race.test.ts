import { describe, expect, it } from 'vitest';
import { exampleKey, renamed } from '../../../src/sim/race/names';
import { exploreRace, runRace, runRaceInOrder } from '../../../src/sim/race/run';
import { raceScenarios, requireRaceScenario } from '../../../src/sim/race/scenarios';

const scenario = requireRaceScenario;

describe('the stale-set race', () => {
  it('ends with the old value cached and no TTL to remove it', () => {
    const { verdict, events } = runRace(scenario('stale-set'));
    expect(verdict.consistent).toBe(false);
    expect(verdict.stale).toEqual([{ cache: 'Cache', key: 'user:42', value: 'v1', dbValue: 'v2', since: 50, until: Infinity, expiresAt: Infinity }]);
    expect(events.map((event) => `${event.time} ${event.step}`)).toEqual(['0 A.get', '10 A.select', '20 B.update', '30 B.delete', '50 A.set']);
    expect(verdict.summary).toBe("stale: Cache holds user:42 = 'v1' while the DB has 'v2', since t=50 ms, with no TTL to end it");
  });

  it('has exactly one stale interleaving of its ten', () => {
    // A's three steps and B's two interleave in C(5, 2) = 10 ways; only a SELECT before B's UPDATE with
    // the SET after B's DEL leaves the old value behind.
    const exploration = exploreRace(scenario('stale-set'));
    expect([exploration.interleavings, exploration.inconsistent, exploration.truncated]).toEqual([10, 1, false]);
    expect(exploration.counterexample!.order).toEqual(['A.get', 'A.select', 'B.update', 'B.delete', 'A.set']);
  });
});

describe('delete before the write', () => {
  it('leaves the old value cached when the reader reads between the delete and the update', () => {
    const { verdict, events } = runRace(scenario('delete-before-write'));
    expect(events.map((event) => `${event.time} ${event.step}`)).toEqual(['10 B.delete', '15 A.get', '20 A.select', '20 B.update', '60 A.set']);
    expect(verdict.stale).toEqual([{ cache: 'Cache', key: 'user:42', value: 'v1', dbValue: 'v2', since: 60, until: Infinity, expiresAt: Infinity }]);
  });

  it('is stale in the 2 of its 4 interleavings where the update follows the read', () => {
    // A starts after B's DEL, so only B's UPDATE moves: before A's GET, before A's SELECT, before
    // A's SET, or last. Once A has read the old row, its SET restores it whether B's UPDATE came first or not.
    const exploration = exploreRace(scenario('delete-before-write'));
    expect([exploration.interleavings, exploration.inconsistent]).toEqual([4, 2]);
  });
});

describe("a race told with the user's names", () => {
  it('renames the key and the lanes everywhere but keeps step ids and the outcome', () => {
    const plain = runRace(scenario('stale-set'));
    const named = renamed(plain, { key: exampleKey('product:{}'), lanes: { 'Client A': 'getProduct', 'Client B': 'updatePrice' } });
    expect(named.actors).toEqual(['Client A: getProduct', 'Client B: updatePrice']);
    expect(named.events.map((event) => event.step)).toEqual(plain.events.map((event) => event.step));
    expect(named.events[0]).toMatchObject({ actor: 'Client A: getProduct', label: 'GET product:42', detail: 'GET product:42 → miss' });
    expect(named.events.at(-1)!.after.caches).toEqual({ Cache: { 'product:42': 'v1' } });
    expect(named.verdict.summary).toBe("stale: Cache holds product:42 = 'v1' while the DB has 'v2', since t=50 ms, with no TTL to end it");
    expect(renamed(plain, {})).toBe(plain);
  });
});

describe('the delayed double delete', () => {
  it("fixes the stale-set race when the delay is longer than the reader's window", () => {
    const { verdict, events } = runRace(scenario('double-delete'), { window: 40, delay: 100 });
    expect(verdict.consistent).toBe(true);
    expect(events.at(-1)).toMatchObject({ step: 'B.delete2', time: 120, detail: 'DEL user:42: removed' });
    // The stale value lived from A's SET at 50 until the second delete at 120.
    expect(verdict.transient).toContainEqual(expect.objectContaining({ value: 'v1', since: 50, until: 120 }));
  });

  it('fails when the delay is shorter', () => {
    const { verdict } = runRace(scenario('double-delete'), { window: 40, delay: 20 });
    expect(verdict.stale).toEqual([expect.objectContaining({ value: 'v1', dbValue: 'v2', since: 50 })]);
  });

  it('is safe in every interleaving exactly when the delay exceeds the window', () => {
    // A's SET lands at most `window` after its SELECT, which came before B's UPDATE; the second
    // delete comes `delay` after the UPDATE. delay > window puts it after A's SET whatever the timing.
    for (const delay of [0, 20, 40]) expect(exploreRace(scenario('double-delete'), { window: 40, delay }).inconsistent).toBeGreaterThan(0);
    for (const delay of [41, 100]) {
      const exploration = exploreRace(scenario('double-delete'), { window: 40, delay });
      expect([exploration.inconsistent, exploration.counterexample]).toEqual([0, undefined]);
      expect(exploration.interleavings).toBeGreaterThan(0);
    }
  });

  it('replays a counterexample in its order with the same verdict', () => {
    const { counterexample } = exploreRace(scenario('double-delete'), { window: 40, delay: 40 });
    const replayed = runRaceInOrder(scenario('double-delete'), counterexample!.order, { window: 40, delay: 40 });
    expect(replayed.events.map((event) => event.step)).toEqual(counterexample!.order);
    expect(replayed.verdict).toEqual(counterexample!.verdict);
    expect(replayed.verdict.consistent).toBe(false);
  });
});

describe('leases', () => {
  it("reject the reader's late SET after a delete, and make a second reader wait instead of querying", () => {
    const { verdict, events } = runRace(scenario('leases'));
    expect(verdict.consistent).toBe(true);
    const detail = (step: string): string => events.find((event) => event.step === step)!.detail;
    expect(detail('A.set')).toBe("SET user:42 = 'v1' with lease #1: rejected, a delete invalidated the lease");
    expect(detail('C.get')).toBe('GET user:42 → miss; another client holds the lease: wait and retry');
    expect(detail('C.select')).toBe('waiting for the lease holder: no DB read');
    expect(detail('C.set.retry')).toBe("SET user:42 = 'v2' with lease #2: accepted");
    expect(events.filter((event) => event.touched.includes('DB') && event.detail.startsWith('SELECT'))).toHaveLength(2);
  });

  it('stay consistent in every interleaving', () => {
    const exploration = exploreRace(scenario('leases'));
    expect(exploration.inconsistent).toBe(0);
    expect(exploration.interleavings).toBeGreaterThan(1000);
  });
});

describe('the other scenarios', () => {
  it('cache-aside invalidates on write, so the next read fills the new value', () => {
    const { verdict, events } = runRace(scenario('cache-aside'));
    expect(verdict.consistent).toBe(true);
    expect(events.at(-1)!.after.caches.Cache).toEqual({ 'user:42': 'v2' });
    expect(exploreRace(scenario('cache-aside')).interleavings).toBe(1);
  });

  it('write-through leaves the new value for the next reader to hit', () => {
    const { verdict, events } = runRace(scenario('write-through'));
    expect(verdict.consistent).toBe(true);
    expect(events.find((event) => event.step === 'B.get')!.detail).toBe("GET user:42 → 'v2' (hit)");
  });

  it('write-behind loses an acknowledged write when the node crashes before the flush, and not after', () => {
    expect(runRace(scenario('write-behind-crash'), { flush: 1000, crash: 500 }).verdict.lostWrites).toEqual([
      { key: 'user:42', acknowledged: 'v2', db: 'v1' },
    ]);
    expect(runRace(scenario('write-behind-crash'), { flush: 1000, crash: 2000 }).verdict.consistent).toBe(true);
  });

  it('update-instead-of-delete leaves the older write cached in 2 of its 6 interleavings', () => {
    expect(runRace(scenario('update-instead-of-delete')).verdict.stale).toEqual([expect.objectContaining({ value: 'v2', dbValue: 'v3' })]);
    const exploration = exploreRace(scenario('update-instead-of-delete'));
    expect([exploration.interleavings, exploration.inconsistent]).toEqual([6, 2]);
  });

  it('versioned keys make the late fill unreachable', () => {
    const { verdict, events } = runRace(scenario('versioned-keys'));
    expect(verdict.consistent).toBe(true);
    expect(events.at(-1)!.after.caches.Cache).toEqual({ 'user:42:v1': 'v1' });
    expect(exploreRace(scenario('versioned-keys')).inconsistent).toBe(0);
  });

  it('a change stream that loses the event leaves the old value; a duplicated one is harmless', () => {
    expect(runRace(scenario('change-stream')).verdict.consistent).toBe(true);
    expect(runRace(scenario('change-stream'), { lost: 1 }).verdict.stale).toEqual([expect.objectContaining({ value: 'v1', dbValue: 'v2', since: 0 })]);
    const duplicated = runRace(scenario('change-stream'), { duplicated: 1 });
    expect(duplicated.verdict.consistent).toBe(true);
    expect(duplicated.events.find((event) => event.step === 'consumer.again')!.detail).toBe('event user:42 changed: DEL user:42, nothing cached (a no-op)');
  });

  it("an L1 on another server serves the old value until the invalidation reaches it", () => {
    const { verdict } = runRace(scenario('l1-pubsub'), { delay: 30 });
    expect(verdict.consistent).toBe(true);
    expect(verdict.staleReads).toEqual([{ time: 15, cache: 'L1 (server 2)', key: 'user:42', served: 'v1', current: 'v2' }]);
    // Stale from the DB write at 0 until the message lands 30 ms after the publish at 5.
    expect(verdict.transient).toContainEqual(expect.objectContaining({ cache: 'L1 (server 2)', since: 0, until: 35 }));
  });
});

describe('scenario input', () => {
  it('names an unknown scenario, parameter or step, and a value out of range', () => {
    expect(() => requireRaceScenario('lost-update')).toThrow(`unknown scenario 'lost-update' (choose from ${raceScenarios.map((s) => s.id).join(', ')})`);
    expect(() => runRace(scenario('double-delete'), { dealy: 10 })).toThrow("double-delete has no parameter 'dealy' (it has window, delay)");
    expect(() => runRace(scenario('stale-set'), { window: -1 })).toThrow('window must be a number from 0 to 10000 ms, not -1');
    expect(() => runRaceInOrder(scenario('stale-set'), ['A.get', 'A.set', 'A.select', 'B.update', 'B.delete'])).toThrow('stale-set: A.set must come after A.select');
    expect(() => runRaceInOrder(scenario('cache-aside'), ['B.update', 'A.get', 'A.select', 'A.set', 'B.delete', 'A.get2', 'A.select2', 'A.set2'])).toThrow(
      'cache-aside: B.update must come after A.set',
    );
    expect(() => runRaceInOrder(scenario('stale-set'), ['A.get'])).toThrow('stale-set: an order must list each of its 5 steps once');
  });

  it('gives every scenario a unique id, a verdict on its default timeline, and a finite exploration', () => {
    expect(new Set(raceScenarios.map((s) => s.id)).size).toBe(raceScenarios.length);
    for (const each of raceScenarios) {
      const run = runRace(each);
      expect(run.events.length).toBeGreaterThan(0);
      expect(exploreRace(each).truncated).toBe(false);
    }
  });
});
