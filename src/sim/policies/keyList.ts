/**
 * A doubly linked list of keys threaded through one typed array indexed by key, so a policy moves a
 * key in O(1) without allocating. A key's links sit side by side (previous at 2·key, next at
 * 2·key + 1), so following them touches one cache line rather than two; a key outside the list has
 * no next link (-1). Index `keySpace` is the
 * sentinel: front is its next.
 */
export class KeyList {
  private readonly links: Int32Array;
  private readonly sentinel: number;
  length = 0;

  constructor(keySpace: number) {
    this.links = new Int32Array(2 * keySpace + 2).fill(-1);
    this.sentinel = keySpace;
    this.links[2 * keySpace] = keySpace;
    this.links[2 * keySpace + 1] = keySpace;
  }

  pushFront(key: number): void {
    linkFront(this.links, this.sentinel, key);
    this.length++;
  }

  remove(key: number): void {
    unlink(this.links, key);
    this.links[2 * key + 1] = -1;
    this.length--;
  }

  /** Whether `key` is in the list: its next link is set. */
  has(key: number): boolean {
    return this.links[2 * key + 1] !== -1;
  }

  moveToFront(key: number): void {
    if (this.links[2 * this.sentinel + 1] === key) return;
    this.remove(key);
    this.pushFront(key);
  }

  /** The key one step nearer the front than `key`, or -1 when `key` is at the front. */
  towardFront(key: number): number {
    const before = this.links[2 * key]!;
    return before === this.sentinel ? -1 : before;
  }

  /** The key at the back (the oldest), or -1 when empty. */
  back(): number {
    const last = this.links[2 * this.sentinel]!;
    return last === this.sentinel ? -1 : last;
  }
}

/** Links `key` at the front of the list whose sentinel is `sentinel`, in (previous, next) pairs of `links`. */
export function linkFront(links: Int32Array, sentinel: number, key: number): void {
  const first = links[2 * sentinel + 1]!;
  links[2 * key] = sentinel;
  links[2 * key + 1] = first;
  links[2 * first] = key;
  links[2 * sentinel + 1] = key;
}

/** Takes `key` out of its list in (previous, next) pairs of `links`, leaving its own links as they were. */
export function unlink(links: Int32Array, key: number): void {
  const before = links[2 * key]!;
  const after = links[2 * key + 1]!;
  links[2 * before + 1] = after;
  links[2 * after] = before;
}
