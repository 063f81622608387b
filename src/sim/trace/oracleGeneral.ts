import { closeSync } from 'node:fs';
import { Op, type RequestChunk, type RequestSource } from '../source';
import { BLOCK_BYTES, openTraceFile, readFully } from './fileBlocks';
import { NumericInterner } from './keyInterner';
import { TraceError } from './traceError';

/** libCacheSim's oracleGeneral record: u32 time, u64 object id, u32 size, i64 next access index. */
const RECORD_BYTES = 24;
/** Records per block read: a whole number of records. */
const BLOCK_RECORDS = Math.floor(BLOCK_BYTES / RECORD_BYTES);

// Records are read through a Uint32Array view, which is little-endian on every platform Node runs on here.
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('oracleGeneral traces need a little-endian machine');

export type ProgressListener = (bytesDone: number, bytesTotal: number) => void;

/**
 * A libCacheSim oracleGeneral trace, streamed: opening reads the file once to give every object id
 * a key id (the id itself while ids are small and dense; memory grows with distinct objects only);
 * each replay reads it again in blocks.
 * A next-access index of -1, or beyond the trace, means the object is not requested again. A trace
 * whose sizes are all 1 reads as one without sizes: capacities count objects either way.
 */
export function openOracleGeneral(path: string, onProgress?: ProgressListener): RequestSource {
  const file = openTraceFile(path);
  const { fd, size } = file;
  let closed = false;
  const close = (): void => {
    if (!closed) closeSync(fd);
    closed = true;
  };
  const interner = new NumericInterner();
  const block = new Uint8Array(BLOCK_RECORDS * RECORD_BYTES);
  const words = new Uint32Array(block.buffer);
  const length = Math.floor(size / RECORD_BYTES);
  // Sizes that are all 1 say nothing: the trace then counts objects, and replays skip the column.
  let unitSizes = true;
  try {
    if (size === 0) throw new TraceError(`${path}: holds no requests (the file is empty)`);
    if (size % RECORD_BYTES !== 0) {
      throw new TraceError(
        `${path}: size ${size} is not a multiple of ${RECORD_BYTES} bytes (oracleGeneral records); ` +
          `the last record at byte offset ${length * RECORD_BYTES} is cut short`,
      );
    }
    for (let first = 0; first < length; first += BLOCK_RECORDS) {
      const records = Math.min(BLOCK_RECORDS, length - first);
      readFully(fd, block, records * RECORD_BYTES, first * RECORD_BYTES);
      interner.addMany(words, 1, 6, records);
      if (unitSizes) unitSizes = allOnes(words, 3, 6, records);
      onProgress?.((first + records) * RECORD_BYTES, size);
    }
  } catch (error) {
    close();
    throw error;
  }

  let next = 0;
  return {
    name: file.name,
    keySpace: interner.keySpace,
    keys: interner.size,
    length,
    has: { sizes: !unitSizes, times: true, nextAccess: true, ttls: false, ops: false },
    read(chunk: RequestChunk): number {
      if (closed) throw new TraceError(`${path}: read after the trace was closed`);
      const count = Math.min(chunk.capacity, BLOCK_RECORDS, length - next);
      if (count <= 0) return 0;
      readFully(fd, block, count * RECORD_BYTES, next * RECORD_BYTES);
      interner.findMany(words, 1, 6, count, chunk.keys);
      decodeColumns(words, count, chunk);
      next += count;
      return count;
    },
    rewind() {
      next = 0;
    },
    close,
  };
}

/** Whether the `count` words every `stride` from `first` are all 1. */
function allOnes(words: Uint32Array, first: number, stride: number, count: number): boolean {
  for (let r = 0, w = first; r < count; r++, w += stride) if (words[w] !== 1) return false;
  return true;
}

/**
 * The columns besides keys from `count` records viewed as words. A function of its own so that the
 * optimising compiler sees it whole: compiled mid-loop inside `read`, the code after the loops
 * lacked type feedback and was thrown out again on every block.
 */
function decodeColumns(words: Uint32Array, count: number, chunk: RequestChunk): void {
  const { sizes, times, nextAccess, ttls, ops, wanted } = chunk;
  if (wanted.times) for (let r = 0, w = 0; r < count; r++, w += 6) times[r] = words[w]!;
  if (wanted.sizes) for (let r = 0, w = 3; r < count; r++, w += 6) sizes[r] = words[w]!;
  if (wanted.nextAccess) {
    for (let r = 0, w = 4; r < count; r++, w += 6) {
      // i64 little-endian: a negative high word is -1 (never again); beyond 2^53 is as good as never.
      const high = words[w + 1]! | 0;
      nextAccess[r] = high < 0 || high >= 0x200000 ? Infinity : high * 4294967296 + words[w]!;
    }
  }
  ttls.fill(Infinity, 0, count);
  ops.fill(Op.Read, 0, count);
}
