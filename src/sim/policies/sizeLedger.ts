/**
 * The sizes of resident objects and their sum, kept for a policy so that every policy accounts
 * for capacity the same way: an object is stored once `used + size <= capacity`.
 *
 * Most runs count objects (every size 1), so per-key sizes are only stored, as the excess over 1,
 * once some object is larger: the common case then touches no size array at all.
 */
export class SizeLedger {
  private excess: Float64Array | undefined;
  used = 0;

  constructor(
    readonly capacity: number,
    private readonly keySpace: number,
  ) {}

  /** Whether an object of `size` cannot be stored even in an empty cache. */
  tooLarge(size: number): boolean {
    return size > this.capacity;
  }

  /** Whether storing `size` more units needs an eviction first. */
  full(size: number): boolean {
    return this.used + size > this.capacity;
  }

  add(key: number, size: number): void {
    if (size !== 1) (this.excess ??= new Float64Array(this.keySpace))[key] = size - 1;
    else if (this.excess) this.excess[key] = 0;
    this.used += size;
  }

  release(key: number): void {
    this.used -= this.sizeOf(key);
  }

  sizeOf(key: number): number {
    return this.excess ? 1 + this.excess[key]! : 1;
  }
}
