import { assert, describe, expect, it } from 'vitest';
import { defaultLabSettings } from '../../src/lab';
import { exploreRace, runRace } from '../../src/sim/race/run';
import { requireRaceScenario } from '../../src/sim/race/scenarios';
import {
  hostToLabSchema,
  hostToRaceSchema,
  raceToHostSchema,
  labSettingsSchema,
  labToHostSchema,
  parseMessage,
  sidebarToHostSchema,
} from '../../src/shared/protocol';

const settings = defaultLabSettings({ policy: 'lru', requestRate: 100_000, seed: 42 });

describe('message protocol', () => {
  it('accepts the messages each side sends', () => {
    expect(parseMessage(labToHostSchema, { type: 'ready' })).toEqual({ ok: true, message: { type: 'ready' } });
    const run = parseMessage(labToHostSchema, { type: 'run', settings });
    expect(run).toEqual({ ok: true, message: { type: 'run', settings } });
    expect(parseMessage(sidebarToHostSchema, { type: 'runScenario' }).ok).toBe(true);
    expect(parseMessage(sidebarToHostSchema, { type: 'openLab', command: 'cacheLab.openDistributionLab' }).ok).toBe(true);
  });

  it('lets the side view open only the labs, not run any command', () => {
    const parsed = parseMessage(sidebarToHostSchema, { type: 'openLab', command: 'workbench.action.terminal.new' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('command');
  });

  it('rejects an unknown message type and names the field', () => {
    const parsed = parseMessage(labToHostSchema, { type: 'deleteEverything' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('type');
  });

  it('rejects settings out of range and says which one', () => {
    const parsed = parseMessage(labToHostSchema, { type: 'run', settings: { ...settings, sizePercent: 120 } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('sizePercent');
    const badWorkload = { ...settings, workload: { kind: 'zipf', keys: 0, alpha: 0.9 } };
    const second = parseMessage(labToHostSchema, { type: 'run', settings: badWorkload });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error).toContain('keys');
  });

  it('rejects non-objects without throwing', () => {
    for (const data of [null, undefined, 42, 'ready', [], { type: 42 }]) {
      expect(parseMessage(labToHostSchema, data).ok).toBe(false);
      expect(parseMessage(hostToLabSchema, data).ok).toBe(false);
    }
  });

  it('validates a result whose hit ratio is impossible', () => {
    const result = {
      type: 'result',
      settings,
      result: {
        policy: 'lru', capacity: 20, sized: false, requests: 10, hits: 4, misses: 6, bytes: 10, hitBytes: 4,
        evictions: 0, expirations: 0, oomErrors: 0, hitRatio: 1.4, byteHitRatio: 0.4, seconds: 0, requestLog: [],
      },
      curve: { sizePercents: [5], capacities: [5], series: [{ policy: 'lru', hitRatios: [0.1] }] },
    };
    const parsed = parseMessage(hostToLabSchema, result);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('hitRatio');
    expect(parseMessage(hostToLabSchema, { ...result, result: { ...result.result, hitRatio: 0.4 } }).ok).toBe(true);
  });

  it('gives default settings that pass their own schema', () => {
    expect(labSettingsSchema.safeParse(settings).success).toBe(true);
  });
});

describe('Step Through a Race messages', () => {
  it('survive the JSON encoding webviews use, with a stale value that never ends restored to Infinity', () => {
    const run = runRace(requireRaceScenario('double-delete'), { delay: 20 });
    const sent = JSON.parse(JSON.stringify({ type: 'result', request: { scenario: 'double-delete', parameters: { delay: 20 } }, run }));
    const parsed = parseMessage(hostToRaceSchema, sent);
    assert(parsed.ok && parsed.message.type === 'result');
    expect(parsed.message.run.verdict.stale[0]!.until).toBe(Infinity);
    expect(parsed.message.run.events).toEqual(run.events);
    const exploration = exploreRace(requireRaceScenario('stale-set'));
    const explored = parseMessage(hostToRaceSchema, JSON.parse(JSON.stringify({ type: 'explored', request: { scenario: 'stale-set', parameters: {} }, exploration })));
    expect(explored.ok).toBe(true);
  });

  it('reject a request with a non-numeric parameter', () => {
    const parsed = parseMessage(raceToHostSchema, { type: 'run', request: { scenario: 'stale-set', parameters: { window: 'long' } } });
    expect(parsed.ok).toBe(false);
  });

  it("carry the user's names from a finding, and reject an empty function name", () => {
    const names = { key: 'product:42', lanes: { 'Client A': 'getProduct', 'Client B': 'updatePrice' } };
    const parsed = parseMessage(raceToHostSchema, { type: 'run', request: { scenario: 'stale-set', parameters: {}, names } });
    expect(parsed.ok && parsed.message.type === 'run' && parsed.message.request.names).toEqual(names);
    const empty = parseMessage(raceToHostSchema, { type: 'run', request: { scenario: 'stale-set', parameters: {}, names: { lanes: { 'Client A': '' } } } });
    expect(empty.ok).toBe(false);
  });
});
