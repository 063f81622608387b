import { buildSync } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/sim/rng';
import { replay } from '../../../src/sim/simulate';
import { RequestChunk, type RequestSource } from '../../../src/sim/source';
import { openTraceHere, TraceError, type TraceSpec } from '../../../src/sim/trace';
import { BLOCK, openPrefetched, SLOTS } from '../../../src/sim/trace/prefetch';
import { writeTrace } from '../../../src/sim/trace/write';
import { workloadSource } from '../../../src/sim/workloads/source';

// The worker runs a bundle, as it does from dist/: build one from the sources for these tests.
const dir = mkdtempSync(join(tmpdir(), 'cache-lab-prefetch-'));
const workerScript = join(dir, 'traceReader.js');
buildSync({ entryPoints: [join(__dirname, '../../../src/sim/trace/prefetchWorker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: workerScript, logLevel: 'error' });

const opened: RequestSource[] = [];
afterAll(() => opened.forEach((source) => source.close()));

function prefetched(spec: TraceSpec, onProgress?: (done: number, total: number) => void): RequestSource {
  const source = openPrefetched(spec, onProgress, workerScript);
  if (!source) throw new Error('the worker bundle was not built');
  opened.push(source);
  return source;
}

/** Every column of every request, column after column, read through chunks of `size` (`stopAfter` chunks at most). */
function readAll(source: RequestSource, size: number, stopAfter = Infinity): Float64Array {
  const chunk = new RequestChunk(size);
  const columns = [chunk.keys, chunk.sizes, chunk.times, chunk.nextAccess, chunk.ttls, chunk.ops];
  const all = new Float64Array(source.length * columns.length);
  let read = 0;
  source.rewind();
  for (let count = source.read(chunk), reads = 1; count > 0 && reads <= stopAfter; count = source.read(chunk), reads++) {
    columns.forEach((column, c) => all.set(column.subarray(0, count), c * source.length + read));
    read += count;
  }
  return read === source.length ? all : all.subarray(0, read);
}

/** Where two reads first differ (a plain toEqual on a million numbers is slow), or -1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  return a.findIndex((value, i) => !Object.is(value, b[i]));
}

// More requests than the ring holds, so slots are refilled while the reader copies others out.
const REQUESTS = SLOTS * BLOCK + 1234;
const workload = { kind: 'zipf' as const, keys: 5000, alpha: 0.9 };
const specs: TraceSpec[] = (['oracleGeneral', 'csv', 'text'] as const).map((format) => {
  const path = join(dir, `zipf.${format}`);
  writeTrace(workloadSource(workload, 3, REQUESTS), path, format, { rate: 1000, objectSize: (key) => 1 + (key % 7) });
  return { path, format, ...(format === 'csv' ? { csv: { key: 'key', time: 'time', size: 'size', header: true, delimiter: ',' } } : {}) };
});

describe('a trace read ahead in a worker', () => {
  it.each(specs)('gives exactly the requests the in-thread reader gives ($format)', (spec) => {
    const here = openTraceHere(spec);
    const expected = readAll(here, 4096);
    const source = prefetched(spec);
    expect({ name: source.name, keySpace: source.keySpace, length: source.length, has: source.has }).toEqual({ name: here.name, keySpace: here.keySpace, length: here.length, has: here.has });
    expect(expected.length).toBe(REQUESTS * 6);
    // Chunks smaller than, equal to and not dividing the worker's blocks.
    for (const size of [1000, BLOCK, 65_537]) expect(firstDifference(readAll(source, size), expected)).toBe(-1);
    here.close();
  });

  it('starts again from the first request when rewound in the middle of a pass', () => {
    const source = prefetched(specs[0]!);
    const whole = readAll(source, 50_000);
    // A read stops at the end of a worker's block: 50,000, then the block's other 15,536, then 50,000.
    expect(readAll(source, 50_000, 3).length).toBe(50_000 + (BLOCK - 50_000) + 50_000);
    expect(firstDifference(readAll(source, 50_000), whole)).toBe(-1);
    // A read after the end keeps saying so.
    const chunk = new RequestChunk(10);
    expect(source.read(chunk)).toBe(0);
  });

  it('gives the right requests after many rewinds at random points, the worker racing ahead each time', () => {
    const source = prefetched(specs[0]!);
    const whole = readAll(source, BLOCK);
    const rng = createRng(5);
    const chunk = new RequestChunk(4096);
    for (let pass = 0; pass < 60; pass++) {
      source.rewind();
      // Stops after a random number of chunks, often while the worker waits for a free slot.
      const stopAfter = rng.nextInt(3 * SLOTS * (BLOCK / 4096));
      for (let reads = 0, read = 0; reads < stopAfter; reads++) {
        const count = source.read(chunk);
        if (count === 0) break;
        for (let i = 0; i < count; i += 997) expect(chunk.keys[i]).toBe(whole[read + i]);
        read += count;
      }
    }
    expect(firstDifference(readAll(source, 4096), whole)).toBe(-1);
  });

  it('replays to the same results as the in-thread reader', () => {
    for (const policy of ['lru', 'arc', 'opt']) {
      const config = { policy, capacity: 500, seed: 1, requestRate: 1000 };
      const { seconds: _, ...inThread } = replay(openTraceHere(specs[0]!), config);
      const { seconds: __, ...ahead } = replay(prefetched(specs[0]!), config);
      expect(ahead).toEqual(inThread);
      expect(ahead.hits).toBeGreaterThan(0);
    }
  });

  it('reports the opening pass\'s progress up to the whole file', () => {
    const seen: [number, number][] = [];
    prefetched(specs[1]!, (done, total) => seen.push([done, total]));
    expect(seen.length).toBeGreaterThan(0);
    const [done, total] = seen.at(-1)!;
    expect(done).toBe(total);
    expect(total).toBeGreaterThan(REQUESTS);
  });

  it('fails as the in-thread reader does, naming the problem', () => {
    const truncated = join(dir, 'truncated.oracleGeneral');
    writeFileSync(truncated, new Uint8Array(24 * 3 + 5));
    const inThread = (() => {
      try {
        openTraceHere({ path: truncated, format: 'oracleGeneral' });
      } catch (error) {
        return error as Error;
      }
    })();
    expect(inThread).toBeInstanceOf(TraceError);
    expect(() => prefetched({ path: truncated, format: 'oracleGeneral' })).toThrow(new TraceError(inThread!.message));
    expect(() => prefetched({ path: join(dir, 'missing.csv'), format: 'csv' })).toThrow(TraceError);
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'key,size\na,1\nb,"2\n');
    expect(() => prefetched({ path: broken, format: 'csv', csv: { key: 'key', size: 'size', header: true, delimiter: ',' } })).toThrow(/broken\.csv:3: a quoted field is not closed/);
  });

  it('refuses reads once closed, and is not used without its worker bundle', () => {
    const source = prefetched(specs[2]!);
    source.close();
    expect(() => source.read(new RequestChunk(10))).toThrow(/read after the trace was closed/);
    expect(openPrefetched(specs[2]!, undefined, join(dir, 'no-such-worker.js'))).toBeUndefined();
  });
});
