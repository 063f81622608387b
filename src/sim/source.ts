/** What a request does to the cache. Everything but a delete is a read that fills on a miss. */
export const Op = {
  Read: 0,
  /** Invalidation: the key is dropped if resident, and the request counts as neither hit nor miss. */
  Delete: 1,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

/**
 * A block of requests in columns, filled by a `RequestSource` and reused from block to block so
 * that replay allocates nothing per request.
 */
export class RequestChunk {
  /** Key ids in [0, keySpace). */
  readonly keys: Int32Array;
  /** Object sizes in bytes (1 when the source has no sizes). */
  readonly sizes: Float64Array;
  /** Seconds since the start of the trace (0 when the source has no times). */
  readonly times: Float64Array;
  /** Absolute index of the key's next request, Infinity when none (only when `has.nextAccess`). */
  readonly nextAccess: Float64Array;
  /** TTL in seconds given with the request, Infinity for none (only when `has.ttls`). */
  readonly ttls: Float64Array;
  readonly ops: Uint8Array;
  /**
   * Columns the reader of this chunk uses: a source may leave the others unfilled, which spares a
   * trace reader the work. Keys, TTLs and operations are always filled.
   */
  wanted = { times: true, sizes: true, nextAccess: true };

  constructor(readonly capacity = 65_536) {
    this.keys = new Int32Array(capacity);
    this.sizes = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    this.nextAccess = new Float64Array(capacity);
    this.ttls = new Float64Array(capacity);
    this.ops = new Uint8Array(capacity);
  }
}

/** Which columns of a source carry information rather than defaults. */
export interface SourceColumns {
  readonly sizes: boolean;
  readonly times: boolean;
  readonly nextAccess: boolean;
  readonly ttls: boolean;
  readonly ops: boolean;
}

/**
 * Requests read a chunk at a time: a generated workload or a trace file. Read from start to end,
 * then `rewind()` to replay the same requests again (a trace file keeps its key ids).
 */
export interface RequestSource {
  /** What it is, for messages: a file path or a workload description. */
  readonly name: string;
  /** Key ids lie in [0, keySpace), so that policies index typed arrays by them. */
  readonly keySpace: number;
  /**
   * Distinct keys: the working set that cache sizes are percentages of. At most keySpace (a trace
   * whose object ids are small keeps them as key ids, gaps and all).
   */
  readonly keys: number;
  /** Requests in all. */
  readonly length: number;
  readonly has: SourceColumns;
  /** Fills `chunk` from its start with the next requests; returns how many, 0 at the end. */
  read(chunk: RequestChunk): number;
  /** Starts again from the first request. */
  rewind(): void;
  /** Releases files; safe to call twice. A closed source cannot be read again. */
  close(): void;
}
