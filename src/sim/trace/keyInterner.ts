/**
 * Dense ids for a trace's keys, 0, 1, 2, ... in order of first appearance, so that policies index
 * typed arrays by key. Memory grows with the number of distinct keys, never with the trace.
 */

/** Direct tables may grow to this many slots whatever the key count (4 MiB)... */
const DIRECT_FLOOR = 1 << 20;
/** ...and beyond that to this many slots per key seen, before the ids count as too sparse. */
const DIRECT_SLOTS_PER_KEY = 8;

/**
 * 64-bit numeric keys, given as their low and high 32-bit halves. While the ids are small and
 * dense (as in generated traces) they index a table directly; once one is not, every key moves to an
 * open-addressing hash table.
 */
export class NumericInterner {
  /** id + 1 per object id while ids are dense; undefined once they are not. */
  private direct: Int32Array | undefined = new Int32Array(1 << 16);
  private lows = new Uint32Array(0);
  private highs = new Uint32Array(0);
  /** id + 1 per slot; 0 marks an empty slot. */
  private ids = new Int32Array(0);
  private mask = -1;
  size = 0;

  /** The key's id, assigning the next one if the key is new. */
  intern(low: number, high: number): number {
    const direct = this.direct;
    if (direct) {
      if (high === 0 && low < direct.length) {
        const stored = direct[low]!;
        if (stored !== 0) return stored - 1;
        direct[low] = ++this.size;
        return this.size - 1;
      }
      if (high === 0 && low < Math.max(DIRECT_FLOOR, this.size * DIRECT_SLOTS_PER_KEY)) {
        this.growDirect(low);
      } else {
        this.leaveDirect();
      }
      return this.intern(low, high);
    }
    let slot = hash(low, high) & this.mask;
    for (;;) {
      const stored = this.ids[slot]!;
      if (stored === 0) break;
      if (this.lows[slot] === low && this.highs[slot] === high) return stored - 1;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    this.place(low, high, id + 1, slot);
    if (this.size * 2 > this.ids.length) this.rehash(this.ids.length * 2);
    return id;
  }

  /** The id of a key interned before, or -1. */
  find(low: number, high: number): number {
    const direct = this.direct;
    if (direct) return high === 0 && low < direct.length ? direct[low]! - 1 : -1;
    let slot = hash(low, high) & this.mask;
    for (;;) {
      const stored = this.ids[slot]!;
      if (stored === 0) return -1;
      if (this.lows[slot] === low && this.highs[slot] === high) return stored - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * Looks up `count` keys stored as (low, high) word pairs every `stride` words from `first` in
   * `words`, writing their ids (or -1) to `out`: one call per block keeps the direct path tight.
   */
  findMany(words: Uint32Array, first: number, stride: number, count: number, out: Int32Array): void {
    const direct = this.direct;
    if (!direct) {
      for (let r = 0, w = first; r < count; r++, w += stride) out[r] = this.find(words[w]!, words[w + 1]!);
      return;
    }
    const length = direct.length;
    for (let r = 0, w = first; r < count; r++, w += stride) {
      const low = words[w]!;
      out[r] = words[w + 1] === 0 && low < length ? direct[low]! - 1 : -1;
    }
  }

  private growDirect(low: number): void {
    let length = this.direct!.length;
    while (length <= low) length *= 2;
    const grown = new Int32Array(length);
    grown.set(this.direct!);
    this.direct = grown;
  }

  /** Moves every key from the direct table into the hash table. */
  private leaveDirect(): void {
    const direct = this.direct!;
    this.direct = undefined;
    let capacity = 1 << 16;
    while (capacity < this.size * 2 + 2) capacity *= 2;
    this.rehash(capacity);
    for (let low = 0; low < direct.length; low++) {
      if (direct[low] !== 0) this.insertNew(low, 0, direct[low]!);
    }
  }

  private place(low: number, high: number, storedId: number, slot: number): void {
    this.lows[slot] = low;
    this.highs[slot] = high;
    this.ids[slot] = storedId;
  }

  private insertNew(low: number, high: number, storedId: number): void {
    let slot = hash(low, high) & this.mask;
    while (this.ids[slot] !== 0) slot = (slot + 1) & this.mask;
    this.place(low, high, storedId, slot);
  }

  private rehash(capacity: number): void {
    const { lows, highs, ids } = this;
    this.lows = new Uint32Array(capacity);
    this.highs = new Uint32Array(capacity);
    this.ids = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < ids.length; i++) if (ids[i] !== 0) this.insertNew(lows[i]!, highs[i]!, ids[i]!);
  }
}

/** MurmurHash3's finaliser over both halves: neighbouring ids land far apart. */
function hash(low: number, high: number): number {
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** String keys (CSV and text traces). */
export class StringInterner {
  private readonly ids = new Map<string, number>();

  get size(): number {
    return this.ids.size;
  }

  intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }

  find(key: string): number {
    return this.ids.get(key) ?? -1;
  }
}
