import { closeSync } from 'node:fs';
import { Op, type RequestChunk, type RequestSource } from '../source';
import { LineReader, openTraceFile } from './fileBlocks';
import { StringInterner } from './keyInterner';
import type { ProgressListener } from './oracleGeneral';
import { TraceError } from './traceError';

/** A plain-text trace, one key per line (trimmed; blank lines skipped), streamed like the CSV reader. */
export function openText(path: string, onProgress?: ProgressListener): RequestSource {
  const file = openTraceFile(path);
  let closed = false;
  const close = (): void => {
    if (!closed) closeSync(file.fd);
    closed = true;
  };
  const interner = new StringInterner();
  let length = 0;
  try {
    const reader = new LineReader(file.fd, file.size, onProgress);
    for (let line = reader.next(); line !== undefined; line = reader.next()) {
      const key = line.trim();
      if (key === '') continue;
      interner.intern(key);
      length++;
    }
    if (length === 0) throw new TraceError(`${file.name}: holds no requests (no line has a key)`);
  } catch (error) {
    close();
    throw error;
  }
  let reader = new LineReader(file.fd, file.size);
  return {
    name: file.name,
    keySpace: interner.size,
    keys: interner.size,
    length,
    has: { sizes: false, times: false, nextAccess: false, ttls: false, ops: false },
    read(chunk: RequestChunk): number {
      if (closed) throw new TraceError(`${path}: read after the trace was closed`);
      let count = 0;
      while (count < chunk.capacity) {
        const line = reader.next();
        if (line === undefined) break;
        const key = line.trim();
        if (key === '') continue;
        chunk.keys[count++] = interner.find(key);
      }
      chunk.sizes.fill(1, 0, count);
      chunk.ttls.fill(Infinity, 0, count);
      chunk.ops.fill(Op.Read, 0, count);
      return count;
    },
    rewind() {
      reader = new LineReader(file.fd, file.size);
    },
    close,
  };
}
