import type { RequestChunk, RequestSource } from './source';

/** Requests already in memory as key ids (unit sizes, no times): for benchmarks, tests and small traces. */
export function memorySource(name: string, keys: Int32Array, keySpace: number): RequestSource {
  let position = 0;
  return {
    name,
    keySpace,
    keys: keySpace,
    length: keys.length,
    has: { sizes: false, times: false, nextAccess: false, ttls: false, ops: false },
    read(chunk: RequestChunk): number {
      const count = Math.min(chunk.capacity, keys.length - position);
      chunk.keys.set(keys.subarray(position, position + count));
      chunk.sizes.fill(1, 0, count);
      chunk.ops.fill(0, 0, count);
      position += count;
      return count;
    },
    rewind() {
      position = 0;
    },
    close() {},
  };
}
