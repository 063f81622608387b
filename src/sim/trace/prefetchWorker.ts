/** The worker behind openPrefetched (prefetch.ts): opens the trace in this thread and fills the shared ring, pass after pass. */
import { workerData } from 'node:worker_threads';
import { RequestChunk, type RequestSource } from '../source';
import { openTraceHere } from './index';
import { ACK, BLOCK, CLOSED, CONSUMED, COUNTS, FAILED, GENERATION, PRODUCED, READY, ringViews, SIGNAL, SLOTS, STATE, WANT_NEXT_ACCESS, WANT_SIZES, WANT_TIMES, WANTED, type PrefetchMessage, type PrefetchWorkerData } from './prefetch';

const { spec, ring, port } = workerData as PrefetchWorkerData;
const { control, progress, ...columns } = ringViews(ring);

function say(message: PrefetchMessage): void {
  port.postMessage(message);
}

function fail(error: unknown): void {
  const traceError = error instanceof Error && error.name === 'TraceError';
  say({ type: 'failed', message: error instanceof Error ? error.message : String(error), traceError });
  Atomics.store(control, STATE, FAILED);
  for (const index of [STATE, ACK, PRODUCED]) Atomics.notify(control, index);
}

const closed = (): boolean => Atomics.load(control, STATE) === CLOSED;

/** One pass over the trace for `generation`; stops early when the caller asks for another. */
function fill(source: RequestSource, generation: number, chunk: RequestChunk): void {
  for (let block = 0; ; block++) {
    for (;;) {
      // Read first: any change the caller makes after this read cuts the wait short.
      const signal = Atomics.load(control, SIGNAL);
      if (Atomics.load(control, GENERATION) !== generation || closed()) return;
      if (block - Atomics.load(control, CONSUMED) < SLOTS) break;
      Atomics.wait(control, SIGNAL, signal);
    }
    const count = source.read(chunk);
    const at = (block % SLOTS) * BLOCK;
    columns.keys.set(chunk.keys.subarray(0, count), at);
    if (chunk.wanted.sizes) columns.sizes.set(chunk.sizes.subarray(0, count), at);
    if (source.has.ttls) columns.ttls.set(chunk.ttls.subarray(0, count), at);
    if (source.has.ops) columns.ops.set(chunk.ops.subarray(0, count), at);
    if (chunk.wanted.times) columns.times.set(chunk.times.subarray(0, count), at);
    if (chunk.wanted.nextAccess) columns.nextAccess.set(chunk.nextAccess.subarray(0, count), at);
    control[COUNTS + (block % SLOTS)] = count;
    Atomics.store(control, PRODUCED, block + 1);
    Atomics.notify(control, PRODUCED);
    if (count === 0) return;
  }
}

function serve(): void {
  let source: RequestSource;
  try {
    source = openTraceHere(spec, (done, total) => {
      progress[0] = done;
      progress[1] = total;
    });
  } catch (error) {
    fail(error);
    return;
  }
  say({ type: 'ready', name: source.name, keySpace: source.keySpace, keys: source.keys, length: source.length, has: source.has });
  Atomics.store(control, STATE, READY);
  Atomics.notify(control, STATE);
  const chunk = new RequestChunk(BLOCK);
  let served = 0;
  try {
    for (;;) {
      const requested = Atomics.load(control, GENERATION);
      if (closed()) break;
      if (requested === served) {
        Atomics.wait(control, GENERATION, requested);
        continue;
      }
      served = requested;
      const wanted = Atomics.load(control, WANTED);
      chunk.wanted = { times: (wanted & WANT_TIMES) !== 0, sizes: (wanted & WANT_SIZES) !== 0, nextAccess: (wanted & WANT_NEXT_ACCESS) !== 0 };
      source.rewind();
      Atomics.store(control, PRODUCED, 0);
      Atomics.store(control, CONSUMED, 0);
      Atomics.store(control, ACK, served);
      Atomics.notify(control, ACK);
      fill(source, served, chunk);
    }
  } catch (error) {
    fail(error);
  } finally {
    source.close();
    port.close();
  }
}

serve();
