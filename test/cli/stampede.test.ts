import { describe, expect, it } from 'vitest';
import { defaultStampedeConfig, simulateStampede } from '../../src/sim/stampede/simulateStampede';
import { run } from './runCapturing';

describe('cache-lab stampede', () => {
  it('prints the figures of the simulator per protection', () => {
    const { code, stdout } = run('stampede', '--protection', 'none,mutex', '--clients', '300', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const expected = simulateStampede({ ...defaultStampedeConfig, protections: ['none', 'mutex'], arrival: 'burst', clients: 300 });
    expect(json.results).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(json.results.map((r: { recomputations: number }) => r.recomputations)).toEqual([300, 1]);
  });

  it('summarises each protection and the bulk-load expirations with and without jitter', () => {
    const text = run('stampede', '--protection', 'none,coalesce', '--rate', '200', '--duration', '100', '--keys', '100000', '--ttl', '60').stdout;
    expect(text).toContain('coalesce: 1 DB query at the worst expiry');
    expect(text).toMatch(/100,000 keys written at once with a 60 s TTL: 100,000 expire in the same second without jitter; with ±10% jitter, at most [\d,]+ a second\./);
  });

  it('names a bad flag value', () => {
    expect(run('stampede', '--delta', 'slow')).toMatchObject({ code: 2, stderr: expect.stringContaining("--delta expects fixed:MS, uniform:MIN:MAX or lognormal:MEDIAN:P99 (ms), got 'slow'") });
    expect(run('stampede', '--protection', 'hope')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown protection 'hope'") });
  });
});
