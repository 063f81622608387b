/** `KeyLists.where` for a key in none of the lists. */
export const NOWHERE = 255;

/**
 * Several doubly linked lists of keys sharing typed arrays, for policies that move keys between
 * queues (ARC's four, S3-FIFO's three): a key is in at most one list at a time, moves in O(1)
 * without allocating, and each list keeps the capacity units of its keys summed, ghosts included.
 * List `l` has its sentinel at index keySpace + l; its front is the newest end. A key's two links
 * sit side by side, so that following them touches one cache line rather than two, and sizes are
 * stored only once some object is not of size 1.
 */
export class KeyLists {
  /** Previous at 2·key, next at 2·key + 1. */
  private readonly links: Int32Array;
  private readonly base: number;
  /** Each key's size, once some key's size is not 1. */
  private sizes: Float64Array | undefined;
  /** The list each key is in, or NOWHERE. */
  readonly where: Uint8Array;
  readonly lengths: Int32Array;
  /** Capacity units of the keys in each list. */
  readonly bytes: Float64Array;

  constructor(keySpace: number, lists: number) {
    this.base = keySpace;
    this.links = new Int32Array(2 * (keySpace + lists));
    this.where = new Uint8Array(keySpace).fill(NOWHERE);
    this.lengths = new Int32Array(lists);
    this.bytes = new Float64Array(lists);
    for (let l = 0; l < lists; l++) {
      this.links[2 * (keySpace + l)] = keySpace + l;
      this.links[2 * (keySpace + l) + 1] = keySpace + l;
    }
  }

  /** Puts a key that is in no list at the front of `list`. */
  pushFront(list: number, key: number, size: number): void {
    if (size !== 1) (this.sizes ??= new Float64Array(this.where.length).fill(1))[key] = size;
    else if (this.sizes) this.sizes[key] = 1;
    this.link(list, key);
  }

  /** Takes `key` out of its list; returns the list it was in, or NOWHERE. */
  remove(key: number): number {
    const list = this.where[key]!;
    if (list === NOWHERE) return NOWHERE;
    this.detach(list, key);
    this.where[key] = NOWHERE;
    return list;
  }

  /**
   * Takes the key at the back of `list`, which is not empty, out of it and gives it. Unlike
   * back-then-remove it never reads the key's list, an old key's byte that is rarely in cache.
   */
  popBack(list: number): number {
    const key = this.links[2 * (this.base + list)]!;
    this.detach(list, key);
    this.where[key] = NOWHERE;
    return key;
  }

  /** Moves the key at the back of `from`, which is not empty, to the front of `to` and gives it; as popBack, without reading its list. */
  moveBackToFront(from: number, to: number): number {
    const key = this.links[2 * (this.base + from)]!;
    this.detach(from, key);
    this.link(to, key);
    return key;
  }

  /** Moves `key`, which is in a list, to the front of `list`, keeping its size. */
  moveToFront(list: number, key: number): void {
    const from = this.where[key]!;
    unlink(this.links, key);
    linkFront(this.links, this.base + list, key);
    // Within one list (an LRU hit), the list's count and units stay as they were.
    if (from === list) return;
    const size = this.sizeOf(key);
    this.lengths[from]!--;
    this.bytes[from]! -= size;
    this.lengths[list]!++;
    this.bytes[list]! += size;
    this.where[key] = list;
  }

  /** The key at the back (the oldest) of `list`, or -1 when it is empty. */
  back(list: number): number {
    const sentinel = this.base + list;
    const last = this.links[2 * sentinel]!;
    return last === sentinel ? -1 : last;
  }

  sizeOf(key: number): number {
    return this.sizes ? this.sizes[key]! : 1;
  }

  /** Unlinks `key` from `list`, which it is in, leaving its `where` to the caller. */
  private detach(list: number, key: number): void {
    unlink(this.links, key);
    this.lengths[list]!--;
    this.bytes[list]! -= this.sizeOf(key);
  }

  private link(list: number, key: number): void {
    linkFront(this.links, this.base + list, key);
    this.lengths[list]!++;
    this.bytes[list]! += this.sizeOf(key);
    this.where[key] = list;
  }
}

/** Links `key` at the front of the list whose sentinel is `sentinel`, in (previous, next) pairs of `links`. */
function linkFront(links: Int32Array, sentinel: number, key: number): void {
  const first = links[2 * sentinel + 1]!;
  links[2 * key] = sentinel;
  links[2 * key + 1] = first;
  links[2 * first] = key;
  links[2 * sentinel + 1] = key;
}

/** Takes `key` out of its list in (previous, next) pairs of `links`, leaving its own links as they were. */
function unlink(links: Int32Array, key: number): void {
  const before = links[2 * key]!;
  const after = links[2 * key + 1]!;
  links[2 * before + 1] = after;
  links[2 * after] = before;
}
