import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './runCapturing';

const dir = mkdtempSync(join(tmpdir(), 'cache-lab-cli-trace-'));
const workload = ['--keys', '2000', '--alpha', '0.8', '--requests', '30000', '--seed', '3'];

describe('cache-lab trace generate', () => {
  it('writes oracleGeneral records that simulate --trace replays as the workload itself', () => {
    const path = join(dir, 'zipf.oracleGeneral');
    const written = run('trace', 'generate', '--output', path, ...workload);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('Wrote 30,000 requests of zipf(0.8) over 2000 keys (seed 3)');
    expect(statSync(path).size).toBe(30_000 * 24);
    const fromTrace = JSON.parse(run('simulate', '--trace', path, '--policy', 'lru,clock', '--size', '200,100', '--json').stdout);
    const fromWorkload = JSON.parse(run('simulate', ...workload, '--policy', 'lru,clock', '--size', '200,100', '--json').stdout);
    expect(fromTrace.map((r: { hits: number; size: number }) => [r.size, r.hits])).toEqual(fromWorkload.map((r: { hits: number; size: number }) => [r.size, r.hits]));
  });

  it('gives objects seeded sizes and makes sizes count in bytes', () => {
    const path = join(dir, 'sized.csv');
    expect(run('trace', 'generate', '--output', path, '--format', 'csv', '--object-size', '100-300', ...workload).code).toBe(0);
    const [bytes] = JSON.parse(run('simulate', '--trace', path, '--csv-header', '--csv-key', 'key', '--csv-size', 'size', '--size', '64KiB', '--json').stdout);
    expect(bytes.size).toBe(65_536);
    expect(bytes.byteHitRatio).not.toBe(bytes.hitRatio);
    const [objects] = JSON.parse(run('simulate', '--trace', path, '--csv-header', '--csv-key', 'key', '--csv-size', 'size', '--size', '200', '--ignore-obj-size', '--json').stdout);
    const [generated] = JSON.parse(run('simulate', ...workload, '--size', '200', '--json').stdout);
    expect(objects.hits).toBe(generated.hits);
    expect(objects.byteHitRatio).toBe(objects.hitRatio);
  });

  it.each([
    [['trace', 'generate'], 'trace generate needs --output FILE'],
    [['trace', 'generate', '--output', 'x', '--format', 'parquet'], "unknown trace format 'parquet'"],
    [['trace', 'generate', '--output', 'x', '--object-size', '9-3'], '--object-size range must be MIN-MAX'],
    [['trace', 'split'], "unknown trace subcommand 'split'"],
    [['simulate', '--trace', 'a.parquet'], "cannot tell the format of 'a.parquet' from its name"],
    [['simulate', '--trace', 'a.bin', '--keys', '10'], '--keys does not apply to a trace'],
    [['simulate', '--trace', 'a.bin', '--csv-key', '2'], '--csv-key applies to CSV traces, not oracleGeneral'],
    [['simulate', '--csv-header'], '--csv-header needs --trace'],
    [['simulate', '--trace', 'a.csv', '--csv-delimiter', '::'], '--csv-delimiter must be one character'],
  ])('exits 2 on %j with a clear message', (argv, message) => {
    const { code, stderr } = run(...argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('exits 1 naming the file and the line when a trace is malformed', () => {
    const path = join(dir, 'broken.csv');
    writeFileSync(path, 'k1,10\nk2,ten\n');
    const { code, stderr } = run('simulate', '--trace', path, '--csv-size', '2');
    expect(code).toBe(1);
    expect(stderr).toBe("cache-lab: broken.csv:2: expected a whole number of at least 0 in column 2 (size), got 'ten'\n");
  });
});

describe('cache-lab mrc', () => {
  it('prints the exact LRU curve, equal to simulate at every listed size', () => {
    const path = join(dir, 'mrc.oracleGeneral');
    run('trace', 'generate', '--output', path, ...workload);
    const curve = JSON.parse(run('mrc', '--trace', path, '--sizes', '1,50,200,10%', '--json').stdout);
    expect(curve).toMatchObject({ requests: 30_000, sampleRate: 1, sampledRequests: 30_000 });
    const simulated = JSON.parse(run('simulate', '--trace', path, '--size', '1,50,200,10%', '--json').stdout);
    expect(curve.points.map((p: { size: number; hitRatio: number; error: number }) => [p.size, p.hitRatio, p.error]))
      .toEqual(simulated.map((r: { size: number; hitRatio: number }) => [r.size, r.hitRatio, 0]));
  });

  it('estimates with SHARDS and shows an error per size', () => {
    const { code, stdout } = run('mrc', ...workload, '--sample', '0.5', '--sizes', '100,500');
    expect(code).toBe(0);
    expect(stdout).toMatch(/SHARDS at rate 0\.5 \([\d,]+ requests replayed\)/);
    expect(stdout.split('\n')[2]).toMatch(/^\s*size\s+share of keys\s+hit ratio\s+miss ratio\s+± error$/);
  });

  it('exits 2 on a bad sampling rate', () => {
    const { code, stderr } = run('mrc', '--sample', '2');
    expect(code).toBe(2);
    expect(stderr).toContain('--sample must be between');
  });
});
