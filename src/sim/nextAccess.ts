import { RequestChunk, type RequestSource } from './source';

/**
 * The source's requests held in memory with each one's next-access index filled in, for offline
 * policies (OPT) on sources that do not carry it. Memory grows with the number of requests: about
 * 37 bytes each.
 */
export function withNextAccess(source: RequestSource): RequestSource {
  const length = source.length;
  const all = new RequestChunk(Math.max(1, length));
  const block = new RequestChunk();
  let filled = 0;
  source.rewind();
  for (let count = source.read(block); count > 0; count = source.read(block)) {
    if (filled + count > length) throw new Error(`${source.name}: yielded more than the ${length} requests it announced`);
    all.keys.set(block.keys.subarray(0, count), filled);
    all.sizes.set(block.sizes.subarray(0, count), filled);
    all.times.set(block.times.subarray(0, count), filled);
    all.ttls.set(block.ttls.subarray(0, count), filled);
    all.ops.set(block.ops.subarray(0, count), filled);
    filled += count;
  }
  const seenAt = new Float64Array(source.keySpace).fill(Infinity);
  for (let i = filled - 1; i >= 0; i--) {
    const key = all.keys[i]!;
    all.nextAccess[i] = seenAt[key]!;
    seenAt[key] = i;
  }
  let position = 0;
  return {
    name: source.name,
    keySpace: source.keySpace,
    keys: source.keys,
    length: filled,
    has: { ...source.has, nextAccess: true },
    read(chunk) {
      const count = Math.min(chunk.capacity, filled - position);
      const end = position + count;
      chunk.keys.set(all.keys.subarray(position, end));
      chunk.sizes.set(all.sizes.subarray(position, end));
      chunk.times.set(all.times.subarray(position, end));
      chunk.nextAccess.set(all.nextAccess.subarray(position, end));
      chunk.ttls.set(all.ttls.subarray(position, end));
      chunk.ops.set(all.ops.subarray(position, end));
      position = end;
      return count;
    },
    rewind() {
      position = 0;
    },
    close() {},
  };
}
