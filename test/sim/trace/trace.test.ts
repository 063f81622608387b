import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replay } from '../../../src/sim/simulate';
import { Op, RequestChunk, type RequestSource } from '../../../src/sim/source';
import { openTrace, TraceError, type CsvOptions } from '../../../src/sim/trace';
import { writeTrace } from '../../../src/sim/trace/write';
import { workloadSource } from '../../../src/sim/workloads/source';

const dir = mkdtempSync(join(tmpdir(), 'cache-lab-trace-'));
const file = (name: string, contents: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
};

interface Read {
  keys: number[];
  sizes: number[];
  times: number[];
  next: number[];
  ttls: number[];
  ops: number[];
}

/** Every request of a source, column by column, read through a small chunk to cross block edges. */
function readAll(source: RequestSource, chunkSize = 7): Read {
  const chunk = new RequestChunk(chunkSize);
  const all: Read = { keys: [], sizes: [], times: [], next: [], ttls: [], ops: [] };
  source.rewind();
  for (let count = source.read(chunk); count > 0; count = source.read(chunk)) {
    all.keys.push(...chunk.keys.subarray(0, count));
    all.sizes.push(...chunk.sizes.subarray(0, count));
    all.times.push(...chunk.times.subarray(0, count));
    all.next.push(...chunk.nextAccess.subarray(0, count));
    all.ttls.push(...chunk.ttls.subarray(0, count));
    all.ops.push(...chunk.ops.subarray(0, count));
  }
  return all;
}

/** Keys renamed to 0, 1, 2, ... in order of first appearance, as the readers number them. */
function firstAppearanceIds(keys: readonly number[]): number[] {
  const ids = new Map<number, number>();
  return keys.map((key) => {
    if (!ids.has(key)) ids.set(key, ids.size);
    return ids.get(key)!;
  });
}

/** One oracleGeneral record: u32 time, u64 id, u32 size, i64 next access. */
function record(time: number, id: bigint, size: number, next: bigint): Buffer {
  const buffer = Buffer.alloc(24);
  buffer.writeUInt32LE(time, 0);
  buffer.writeBigUInt64LE(id, 4);
  buffer.writeUInt32LE(size, 12);
  buffer.writeBigInt64LE(next, 16);
  return buffer;
}

describe('trace files', () => {
  const workload = { kind: 'zipf' as const, keys: 500, alpha: 0.9 };
  const generated = readAll(workloadSource(workload, 9, 5000));

  it.each(['oracleGeneral', 'csv', 'text'] as const)('a generated workload written as %s reads back as the same requests', (format) => {
    const path = join(dir, `round-trip.${format}`);
    writeTrace(workloadSource(workload, 9, 5000), path, format, { rate: 1000, objectSize: (key) => 100 + key });
    const csv: CsvOptions = { key: 'key', time: 'time', size: 'size', header: true, delimiter: ',' };
    const source = openTrace({ path, format, ...(format === 'csv' ? { csv } : {}) });
    expect(source.length).toBe(5000);
    expect(source.keys).toBe(new Set(generated.keys).size);
    const read = readAll(source);
    if (format === 'oracleGeneral') {
      // Small numeric ids are key ids as they are.
      expect(source.keySpace).toBe(Math.max(...generated.keys) + 1);
      expect(read.keys).toEqual(generated.keys);
    } else {
      expect(source.keySpace).toBe(source.keys);
      expect(read.keys).toEqual(firstAppearanceIds(generated.keys));
    }
    if (format !== 'text') {
      expect(read.sizes).toEqual(generated.keys.map((key) => 100 + key));
      expect(read.times).toEqual(generated.keys.map((_, i) => Math.floor(i / 1000)));
    }
    if (format === 'oracleGeneral') {
      const bruteForce = generated.keys.map((key, i) => {
        const next = generated.keys.indexOf(key, i + 1);
        return next === -1 ? Infinity : next;
      });
      expect(read.next).toEqual(bruteForce);
    }
    // A second replay after rewind reads the same requests.
    expect(readAll(source, 1000).keys).toEqual(read.keys);
    source.close();
  });

  it('reads an oracleGeneral trace whose sizes are all 1 as one without sizes, and one with any other size as sized', () => {
    const ones = openTrace({ path: file('ones.oracleGeneral', Buffer.concat([record(1, 7n, 1, -1n), record(2, 8n, 1, -1n)])), format: 'oracleGeneral' });
    expect(ones.has.sizes).toBe(false);
    expect(readAll(ones).sizes).toEqual([1, 1]);
    ones.close();
    const sized = openTrace({ path: file('mixed.oracleGeneral', Buffer.concat([record(1, 7n, 1, -1n), record(2, 8n, 2, -1n)])), format: 'oracleGeneral' });
    expect(sized.has.sizes).toBe(true);
    sized.close();
  });

  it('reads every oracleGeneral column, 64-bit ids included', () => {
    const path = file('three.oracleGeneral', Buffer.concat([
      record(100, 2n ** 40n + 5n, 4096, 2n),
      record(101, 2n ** 60n + 1n, 10, -1n),
      record(102, 2n ** 40n + 5n, 4096, -1n),
      record(103, 2n ** 60n + 2n, 7, -1n),
    ]));
    const source = openTrace({ path, format: 'oracleGeneral' });
    expect(source.keySpace).toBe(3);
    expect(readAll(source)).toEqual({
      keys: [0, 1, 0, 2],
      sizes: [4096, 10, 4096, 7],
      times: [100, 101, 102, 103],
      next: [2, Infinity, Infinity, Infinity],
      ttls: [Infinity, Infinity, Infinity, Infinity],
      ops: [0, 0, 0, 0],
    });
    source.close();
  });

  it('reads CSV columns by number or header name, with quotes, CRLF, blank lines, deletes and TTLs', () => {
    const path = file('ops.csv', 'ts;obj;bytes;op;ttl\r\n1.5;"a;b";10;get;\r\n\r\n2;plain;20;DEL;0\r\n3;"say ""hi""";30;set;60\r\n');
    const source = openTrace({ path, format: 'csv', csv: { key: 'obj', time: 1, size: 'bytes', op: 'op', ttl: 'ttl', header: true, delimiter: ';' } });
    expect(source.keySpace).toBe(3);
    expect(source.has).toEqual({ sizes: true, times: true, nextAccess: false, ttls: true, ops: true });
    const read = readAll(source);
    expect(read.keys).toEqual([0, 1, 2]);
    expect(read.times).toEqual([1.5, 2, 3]);
    expect(read.sizes).toEqual([10, 20, 30]);
    expect(read.ops).toEqual([Op.Read, Op.Delete, Op.Read]);
    expect(read.ttls).toEqual([Infinity, Infinity, 60]);
    source.close();
  });

  it('reads text traces one key per line, keys as strings', () => {
    const source = openTrace({ path: file('keys.txt', 'user:1\n  user:2 \n\nuser:1\n007\n7'), format: 'text' });
    expect(readAll(source).keys).toEqual([0, 1, 0, 2, 3]);
    source.close();
  });

  it.each([
    ['a missing file', () => openTrace({ path: join(dir, 'absent.bin'), format: 'oracleGeneral' }), 'absent.bin: no such file'],
    ['an empty oracleGeneral file', () => openTrace({ path: file('empty.bin', ''), format: 'oracleGeneral' }), 'holds no requests'],
    ['a cut oracleGeneral record', () => openTrace({ path: file('cut.bin', Buffer.concat([record(1, 1n, 1, -1n), Buffer.alloc(10)])), format: 'oracleGeneral' }),
      'size 34 is not a multiple of 24 bytes (oracleGeneral records); the last record at byte offset 24 is cut short'],
    ['a bad number in CSV', () => openTrace({ path: file('bad.csv', 'a,1\nb,2\nc,lots\n'), format: 'csv', csv: { key: 1, size: 2, header: false, delimiter: ',' } }),
      "bad.csv:3: expected a whole number of at least 0 in column 2 (size), got 'lots'"],
    ['a missing header column', () => openTrace({ path: file('header.csv', 'ts,key,bytes\n1,a,2\n'), format: 'csv', csv: { key: 'key', ttl: 'ttl', header: true, delimiter: ',' } }),
      "header.csv: header has no column named 'ttl' (columns: ts, key, bytes)"],
    ['too few columns', () => openTrace({ path: file('short.csv', 'a,b,c,d\na,b\n'), format: 'csv', csv: { key: 4, header: false, delimiter: ',' } }),
      'short.csv:2: has 2 columns, the key is in column 4'],
    ['an unclosed quote', () => openTrace({ path: file('quote.csv', 'a\n"b\n'), format: 'csv', csv: { key: 1, header: false, delimiter: ',' } }),
      'quote.csv:2: a quoted field is not closed'],
    ['a named column without a header', () => openTrace({ path: file('noheader.csv', 'a\n'), format: 'csv', csv: { key: 'key', header: false, delimiter: ',' } }),
      "the key column is named 'key', but the file has no header line"],
    ['a text file with no keys', () => openTrace({ path: file('blank.txt', '\n  \n'), format: 'text' }), 'blank.txt: holds no requests'],
  ])('names the problem with %s', (_, open, message) => {
    expect(open).toThrow(TraceError);
    expect(open).toThrow(message);
  });

  it('replays a trace exactly as the workload it was generated from', () => {
    const path = join(dir, 'replay.oracleGeneral');
    writeTrace(workloadSource(workload, 9, 5000), path, 'oracleGeneral', { rate: 1000 });
    const source = openTrace({ path, format: 'oracleGeneral' });
    for (const policy of ['lru', 'sieve', 'lfu']) {
      const fromTrace = replay(source, { policy, capacity: 50, seed: 1, requestRate: 1000 });
      const fromWorkload = replay(workloadSource(workload, 9, 5000), { policy, capacity: 50, seed: 1, requestRate: 1000 });
      expect(fromTrace.hits).toBe(fromWorkload.hits);
    }
    source.close();
  });

  it('counts bytes with object sizes and drops deleted keys without counting the delete', () => {
    // Capacity 40 bytes holds a (10) and b (30) together.
    const sized = openTrace({ path: file('sized2.csv', 'a,10,get\nb,30,get\na,10,get\nb,30,del\nb,30,get\na,10,get\n'), format: 'csv',
      csv: { key: 1, size: 2, op: 3, header: false, delimiter: ',' } });
    const result = replay(sized, { policy: 'lru', capacity: 40, seed: 1, requestRate: 1 });
    expect(result).toMatchObject({ sized: true, requests: 5, hits: 2, bytes: 90, hitBytes: 20, evictions: 0 });
    expect(result.byteHitRatio).toBeCloseTo(20 / 90, 12);
    sized.close();
  });
});
