import { describe, expect, it } from 'vitest';
import { defaultLabSettings } from '../../src/lab';
import {
  hostToLabSchema,
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
