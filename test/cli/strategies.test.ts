import { describe, expect, it } from 'vitest';
import { defaultStrategyConfig, simulateStrategies } from '../../src/sim/strategies/simulateStrategies';
import { run } from './runCapturing';

describe('cache-lab strategies', () => {
  it('prints the same figures as the simulator, with the trade-off table computed from them', () => {
    const { code, stdout } = run('strategies', '--strategy', 'write-through,write-behind', '--requests', '3000', '--crash-at', '2', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const expected = simulateStrategies({ ...defaultStrategyConfig, strategies: ['write-through', 'write-behind'], requests: 3000, crashAt: 2 });
    expect(json.results).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(json.tradeoffs.map((t: { warmOnWrite: string }) => t.warmOnWrite)).toEqual(['yes', 'yes']);
    expect(json.tradeoffs[1].dataLoss).toBe(`${expected[1]!.lostWrites} acknowledged writes lost in the crash at 2 s`);
    const text = run('strategies', '--strategy', 'write-around', '--requests', '2000', '--ttl', 'none', '--crash-at', 'none').stdout;
    expect(text).toContain('TTL none; no crash');
    expect(text).toMatch(/write-around\s+\S+ ms \(p99 \S+ ms\)\s+[\d,]+ reads \(/);
  });

  it('names a malformed latency or an unknown strategy', () => {
    expect(run('strategies', '--db-latency', 'lognormal:5')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--db-latency expects fixed:MS, uniform:MIN:MAX or lognormal:MEDIAN:P99 (ms), got 'lognormal:5'"),
    });
    expect(run('strategies', '--strategy', 'write-sideways')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown strategy 'write-sideways'") });
  });
});
