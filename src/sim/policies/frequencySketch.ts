import { mix32 } from '../hash';

const ROWS = 4;
const MAX_COUNT = 15;
/** Odd constants that give each row its own hash of the key. */
const ROW_SEEDS = [0x97cb3127, 0xc2b2ae35, 0x85ebca6b, 0x27d4eb2f];

/**
 * TinyLFU's frequency sketch as Caffeine builds it (Einziger, Friedman and Manes, 2017): a
 * count-min sketch of four rows of 4-bit counters, at least as many per row as the cache holds
 * objects. A key's estimate is its smallest counter, so it never undercounts until an aging step:
 * after ten times `width` recorded requests, every counter and the request count are halved, so old
 * popularity fades.
 */
export class FrequencySketch {
  private readonly counters: Uint8Array;
  private readonly mask: number;
  private readonly sampleSize: number;
  private additions = 0;

  /** `width` is rounded up to a power of two (at least 16). */
  constructor(width: number) {
    let size = 16;
    while (size < width) size *= 2;
    this.mask = size - 1;
    this.counters = new Uint8Array(ROWS * size);
    this.sampleSize = 10 * size;
  }

  /** Counts one request for `key`. */
  increment(key: number): void {
    const hash = mix32(key);
    let added = false;
    for (let row = 0; row < ROWS; row++) {
      const index = this.index(hash, row);
      if (this.counters[index]! < MAX_COUNT) {
        this.counters[index]!++;
        added = true;
      }
    }
    if (added && ++this.additions >= this.sampleSize) this.halve();
  }

  /** Estimated requests for `key` since the last aging steps, at most 15. */
  frequency(key: number): number {
    const hash = mix32(key);
    let lowest = MAX_COUNT;
    for (let row = 0; row < ROWS; row++) lowest = Math.min(lowest, this.counters[this.index(hash, row)]!);
    return lowest;
  }

  private index(hash: number, row: number): number {
    return row * (this.mask + 1) + (mix32(hash ^ ROW_SEEDS[row]!) & this.mask);
  }

  private halve(): void {
    for (let i = 0; i < this.counters.length; i++) this.counters[i] = this.counters[i]! >> 1;
    this.additions = Math.floor(this.additions / 2);
  }
}
