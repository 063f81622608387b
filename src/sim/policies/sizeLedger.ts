/**
 * The sizes of resident objects and their sum, kept for a policy so that every policy accounts
 * for capacity the same way: an object is stored once `used + size <= capacity`.
 */
export class SizeLedger {
  private readonly sizes: Float64Array;
  used = 0;

  constructor(
    readonly capacity: number,
    keySpace: number,
  ) {
    this.sizes = new Float64Array(keySpace);
  }

  /** Whether an object of `size` cannot be stored even in an empty cache. */
  tooLarge(size: number): boolean {
    return size > this.capacity;
  }

  /** Whether storing `size` more units needs an eviction first. */
  full(size: number): boolean {
    return this.used + size > this.capacity;
  }

  add(key: number, size: number): void {
    this.sizes[key] = size;
    this.used += size;
  }

  release(key: number): void {
    this.used -= this.sizes[key]!;
    this.sizes[key] = 0;
  }

  sizeOf(key: number): number {
    return this.sizes[key]!;
  }
}
