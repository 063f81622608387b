/**
 * Dense ids for a trace's keys, 0, 1, 2, ... in order of first appearance, so that policies index
 * typed arrays by key. Memory grows with the number of distinct keys, never with the trace.
 */

/** 64-bit numeric keys, given as their low and high 32-bit halves, in an open-addressing table. */
export class NumericInterner {
  private lows = new Uint32Array(1 << 16);
  private highs = new Uint32Array(1 << 16);
  /** id + 1 per slot; 0 marks an empty slot. */
  private ids = new Int32Array(1 << 16);
  private mask = (1 << 16) - 1;
  size = 0;

  /** The key's id, assigning the next one if the key is new. */
  intern(low: number, high: number): number {
    let slot = hash(low, high) & this.mask;
    for (;;) {
      const stored = this.ids[slot]!;
      if (stored === 0) break;
      if (this.lows[slot] === low && this.highs[slot] === high) return stored - 1;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    this.lows[slot] = low;
    this.highs[slot] = high;
    this.ids[slot] = id + 1;
    if (this.size * 2 > this.ids.length) this.grow();
    return id;
  }

  /** The id of a key interned before, or -1. */
  find(low: number, high: number): number {
    let slot = hash(low, high) & this.mask;
    for (;;) {
      const stored = this.ids[slot]!;
      if (stored === 0) return -1;
      if (this.lows[slot] === low && this.highs[slot] === high) return stored - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const { lows, highs, ids } = this;
    const capacity = ids.length * 2;
    this.lows = new Uint32Array(capacity);
    this.highs = new Uint32Array(capacity);
    this.ids = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] === 0) continue;
      let slot = hash(lows[i]!, highs[i]!) & this.mask;
      while (this.ids[slot] !== 0) slot = (slot + 1) & this.mask;
      this.lows[slot] = lows[i]!;
      this.highs[slot] = highs[i]!;
      this.ids[slot] = ids[i]!;
    }
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
