/**
 * A doubly linked list of keys threaded through typed arrays indexed by key, so a policy moves a
 * key in O(1) without allocating. Index `keySpace` is the sentinel: front is next[sentinel].
 */
export class KeyList {
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private readonly sentinel: number;
  length = 0;

  constructor(keySpace: number) {
    this.prev = new Int32Array(keySpace + 1);
    this.next = new Int32Array(keySpace + 1);
    this.sentinel = keySpace;
    this.prev[keySpace] = keySpace;
    this.next[keySpace] = keySpace;
  }

  pushFront(key: number): void {
    const first = this.next[this.sentinel]!;
    this.prev[key] = this.sentinel;
    this.next[key] = first;
    this.prev[first] = key;
    this.next[this.sentinel] = key;
    this.length++;
  }

  remove(key: number): void {
    const before = this.prev[key]!;
    const after = this.next[key]!;
    this.next[before] = after;
    this.prev[after] = before;
    this.length--;
  }

  moveToFront(key: number): void {
    this.remove(key);
    this.pushFront(key);
  }

  /** The key one step nearer the front than `key`, or -1 when `key` is at the front. */
  towardFront(key: number): number {
    const before = this.prev[key]!;
    return before === this.sentinel ? -1 : before;
  }

  /** The key at the back (the oldest), or -1 when empty. */
  back(): number {
    const last = this.prev[this.sentinel]!;
    return last === this.sentinel ? -1 : last;
  }
}
