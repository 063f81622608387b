import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate';
import { SimulationCancelled, startJob } from '../../src/simulationRunner';
import type { JobProgress } from '../../src/worker/jobs';
import type { SimulationConfig } from '../../src/sim/types';

let workerScript = '';

beforeAll(async () => {
  workerScript = join(mkdtempSync(join(tmpdir(), 'cache-lab-worker-')), 'simWorker.js');
  await build({
    entryPoints: ['src/worker/simWorker.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: workerScript,
    logLevel: 'silent',
  });
});

const config: SimulationConfig = {
  workload: { kind: 'zipf', keys: 10_000, alpha: 0.9 },
  policy: 'lru',
  capacity: 1_000,
  requests: 200_000,
  seed: 42,
  requestRate: 100_000,
};

describe('simulation worker', () => {
  it('returns what simulate() returns in-process, with progress on the way', async () => {
    const progress: JobProgress[] = [];
    const result = await startJob(workerScript, { kind: 'simulate', config }, (p) => progress.push(p)).result;
    const expected = simulate(config);
    expect(result).toMatchObject({ hits: expected.hits, misses: expected.misses, evictions: expected.evictions });
    expect(progress.length).toBeGreaterThan(1);
    const last = progress[progress.length - 1]!;
    expect(last.kind === 'simulate' && last.progress.requests).toBeLessThanOrEqual(config.requests);
  });

  it('stops at once when cancelled', async () => {
    const job = startJob(workerScript, { kind: 'simulate', config: { ...config, requests: 100_000_000 } }, () => {});
    setTimeout(() => job.cancel(), 50);
    await expect(job.result).rejects.toBeInstanceOf(SimulationCancelled);
  });

  it('reports a bad configuration as an error naming it', async () => {
    const job = startJob(workerScript, { kind: 'simulate', config: { ...config, policy: 'mru' } }, () => {});
    await expect(job.result).rejects.toThrow(/mru/);
  });
});
