import { createRng } from '../rng';
import type { RequestChunk, RequestSource } from '../source';
import { createKeyStream } from './index';
import type { WorkloadSpec } from './workload';

/** Describes a workload in a few words, e.g. `zipf(0.9) over 100000 keys`. */
export function describeWorkload(spec: WorkloadSpec): string {
  switch (spec.kind) {
    case 'zipf':
    case 'shift':
      return `${spec.kind}(${spec.alpha}) over ${spec.keys} keys`;
    case 'hotspot':
      return `hotspot(${spec.hotRequestPercent}% of requests to ${spec.hotKeyPercent}% of keys) over ${spec.keys} keys`;
    default:
      return `${spec.kind} over ${spec.keys} keys`;
  }
}

/** `requests` requests of a seeded built-in workload: keys only, no sizes, times or TTLs. */
export function workloadSource(spec: WorkloadSpec, seed: number, requests: number): RequestSource {
  let stream = createKeyStream(spec, createRng(seed), requests);
  let done = 0;
  return {
    name: describeWorkload(spec),
    keySpace: spec.keys,
    keys: spec.keys,
    length: requests,
    has: { sizes: false, times: false, nextAccess: false, ttls: false, ops: false },
    read(chunk: RequestChunk): number {
      const count = Math.min(chunk.capacity, requests - done);
      const keys = chunk.keys;
      for (let i = 0; i < count; i++) keys[i] = stream.next();
      chunk.sizes.fill(1, 0, count);
      chunk.ops.fill(0, 0, count);
      done += count;
      return count;
    },
    rewind() {
      stream = createKeyStream(spec, createRng(seed), requests);
      done = 0;
    },
    close() {},
  };
}
