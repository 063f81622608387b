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
  /**
   * SIEVE's hand: the index of a queued key, or the tail while none is queued. Kept by `push`,
   * `remove` and `takeAtHand`, the only calls a queue with a hand makes.
   */
  private hand = 0;
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
    const index = this.at[key]!;
    this.entries[index] = HOLE;
    this.unqueue(key);
    if (index === this.hand) this.settleHand();
  }

  /** The key under the hand; the queue must not be empty. */
  atHand(): number {
    return this.entries[this.hand]!;
  }

  /** Moves the hand on to the next key toward the back, or back to the front from the last. */
  passHand(): void {
    this.hand++;
    this.settleHand();
  }

  /** Takes the key under the hand out and gives it; the hand moves on as `passHand` moves it. */
  takeAtHand(): number {
    const key = this.entries[this.hand]!;
    this.entries[this.hand] = HOLE;
    this.unqueue(key);
    this.passHand();
    return key;
  }

  /** Moves the hand past holes, from the last key to the front, onto a key; onto the tail while none is queued. */
  private settleHand(): void {
    const entries = this.entries;
    if (this.length === 0) {
      this.hand = this.tail;
      return;
    }
    let hand = this.hand;
    for (;;) {
      if (hand >= this.tail) hand = this.head;
      if (entries[hand] !== HOLE) break;
      hand++;
    }
    this.hand = hand;
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
    const { entries, at, head, tail, hand } = this;
    // Compacted in two runs, before and from the hand, so the loop need not look for it.
    const handInside = hand >= head && hand < tail;
    const beforeHand = dropHoles(entries, at, head, handInside ? hand : tail, 0);
    const kept = handInside ? dropHoles(entries, at, hand, tail, beforeHand) : beforeHand;
    this.hand = handInside ? beforeHand : kept;
    this.head = 0;
    this.tail = kept;
    if (kept * 2 > entries.length) {
      this.entries = new Int32Array(entries.length * 2);
      this.entries.set(entries.subarray(0, kept));
    }
  }
}

/** Moves the keys in entries [from, to) down to start at `kept`, skipping holes and noting each key's new index; gives the index after the last. */
function dropHoles(entries: Int32Array, at: Int32Array, from: number, to: number, kept: number): number {
  for (let read = from; read < to; read++) {
    const key = entries[read]!;
    if (key !== HOLE) {
      entries[kept] = key;
      at[key] = kept++;
    }
  }
  return kept;
}
