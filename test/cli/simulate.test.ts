import { describe, expect, it } from 'vitest';
import { run } from './runCapturing';
import { simulate } from '../../src/sim/simulate';

describe('cache-lab simulate', () => {
  it('prints one JSON object per (policy, size), equal to simulate()', () => {
    const { code, stdout } = run('simulate', '--policy', 'lru,fifo', '--size', '10%,300', '--keys', '1000',
      '--requests', '20000', '--alpha', '1.1', '--seed', '7', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    expect(rows.map((r) => [r.policy, r.size])).toEqual([['lru', 100], ['lru', 300], ['fifo', 100], ['fifo', 300]]);
    const expected = simulate({
      workload: { kind: 'zipf', keys: 1000, alpha: 1.1 },
      policy: 'fifo',
      capacity: 300,
      requests: 20_000,
      seed: 7,
      requestRate: 100_000,
    });
    expect(rows[3]).toMatchObject({ requests: 20_000, hits: expected.hits, misses: expected.misses, hitRatio: expected.hitRatio, evictions: expected.evictions });
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['policy', 'size', 'requests', 'hits', 'misses', 'hitRatio', 'byteHitRatio', 'evictions', 'oomErrors', 'seconds']));
    // Without object sizes every object counts as one byte, so the byte hit ratio is the hit ratio.
    expect(rows[3]!.byteHitRatio).toBe(expected.hitRatio);
  });

  it('counts warm-up requests out and passes Redis knobs to the Redis policies', () => {
    const base = ['simulate', '--keys', '2000', '--requests', '30000', '--size', '200', '--json'];
    const cold = JSON.parse(run(...base).stdout)[0];
    const warm = JSON.parse(run(...base, '--warmup', '10000').stdout)[0];
    expect(warm.requests).toBe(20_000);
    expect(warm.hitRatio).toBeGreaterThan(cold.hitRatio);
    const sampled = (samples: string): number =>
      JSON.parse(run(...base, '--policy', 'allkeys-lru', '--rate', '1000', '--maxmemory-samples', samples).stdout)[0].hitRatio;
    expect(sampled('10')).toBeGreaterThan(sampled('1'));
  });

  it('reports OOM errors for noeviction', () => {
    const { stdout } = run('simulate', '--workload', 'uniform', '--keys', '100', '--requests', '1000', '--size', '10', '--policy', 'noeviction');
    expect(stdout.split('\n')[0]).toContain('OOM errors');
    const [row] = JSON.parse(run('simulate', '--workload', 'uniform', '--keys', '100', '--requests', '1000', '--size', '10', '--policy', 'noeviction', '--json').stdout);
    expect(row.oomErrors).toBe(row.misses - 10);
    expect(row.evictions).toBe(0);
  });

  it('prints an aligned table by default', () => {
    const { code, stdout } = run('simulate', '--workload', 'scan', '--keys', '10', '--size', '10', '--requests', '100');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^policy\s+size\s+requests\s+hits\s+misses\s+hit ratio\s+evictions\s+seconds$/);
    expect(lines[2]).toMatch(/^lru\s+10\s+100\s+90\s+10\s+90\.00%\s+0\s+\d+\.\d{3}$/);
    // The last column is numeric and right-aligned, so every line ends at the same column.
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });

  it('passes TTL flags to the simulator', () => {
    const { stdout } = run('simulate', '--workload', 'scan', '--keys', '1', '--size', '1', '--requests', '7', '--rate', '1',
      '--ttl', '2.5', '--no-active-expiry', '--json');
    expect(JSON.parse(stdout)[0]).toMatchObject({ hits: 4, misses: 3, expirations: 2 });
  });

  it.each([
    [['simulate', '--alpha', 'abc'], "--alpha expects a number, got 'abc'"],
    [['simulate', '--bogus'], "Unknown option '--bogus'"],
    [['simulate', '--policy', 'lru,mru'], "unknown policy 'mru'"],
    [['simulate', '--workload', 'pareto'], "unknown workload 'pareto'"],
    [['simulate', '--size', '0'], '--size must be at least 1'],
    [['simulate', '--size', '150%'], '--size percentage must be above 0 and at most 100'],
    [['simulate', '--size', '12parsecs'], "--size expects a number of objects or bytes (10000, 64MiB, 1GB) or a percentage (10%), got '12parsecs'"],
    [['simulate', '--maxmemory-samples', '0'], '--maxmemory-samples must be between 1 and 64'],
    [['simulate', '--warmup=1.5'], '--warmup expects a whole number'],
    [['simulate', '--requests', '1.5'], '--requests expects a whole number'],
    [['simulate', '--policy', 'lru,'], '--policy has an empty item'],
    [['simulate', '--no-active-expiry'], '--no-active-expiry needs --ttl'],
    [['simulate', '--keys'], "Option '--keys <value>' argument missing"],
    [['simulatee'], "unknown command 'simulatee'"],
  ])('exits 2 on %j with a clear message', (argv, message) => {
    const { code, stderr, stdout } = run(...argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });

  it('prints help and the version', () => {
    expect(run('simulate', '--help').stdout).toContain('--policy LIST');
    expect(run('--help').stdout).toContain('simulate');
    expect(run('--version').stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
