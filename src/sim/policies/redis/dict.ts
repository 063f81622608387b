import { mix32 } from '../../hash';
import type { Rng } from '../../rng';

/** Redis dict.h: DICT_HT_INITIAL_SIZE. */
const INITIAL_SIZE = 4;
/** Redis server.h: HASHTABLE_MIN_FILL, in percent; below it the table shrinks. */
const MIN_FILL_PERCENT = 10;

/**
 * A Redis dict (dict.c, Redis 7.0) holding key ids, modelled closely enough that sampling behaves
 * as Redis's does: a power-of-two table of buckets with chaining, new entries at the head of their
 * chain, growth to the next power of two once it holds as many keys as buckets, shrinking below
 * 10% fill. Redis rehashes incrementally; here a resize moves every bucket at once, in Redis's
 * bucket order. Keys hash with a seeded integer mix instead of SipHash: both spread keys uniformly.
 */
export class RedisDict {
  private heads = new Int32Array(0);
  private mask = -1;
  private readonly next: Int32Array;
  private readonly present: Uint8Array;
  private readonly hashSeed: number;
  size = 0;

  constructor(
    keySpace: number,
    private readonly rng: Rng,
  ) {
    this.next = new Int32Array(keySpace);
    this.present = new Uint8Array(keySpace);
    this.hashSeed = rng.nextInt(0x1_0000_0000);
  }

  has(key: number): boolean {
    return this.present[key] === 1;
  }

  add(key: number): void {
    if (this.present[key] === 1) return;
    // dict.c _dictExpandIfNeeded: grow before adding once used >= buckets.
    if (this.heads.length === 0) this.resize(INITIAL_SIZE);
    else if (this.size >= this.heads.length) this.resize(nextPowerOfTwo(this.size + 1));
    const bucket = this.bucketOf(key);
    this.next[key] = this.heads[bucket]!;
    this.heads[bucket] = key;
    this.present[key] = 1;
    this.size++;
  }

  delete(key: number): void {
    if (this.present[key] !== 1) return;
    const bucket = this.bucketOf(key);
    let entry = this.heads[bucket]!;
    if (entry === key) {
      this.heads[bucket] = this.next[key]!;
    } else {
      while (this.next[entry] !== key) entry = this.next[entry]!;
      this.next[entry] = this.next[key]!;
    }
    this.present[key] = 0;
    this.size--;
    // server.c htNeedsResize, run by Redis's cron: shrink to the smallest power of two holding the keys.
    if (this.heads.length > INITIAL_SIZE && (this.size * 100) / this.heads.length < MIN_FILL_PERCENT) {
      this.resize(nextPowerOfTwo(Math.max(this.size, INITIAL_SIZE)));
    }
  }

  /**
   * dict.c dictGetSomeKeys: from a random bucket, walks consecutive buckets collecting whole chains
   * until it has `count` keys, jumping elsewhere after a run of empty buckets, for at most 10 steps
   * a key. Returns how many keys it wrote into `out`.
   */
  someKeys(out: Int32Array, wanted: number): number {
    const count = Math.min(wanted, this.size);
    let maxSteps = count * 10;
    let stored = 0;
    let emptyRun = 0;
    let i = this.randomBucket();
    while (stored < count && maxSteps-- > 0) {
      let entry = this.heads[i]!;
      if (entry === -1) {
        emptyRun++;
        if (emptyRun >= 5 && emptyRun > count) {
          i = this.randomBucket();
          emptyRun = 0;
        }
      } else {
        emptyRun = 0;
        while (entry !== -1) {
          out[stored++] = entry;
          if (stored === count) return stored;
          entry = this.next[entry]!;
        }
      }
      i = (i + 1) & this.mask;
    }
    return stored;
  }

  /** dict.c dictGetRandomKey: a random non-empty bucket, then a random entry of its chain. */
  randomKey(): number {
    if (this.size === 0) return -1;
    let head: number;
    do head = this.heads[this.randomBucket()]!;
    while (head === -1);
    let length = 0;
    for (let entry = head; entry !== -1; entry = this.next[entry]!) length++;
    let entry = head;
    for (let skip = this.rng.nextInt(length); skip > 0; skip--) entry = this.next[entry]!;
    return entry;
  }

  private randomBucket(): number {
    return this.rng.nextInt(this.heads.length);
  }

  private bucketOf(key: number): number {
    return mix32(key ^ this.hashSeed) & this.mask;
  }

  /** dict.c rehashing: buckets in order, each chain from its head, every entry to the head of its new bucket. */
  private resize(buckets: number): void {
    const old = this.heads;
    this.heads = new Int32Array(buckets).fill(-1);
    this.mask = buckets - 1;
    for (let bucket = 0; bucket < old.length; bucket++) {
      let entry = old[bucket]!;
      while (entry !== -1) {
        const following = this.next[entry]!;
        const target = this.bucketOf(entry);
        this.next[entry] = this.heads[target]!;
        this.heads[target] = entry;
        entry = following;
      }
    }
  }
}

function nextPowerOfTwo(n: number): number {
  let size = INITIAL_SIZE;
  while (size < n) size *= 2;
  return size;
}
