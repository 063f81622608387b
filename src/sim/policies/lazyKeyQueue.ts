/**
 * A queue of keys in which a key moves to the back by being appended again, its old entry
 * overwritten with a hole that is skipped when it reaches the front. A move touches the key's own
 * slots and the array's end, not its neighbours' links as a linked list does, and whether a key is
 * queued is one bit: at an eighth of a byte per key, those bits stay in the processor's cache, so
 * a request rarely waits for memory. Holes are dropped when the array fills, so it stays a small
 * multiple of the queued keys.
 */

/** An entry whose key has moved on or left. */
const HOLE = -1;
/** Room in the array per queued key: the more, the rarer the compactions. */
const ROOM_PER_KEY = 8;

export class LazyKeyQueue {
  /** Keys in the order they were queued, and holes, in [head, tail). */
  private entries: Int32Array;
  private head = 0;
  private tail = 0;
  /** Per queued key, the index of its entry. */
  private readonly at: Int32Array;
  /** One bit per key, set while it is queued. */
  private readonly queued: Int32Array;
  /** Queued keys. */
  length = 0;

  constructor(keySpace: number, expectedLength: number) {
    this.at = new Int32Array(keySpace);
    this.queued = new Int32Array((keySpace + 31) >>> 5);
    this.entries = new Int32Array(Math.max(1024, ROOM_PER_KEY * expectedLength));
  }

  has(key: number): boolean {
    return (this.queued[key >>> 5]! & (1 << (key & 31))) !== 0;
  }

  /** Queues `key`, which must not be queued, at the back. */
  push(key: number): void {
    this.queued[key >>> 5]! |= 1 << (key & 31);
    this.append(key);
    this.length++;
  }

  /** Moves a queued `key` to the back. */
  moveToBack(key: number): void {
    this.entries[this.at[key]!] = HOLE;
    this.append(key);
  }

  /** Takes the key at the front out of the queue and gives it; the queue must not be empty. */
  shift(): number {
    const entries = this.entries;
    let head = this.head;
    while (entries[head] === HOLE) head++;
    const key = entries[head]!;
    this.head = head + 1;
    this.unqueue(key);
    return key;
  }

  /** Takes a queued `key` out, wherever it is. */
  remove(key: number): void {
    this.entries[this.at[key]!] = HOLE;
    this.unqueue(key);
  }

  private unqueue(key: number): void {
    this.queued[key >>> 5]! &= ~(1 << (key & 31));
    this.length--;
  }

  private append(key: number): void {
    if (this.tail === this.entries.length) this.compact();
    this.at[key] = this.tail;
    this.entries[this.tail++] = key;
  }

  /** Drops the holes, and doubles the array when the keys would still fill more than half of it. */
  private compact(): void {
    const { entries, at } = this;
    let kept = 0;
    for (let read = this.head; read < this.tail; read++) {
      const key = entries[read]!;
      if (key !== HOLE) {
        entries[kept] = key;
        at[key] = kept++;
      }
    }
    this.head = 0;
    this.tail = kept;
    if (kept * 2 > entries.length) {
      this.entries = new Int32Array(entries.length * 2);
      this.entries.set(entries.subarray(0, kept));
    }
  }
}
