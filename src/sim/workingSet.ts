import { RequestChunk, type RequestSource } from './source';

/** The distinct keys a source requests and their bytes (each at the size of its first request). */
export function workingSetBytes(source: RequestSource): number {
  const seen = new Uint8Array(source.keySpace);
  const chunk = new RequestChunk();
  let bytes = 0;
  source.rewind();
  for (let count = source.read(chunk); count > 0; count = source.read(chunk)) {
    for (let i = 0; i < count; i++) {
      const key = chunk.keys[i]!;
      if (seen[key] === 0) {
        seen[key] = 1;
        bytes += chunk.sizes[i]!;
      }
    }
  }
  return bytes;
}
