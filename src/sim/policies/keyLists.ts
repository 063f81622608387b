/** `KeyLists.where` for a key in none of the lists. */
export const NOWHERE = 255;

/**
 * Several doubly linked lists of keys sharing typed arrays, for policies that move keys between
 * queues (ARC's four, S3-FIFO's three): a key is in at most one list at a time, moves in O(1)
 * without allocating, and each list keeps the capacity units of its keys summed, ghosts included.
 * List `l` has its sentinel at index keySpace + l; its front is the newest end.
 */
export class KeyLists {
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private readonly base: number;
  private readonly sizes: Float64Array;
  /** The list each key is in, or NOWHERE. */
  readonly where: Uint8Array;
  readonly lengths: Int32Array;
  /** Capacity units of the keys in each list. */
  readonly bytes: Float64Array;

  constructor(keySpace: number, lists: number) {
    this.base = keySpace;
    this.prev = new Int32Array(keySpace + lists);
    this.next = new Int32Array(keySpace + lists);
    this.sizes = new Float64Array(keySpace);
    this.where = new Uint8Array(keySpace).fill(NOWHERE);
    this.lengths = new Int32Array(lists);
    this.bytes = new Float64Array(lists);
    for (let l = 0; l < lists; l++) {
      this.prev[keySpace + l] = keySpace + l;
      this.next[keySpace + l] = keySpace + l;
    }
  }

  /** Puts a key that is in no list at the front of `list`. */
  pushFront(list: number, key: number, size: number): void {
    this.sizes[key] = size;
    this.link(list, key);
  }

  /** Takes `key` out of its list; returns the list it was in, or NOWHERE. */
  remove(key: number): number {
    const list = this.where[key]!;
    if (list === NOWHERE) return NOWHERE;
    const before = this.prev[key]!;
    const after = this.next[key]!;
    this.next[before] = after;
    this.prev[after] = before;
    this.lengths[list]!--;
    this.bytes[list]! -= this.sizes[key]!;
    this.where[key] = NOWHERE;
    return list;
  }

  /** Moves `key` from its list to the front of `list`, keeping its size. */
  moveToFront(list: number, key: number): void {
    this.remove(key);
    this.link(list, key);
  }

  /** The key at the back (the oldest) of `list`, or -1 when it is empty. */
  back(list: number): number {
    const sentinel = this.base + list;
    const last = this.prev[sentinel]!;
    return last === sentinel ? -1 : last;
  }

  sizeOf(key: number): number {
    return this.sizes[key]!;
  }

  private link(list: number, key: number): void {
    const sentinel = this.base + list;
    const first = this.next[sentinel]!;
    this.prev[key] = sentinel;
    this.next[key] = first;
    this.prev[first] = key;
    this.next[sentinel] = key;
    this.lengths[list]!++;
    this.bytes[list]! += this.sizes[key]!;
    this.where[key] = list;
  }
}
