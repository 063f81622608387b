import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { Op, type RequestChunk, type RequestSource, type SourceColumns } from '../source';
import type { TraceSpec } from './index';
import type { ProgressListener } from './oracleGeneral';
import { TraceError } from './traceError';

/**
 * A trace read and decoded in a worker thread while the caller replays the blocks before: on two
 * cores, reading the file and turning its keys into ids costs the replay no time. Blocks pass
 * through a ring of shared memory, so nothing is copied through messages and memory stays fixed.
 *
 * The handshake, in words: the caller asks for a pass by bumping GENERATION; the worker leaves any
 * pass it was in, resets PRODUCED and CONSUMED, and answers with ACK = GENERATION; then it fills
 * slot b % SLOTS with block b once the caller has consumed block b - SLOTS, and a block of 0
 * requests ends the pass. Every wait is on a value the other side changes (the worker's on SIGNAL,
 * which the caller bumps after each change it makes), so no wake-up is lost.
 */

/** Blocks in flight: one being replayed, the others read ahead. */
export const SLOTS = 3;
/** Requests per block. */
export const BLOCK = 65_536;

// Words of the control array (plain constants: the reading loop must not look up properties).
export const STATE = 0;
export const GENERATION = 1;
export const ACK = 2;
export const PRODUCED = 3;
export const CONSUMED = 4;
/** Columns wanted this pass: WANT_* bits. */
export const WANTED = 5;
/**
 * Bumped by the caller whenever the worker may have something to do (a slot consumed, a new pass,
 * closing): what a worker waiting for a free slot waits on. Only the worker resets CONSUMED, so a
 * wake-up can never land on the count of a pass that has already begun.
 */
export const SIGNAL = 6;
/** Requests in each slot, from here on. */
export const COUNTS = 7;
const CONTROL_LENGTH = COUNTS + SLOTS;

// Values of control[STATE].
export const OPENING = 0;
export const READY = 1;
export const FAILED = 2;
export const CLOSED = 3;

export const WANT_TIMES = 1;
export const WANT_SIZES = 2;
export const WANT_NEXT_ACCESS = 4;

/** The shared memory both sides view: control words, progress, and the ring's columns. */
export interface SharedRing {
  readonly control: SharedArrayBuffer;
  /** bytesDone, bytesTotal of the opening pass. */
  readonly progress: SharedArrayBuffer;
  readonly keys: SharedArrayBuffer;
  readonly sizes: SharedArrayBuffer;
  readonly times: SharedArrayBuffer;
  readonly nextAccess: SharedArrayBuffer;
  readonly ttls: SharedArrayBuffer;
  readonly ops: SharedArrayBuffer;
}

/** Typed views of the ring, the same on both sides. */
export function ringViews(ring: SharedRing) {
  return {
    control: new Int32Array(ring.control),
    progress: new Float64Array(ring.progress),
    keys: new Int32Array(ring.keys),
    sizes: new Float64Array(ring.sizes),
    times: new Float64Array(ring.times),
    nextAccess: new Float64Array(ring.nextAccess),
    ttls: new Float64Array(ring.ttls),
    ops: new Uint8Array(ring.ops),
  };
}

/** What the worker is given. */
export interface PrefetchWorkerData {
  readonly spec: TraceSpec;
  readonly ring: SharedRing;
  readonly port: MessagePort;
}

/** What the worker says once: the opened trace's description, or why it could not be read. */
export type PrefetchMessage =
  | { readonly type: 'ready'; readonly name: string; readonly keySpace: number; readonly keys: number; readonly length: number; readonly has: SourceColumns }
  | { readonly type: 'failed'; readonly message: string; readonly traceError: boolean };

/** The worker bundle, beside this module's bundle (dist/); absent when running from sources. */
const WORKER_SCRIPT = join(__dirname, 'traceReader.js');

/**
 * Opens `spec` in a worker thread that reads ahead; undefined when no worker bundle is available (the
 * caller then reads in its own thread). A TraceError names what is wrong with the file, as in-thread.
 */
export function openPrefetched(spec: TraceSpec, onProgress?: ProgressListener, workerScript = WORKER_SCRIPT): RequestSource | undefined {
  if (!existsSync(workerScript)) return undefined;
  const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);
  const ring: SharedRing = {
    control: shared(CONTROL_LENGTH * 4),
    progress: shared(16),
    keys: shared(SLOTS * BLOCK * 4),
    sizes: shared(SLOTS * BLOCK * 8),
    times: shared(SLOTS * BLOCK * 8),
    nextAccess: shared(SLOTS * BLOCK * 8),
    ttls: shared(SLOTS * BLOCK * 8),
    ops: shared(SLOTS * BLOCK),
  };
  const { control, progress, keys, sizes, times, nextAccess, ttls, ops } = ringViews(ring);
  const channel = new MessageChannel();
  const worker = new Worker(workerScript, { workerData: { spec, ring, port: channel.port2 } satisfies PrefetchWorkerData, transferList: [channel.port2] });
  // The worker never keeps the process alive: it sleeps between passes and ends when closed.
  worker.unref();
  channel.port1.unref();

  const failure = (): Error => {
    const message = receiveMessageOnPort(channel.port1)?.message as PrefetchMessage | undefined;
    if (message?.type === 'failed') return message.traceError ? new TraceError(message.message) : new Error(message.message);
    return new Error(`${spec.path}: the trace reader stopped without saying why`);
  };
  /** Waits while control[index] holds `value`, failing if the worker does. */
  const waitWhile = (index: number, value: number, onTick?: () => void): void => {
    while (Atomics.load(control, index) === value) {
      if (Atomics.load(control, STATE) === FAILED) throw failure();
      Atomics.wait(control, index, value, 100);
      onTick?.();
    }
  };

  const signal = (): void => {
    Atomics.add(control, SIGNAL, 1);
    Atomics.notify(control, SIGNAL);
  };

  const reportProgress = (): void => {
    if (progress[1]! > 0) onProgress?.(progress[0]!, progress[1]!);
  };
  waitWhile(STATE, OPENING, reportProgress);
  if (Atomics.load(control, STATE) === FAILED) throw failure();
  reportProgress();
  const ready = receiveMessageOnPort(channel.port1)?.message as PrefetchMessage;
  if (ready.type !== 'ready') throw failure();

  const { sizes: hasSizes, ttls: hasTtls, ops: hasOps } = ready.has;
  let generation = 0;
  let started = false;
  let closed = false;
  let consumed = 0;
  /** The block being copied out: where it starts in the ring, how many requests, how many copied. */
  let blockStart = 0;
  let blockCount = 0;
  let blockOffset = 0;
  let ended = false;
  let wanted = 0;
  /** Whether this pass's reader wants sizes that the trace does not have: they are then all 1. */
  let unitSizes = false;

  const start = (chunk: RequestChunk): void => {
    wanted = (chunk.wanted.times ? WANT_TIMES : 0) | (chunk.wanted.sizes && hasSizes ? WANT_SIZES : 0) | (chunk.wanted.nextAccess ? WANT_NEXT_ACCESS : 0);
    Atomics.store(control, WANTED, wanted);
    unitSizes = chunk.wanted.sizes && !hasSizes;
    const acknowledged = Atomics.load(control, ACK);
    Atomics.store(control, GENERATION, ++generation);
    Atomics.notify(control, GENERATION);
    // Wakes a worker waiting for a free slot of the previous pass.
    signal();
    waitWhile(ACK, acknowledged);
    consumed = 0;
    blockCount = blockOffset = 0;
    ended = false;
    started = true;
  };

  return {
    name: ready.name,
    keySpace: ready.keySpace,
    keys: ready.keys,
    length: ready.length,
    has: ready.has,
    read(chunk: RequestChunk): number {
      if (closed) throw new TraceError(`${spec.path}: read after the trace was closed`);
      if (!started) start(chunk);
      if (ended) return 0;
      if (blockOffset === blockCount) {
        for (let produced = Atomics.load(control, PRODUCED); produced <= consumed; produced = Atomics.load(control, PRODUCED)) {
          waitWhile(PRODUCED, produced);
        }
        const slot = consumed % SLOTS;
        blockStart = slot * BLOCK;
        blockCount = control[COUNTS + slot]!;
        blockOffset = 0;
        if (blockCount === 0) {
          ended = true;
          return 0;
        }
      }
      const count = Math.min(chunk.capacity, blockCount - blockOffset);
      const from = blockStart + blockOffset;
      chunk.keys.set(keys.subarray(from, from + count));
      // Columns the trace does not have hold their defaults: filling is cheaper than copying. Sizes
      // the reader does not want are left as they are.
      if (wanted & WANT_SIZES) chunk.sizes.set(sizes.subarray(from, from + count));
      else if (unitSizes) chunk.sizes.fill(1, 0, count);
      if (hasTtls) chunk.ttls.set(ttls.subarray(from, from + count));
      else chunk.ttls.fill(Infinity, 0, count);
      if (hasOps) chunk.ops.set(ops.subarray(from, from + count));
      else chunk.ops.fill(Op.Read, 0, count);
      if (wanted & WANT_TIMES) chunk.times.set(times.subarray(from, from + count));
      if (wanted & WANT_NEXT_ACCESS) chunk.nextAccess.set(nextAccess.subarray(from, from + count));
      blockOffset += count;
      if (blockOffset === blockCount) {
        // The slot is copied out: the worker may fill it with the block SLOTS ahead.
        Atomics.store(control, CONSUMED, ++consumed);
        signal();
      }
      return count;
    },
    rewind() {
      started = false;
    },
    close() {
      if (closed) return;
      closed = true;
      Atomics.store(control, STATE, CLOSED);
      Atomics.add(control, GENERATION, 1);
      Atomics.notify(control, GENERATION);
      signal();
      channel.port1.close();
    },
  };
}
