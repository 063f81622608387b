import { mix32 } from '../hash';
import { Op, RequestChunk, type RequestSource } from '../source';

/**
 * An LRU miss-ratio curve: the hit count of an LRU cache of every size from 0 to the number of
 * keys, from one pass over the requests (Mattson et al.'s stack distances). Sizes count objects.
 */
export interface MissRatioCurve {
  /** Reads in the trace (deletes are not requests). */
  readonly requests: number;
  /** Reads that were replayed: all of them when exact, the sampled ones with SHARDS. */
  readonly sampledRequests: number;
  /** 1 for the exact curve; SHARDS's sampling rate otherwise. */
  readonly sampleRate: number;
  readonly keys: number;
  /** hits[c]: hits of an LRU cache holding c objects (estimated when sampled), c = 0..keys. */
  readonly hits: Float64Array;
}

export interface MrcOptions {
  onProgress?(done: number, total: number): void;
}

/** The hit ratio of an LRU cache holding `capacity` objects. */
export function hitRatioAt(curve: MissRatioCurve, capacity: number): number {
  if (curve.requests === 0) return 0;
  const c = Math.max(0, Math.min(curve.keys, Math.floor(capacity)));
  return Math.min(1, Math.max(0, curve.hits[c]! / curve.requests));
}

/** The miss ratio of an LRU cache holding `capacity` objects. */
export function missRatioAt(curve: MissRatioCurve, capacity: number): number {
  return curve.requests === 0 ? 0 : 1 - hitRatioAt(curve, capacity);
}

/** The estimated error of a sampled curve's miss ratio at `capacity` (see shardsMrc); 0 when exact. */
export function errorAt(curve: MissRatioCurve | ShardsCurve, capacity: number): number {
  if (!('errors' in curve)) return 0;
  return curve.errors[Math.max(0, Math.min(curve.keys, Math.floor(capacity)))]!;
}

/**
 * Mattson's LRU stack distances in O(log keys) a reference: each reference marks its time slot, and
 * a key's distance is the number of marked slots after its previous one, plus one. Marks are bits,
 * 32 slots to a word, with a Fenwick tree over the words' counts: both stay small enough for the
 * processor's cache (a tree over single slots would be 32 times larger and miss it on every step).
 * When slots run out, live slots are renumbered in order, so memory stays proportional to the keys,
 * not the trace. A delete takes its key out of the stack: an LRU cache cannot refill a slot with a
 * key it already evicted, so with deletes a curve is an upper bound on an LRU cache's hits (exact
 * without them).
 */
class StackDistances {
  private readonly lastSlot: Int32Array;
  private slots: number;
  /** Bit s % 32 of word s / 32 marks slot s as some key's latest reference. */
  private marks: Int32Array;
  /** Fenwick tree over the marked slots per word (1-based). */
  private tree: Int32Array;
  /** The key referenced at each slot; read only where the slot is marked. */
  private slotKey: Int32Array;
  private now = 0;
  private live = 0;

  constructor(keySpace: number, expectedKeys: number) {
    this.lastSlot = new Int32Array(keySpace).fill(-1);
    this.slots = slotsFor(expectedKeys);
    this.marks = new Int32Array(this.slots >>> 5);
    this.tree = new Int32Array((this.slots >>> 5) + 1);
    this.slotKey = new Int32Array(this.slots);
  }

  /** A reference to `key`: its distance (1 with nothing in between), or Infinity the first time. */
  reference(key: number): number {
    const previous = this.forget(key);
    const distance = previous === -1 ? Infinity : this.live - this.upTo(previous) + 1;
    if (this.now === this.slots) this.compact();
    const slot = this.now++;
    this.lastSlot[key] = slot;
    this.slotKey[slot] = key;
    this.marks[slot >>> 5]! |= 1 << (slot & 31);
    this.add(slot >>> 5, 1);
    this.live++;
    return distance;
  }

  /** Takes `key` out of the stack; returns the slot it had, or -1. */
  forget(key: number): number {
    const previous = this.lastSlot[key]!;
    if (previous !== -1) {
      this.marks[previous >>> 5]! &= ~(1 << (previous & 31));
      this.add(previous >>> 5, -1);
      this.live--;
      this.lastSlot[key] = -1;
    }
    return previous;
  }

  private add(word: number, delta: number): void {
    const tree = this.tree;
    const words = tree.length - 1;
    for (let i = word + 1; i <= words; i += i & -i) tree[i]! += delta;
  }

  /** Marked slots in [0, slot]. */
  private upTo(slot: number): number {
    const tree = this.tree;
    const word = slot >>> 5;
    // The word's own marks up to and including the slot's bit; the tree counts the words before it.
    let sum = bitCount(this.marks[word]! & (-1 >>> (31 - (slot & 31))));
    for (let i = word; i > 0; i -= i & -i) sum += tree[i]!;
    return sum;
  }

  private compact(): void {
    const { marks, slotKey } = this;
    this.slots = Math.max(this.slots, slotsFor(this.live));
    const keys = new Int32Array(this.slots);
    let live = 0;
    for (let word = 0; word < marks.length; word++) {
      for (let bits = marks[word]!; bits !== 0; bits &= bits - 1) {
        const key = slotKey[(word << 5) | (31 - Math.clz32(bits & -bits))]!;
        this.lastSlot[key] = live;
        keys[live++] = key;
      }
    }
    this.slotKey = keys;
    this.marks = new Int32Array(this.slots >>> 5);
    this.marks.fill(-1, 0, live >>> 5);
    if ((live & 31) !== 0) this.marks[live >>> 5] = -1 >>> (32 - (live & 31));
    // Build the Fenwick tree in O(words): each word's count, pushed up to its parent.
    const tree = new Int32Array(this.marks.length + 1);
    for (let i = 1; i < tree.length; i++) {
      tree[i]! += bitCount(this.marks[i - 1]!);
      const parent = i + (i & -i);
      if (parent < tree.length) tree[parent]! += tree[i]!;
    }
    this.tree = tree;
    this.now = live;
  }
}

/** Slots for `keys` live keys: twice as many (so compactions amortise), a whole number of words. */
function slotsFor(keys: number): number {
  return Math.max(1024, Math.ceil((2 * keys + 1) / 32) * 32);
}

/** Set bits in a 32-bit word (the classic SWAR count). */
function bitCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Distances of sampled keys, scaled to the whole trace, collected into hits by cache size. */
class ScaledHistogram {
  readonly counts: Float64Array;
  readonly stack: StackDistances;
  sampled = 0;

  /** Key ids lie in [0, keySpace); `keys` distinct keys bound the distances and the curve. */
  constructor(
    keySpace: number,
    readonly keys: number,
    readonly rate: number,
  ) {
    this.counts = new Float64Array(keys + 1);
    this.stack = new StackDistances(keySpace, Math.ceil(keys * Math.min(1, rate * 1.5)));
  }

  reference(key: number): void {
    this.sampled++;
    const distance = this.stack.reference(key);
    if (distance !== Infinity) this.counts[Math.min(this.keys, Math.max(1, Math.round(distance / this.rate)))]!++;
  }

  /**
   * The curve: each sampled request stands for 1/rate requests, and SHARDS-adj puts the shortfall
   * between expected and sampled requests at distance 1.
   */
  curve(requests: number): MissRatioCurve {
    const hits = new Float64Array(this.keys + 1);
    const scale = 1 / this.rate;
    const adjustment = this.rate === 1 ? 0 : requests - this.sampled * scale;
    let sum = 0;
    for (let d = 0; d <= this.keys; d++) {
      sum += this.counts[d]! * scale + (d === 1 ? adjustment : 0);
      hits[d] = sum;
    }
    return { requests, sampledRequests: this.sampled, sampleRate: this.rate, keys: this.keys, hits };
  }
}

/** Reads every request once, handing each read or delete to `visit`; returns the number of reads. */
function eachReference(source: RequestSource, options: MrcOptions, visit: (key: number, isDelete: boolean) => void): number {
  const chunk = new RequestChunk();
  chunk.wanted = { times: false, sizes: false, nextAccess: false };
  let reads = 0;
  let done = 0;
  source.rewind();
  for (let count = source.read(chunk); count > 0; count = source.read(chunk)) {
    for (let i = 0; i < count; i++) {
      const isDelete = chunk.ops[i] === Op.Delete;
      if (!isDelete) reads++;
      visit(chunk.keys[i]!, isDelete);
    }
    done += count;
    options.onProgress?.(done, source.length);
  }
  return reads;
}

/** The exact LRU miss-ratio curve for every cache size, in one pass. */
export function exactLruMrc(source: RequestSource, options: MrcOptions = {}): MissRatioCurve {
  const histogram = new ScaledHistogram(source.keySpace, source.keys, 1);
  const requests = eachReference(source, options, (key, isDelete) => {
    if (isDelete) histogram.stack.forget(key);
    else histogram.reference(key);
  });
  return histogram.curve(requests);
}

/** SHARDS's hash space: a key is sampled when its hash modulo this falls below rate × this. */
const SHARDS_MODULUS = 1 << 24;

/**
 * SHARDS (Waldspurger, Park, Garthwaite and Ahmad, FAST 2015), fixed-rate with SHARDS-adj: keys
 * whose hash falls below rate × P are replayed and their distances scaled by 1/rate. The sampled keys
 * also split by hash into two halves, each its own estimate at half the rate; half the gap between
 * the two halves' miss ratios is the error shown for each size (a split-half estimate, which sees
 * what sampling whole keys does to the variance, as a per-request binomial error would not).
 */
export function shardsMrc(source: RequestSource, options: MrcOptions & { rate: number; seed?: number }): ShardsCurve {
  const { rate } = options;
  if (!(rate > 0 && rate <= 1)) throw new Error(`the SHARDS sampling rate must be in (0, 1], got ${rate}`);
  const { keySpace, keys } = source;
  const threshold = Math.round(rate * SHARDS_MODULUS);
  const half = threshold / 2;
  const seed = options.seed ?? 0;
  const all = new ScaledHistogram(keySpace, keys, rate);
  const halves = [new ScaledHistogram(keySpace, keys, rate / 2), new ScaledHistogram(keySpace, keys, rate / 2)] as const;
  const requests = eachReference(source, options, (key, isDelete) => {
    const h = mix32(key ^ seed) % SHARDS_MODULUS;
    if (h >= threshold) return;
    const part = halves[h < half ? 0 : 1];
    if (isDelete) {
      all.stack.forget(key);
      part.stack.forget(key);
    } else {
      all.reference(key);
      part.reference(key);
    }
  });
  const curve = all.curve(requests);
  const [first, second] = halves.map((part) => part.curve(requests));
  const errors = new Float64Array(keys + 1);
  for (let c = 0; c <= keys; c++) errors[c] = Math.abs(missRatioAt(first!, c) - missRatioAt(second!, c)) / 2;
  return { ...curve, errors };
}

/** A SHARDS curve with its estimated error at every size. */
export interface ShardsCurve extends MissRatioCurve {
  readonly errors: Float64Array;
}
