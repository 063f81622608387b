/**
 * Dense ids for a trace's keys, so that policies index typed arrays by key. Memory grows with the
 * number of distinct keys, never with the trace.
 */

/** Object ids may be used as key ids while below this many... */
const RAW_FLOOR = 1 << 20;
/** ...or below this many per distinct key seen: policies' arrays then stay within a few times the keys. */
const RAW_SLOTS_PER_KEY = 8;

/**
 * 64-bit numeric keys, given as their low and high 32-bit halves: all of them are added first,
 * then looked up. While the ids are small and dense (as in generated traces) each id is its own key
 * id, and a bit per id says which were seen; once one is not, every key moves to an open-addressing
 * hash table that numbers them 0, 1, 2, ...
 */
export class NumericInterner {
  /** A bit per object id seen while ids are used as they are; undefined once they are not. */
  private seen: Int32Array | undefined = new Int32Array(1 << 11);
  /** While ids are used as they are: one more than the largest. */
  private rawSpace = 0;
  private lows = new Uint32Array(0);
  private highs = new Uint32Array(0);
  /** id + 1 per slot; 0 marks an empty slot. */
  private ids = new Int32Array(0);
  private mask = -1;
  /** Distinct keys added. */
  size = 0;

  /** Key ids lie in [0, keySpace). */
  get keySpace(): number {
    return this.seen ? this.rawSpace : this.size;
  }

  /** Adds a key, once or again, to the hash table. */
  private addHashed(low: number, high: number): void {
    let slot = hash(low, high) & this.mask;
    for (;;) {
      const stored = this.ids[slot]!;
      if (stored === 0) break;
      if (this.lows[slot] === low && this.highs[slot] === high) return;
      slot = (slot + 1) & this.mask;
    }
    this.place(low, high, ++this.size, slot);
    if (this.size * 2 > this.ids.length) this.rehash(this.ids.length * 2);
  }

  /**
   * Adds `count` keys stored as (low, high) word pairs every `stride` words from `first` in
   * `words`, as `add` would one by one: ids that fit the bit table are marked in a tight loop.
   */
  addMany(words: Uint32Array, first: number, stride: number, count: number): void {
    let r = 0;
    let w = first;
    while (r < count) {
      const seen = this.seen;
      if (!seen) {
        for (; r < count; r++, w += stride) this.addHashed(words[w]!, words[w + 1]!);
        return;
      }
      const limit = seen.length * 32;
      let space = this.rawSpace;
      let added = 0;
      for (; r < count; r++, w += stride) {
        const low = words[w]!;
        if (words[w + 1] !== 0 || low >= limit) break;
        const index = low >>> 5;
        const shift = low & 31;
        const word = seen[index]!;
        added += (~word >>> shift) & 1;
        seen[index] = word | (1 << shift);
        if (low >= space) space = low + 1;
      }
      this.size += added;
      this.rawSpace = space;
      if (r === count) return;
      // This id does not fit the bit table: grow the table, or give ids up for the hash table; the
      // next turn of the loop then adds it.
      const low = words[w]!;
      if (words[w + 1] === 0 && low < Math.max(RAW_FLOOR, this.size * RAW_SLOTS_PER_KEY)) this.growSeen(low);
      else this.leaveRaw();
    }
  }

  /** The id of a key added before, or -1. */
  find(low: number, high: number): number {
    const seen = this.seen;
    if (seen) return high === 0 && low < this.rawSpace && (seen[low >>> 5]! & (1 << (low & 31))) !== 0 ? low : -1;
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
   * `words`, writing their ids (or -1) to `out`: one call per block keeps the raw path tight.
   */
  findMany(words: Uint32Array, first: number, stride: number, count: number, out: Int32Array): void {
    if (!this.seen) {
      for (let r = 0, w = first; r < count; r++, w += stride) out[r] = this.find(words[w]!, words[w + 1]!);
      return;
    }
    // Every key was added, so a key with a high half of 0 below the raw space is one seen.
    const space = this.rawSpace;
    for (let r = 0, w = first; r < count; r++, w += stride) {
      const low = words[w]!;
      out[r] = words[w + 1] === 0 && low < space ? low : this.find(low, words[w + 1]!);
    }
  }

  private growSeen(low: number): void {
    let length = this.seen!.length;
    while (length * 32 <= low) length *= 2;
    const grown = new Int32Array(length);
    grown.set(this.seen!);
    this.seen = grown;
  }

  /** Moves every key seen so far into the hash table, numbered in increasing order of id. */
  private leaveRaw(): void {
    const seen = this.seen!;
    this.seen = undefined;
    let capacity = 1 << 16;
    while (capacity < this.size * 2 + 2) capacity *= 2;
    this.rehash(capacity);
    let id = 0;
    for (let word = 0; word < seen.length; word++) {
      for (let bits = seen[word]!; bits !== 0; bits &= bits - 1) this.insertNew(word * 32 + (31 - Math.clz32(bits & -bits)), 0, ++id);
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
