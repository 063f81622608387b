import { closeSync, openSync, writeSync } from 'node:fs';
import { RequestChunk, type RequestSource } from '../source';
import type { TraceFormat } from './formats';
import { TraceError } from './traceError';

export interface TraceWriteOptions {
  /** Requests per second, for the time column when the source has no times. */
  readonly rate: number;
  /** Each key's size in bytes when the source has none (1 by default). */
  readonly objectSize?: (key: number) => number;
}

/** Bytes buffered before each write. */
const FLUSH_BYTES = 1 << 22;

/**
 * Writes every request of `source` to `path` in a format other tools read: libCacheSim's
 * oracleGeneral, CSV (`time,key,size`) or text (one key per line). The oracleGeneral next-access
 * column needs the future, so that format holds the key ids of the whole run in memory (4 bytes a
 * request) while it computes it backwards. Returns the bytes written.
 */
export function writeTrace(source: RequestSource, path: string, format: TraceFormat, options: TraceWriteOptions): number {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw new TraceError(`${path}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return format === 'oracleGeneral' ? writeOracleGeneral(fd, source, options) : writeLines(fd, source, format, options);
  } finally {
    closeSync(fd);
  }
}

interface Request {
  key: number;
  size: number;
  time: number;
}

/** Calls `visit` for every request of the source, from its first. */
function eachRequest(source: RequestSource, options: TraceWriteOptions, visit: (request: Request, index: number) => void): void {
  const chunk = new RequestChunk();
  const request: Request = { key: 0, size: 1, time: 0 };
  let index = 0;
  source.rewind();
  for (let count = source.read(chunk); count > 0; count = source.read(chunk)) {
    for (let i = 0; i < count; i++, index++) {
      request.key = chunk.keys[i]!;
      request.size = source.has.sizes ? chunk.sizes[i]! : (options.objectSize?.(request.key) ?? 1);
      request.time = source.has.times ? chunk.times[i]! : Math.floor(index / options.rate);
      visit(request, index);
    }
  }
}

function writeLines(fd: number, source: RequestSource, format: 'csv' | 'text', options: TraceWriteOptions): number {
  let text = format === 'csv' ? 'time,key,size\n' : '';
  let written = 0;
  const flush = (): void => {
    written += writeSync(fd, text);
    text = '';
  };
  eachRequest(source, options, ({ key, size, time }) => {
    text += format === 'csv' ? `${time},${key},${size}\n` : `${key}\n`;
    if (text.length >= FLUSH_BYTES) flush();
  });
  flush();
  return written;
}

function writeOracleGeneral(fd: number, source: RequestSource, options: TraceWriteOptions): number {
  const keys = new Int32Array(source.length);
  eachRequest(source, options, ({ key }, index) => (keys[index] = key));
  // next[i]: the index of the next request for the same key, -1 when none; found walking backwards.
  const next = new Float64Array(source.length);
  const seenAt = new Float64Array(source.keySpace).fill(-1);
  for (let i = source.length - 1; i >= 0; i--) {
    next[i] = seenAt[keys[i]!]!;
    seenAt[keys[i]!] = i;
  }
  const records = Math.floor(FLUSH_BYTES / 24);
  // Little-endian words, as the oracleGeneral reader reads them: time, id (low, high), size, next (low, high).
  const words = new Uint32Array(records * 6);
  const bytes = new Uint8Array(words.buffer);
  let filled = 0;
  let written = 0;
  eachRequest(source, options, ({ key, size, time }, index) => {
    const w = filled * 6;
    const following = next[index]!;
    words[w] = time >>> 0;
    words[w + 1] = key;
    words[w + 2] = 0;
    words[w + 3] = size >>> 0;
    words[w + 4] = following < 0 ? 0xffffffff : following >>> 0;
    words[w + 5] = following < 0 ? 0xffffffff : Math.floor(following / 4294967296);
    if (++filled === records) {
      written += writeSync(fd, bytes, 0, filled * 24);
      filled = 0;
    }
  });
  written += writeSync(fd, bytes, 0, filled * 24);
  return written;
}
