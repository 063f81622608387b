import { LazyKeyQueue } from './lazyKeyQueue';
import { Access, type CacheRequest, type EvictionPolicy, type PolicyContext } from './policy';
import { SizeLedger } from './sizeLedger';

/**
 * A cache kept as one queue, filled at the back and evicting from the front: LRU when a hit moves
 * the key to the back, FIFO when it does not. A class rather than closures, so that every run
 * shares one `access` function and the replay loop's call stays monomorphic.
 */
export class QueuePolicy implements EvictionPolicy {
  private readonly queue: LazyKeyQueue;
  private readonly ledger: SizeLedger;
  private readonly onEvict: (key: number) => void;

  constructor(
    context: PolicyContext,
    private readonly promoteOnHit: boolean,
  ) {
    this.queue = new LazyKeyQueue(context.keySpace, Math.min(context.capacity, context.keySpace));
    this.ledger = new SizeLedger(context.capacity, context.keySpace);
    this.onEvict = context.onEvict;
  }

  get size(): number {
    return this.queue.length;
  }

  get used(): number {
    return this.ledger.used;
  }

  access(request: CacheRequest): Access {
    const key = request.key;
    if (this.queue.has(key)) {
      if (this.promoteOnHit) this.queue.moveToBack(key);
      return Access.Hit;
    }
    return this.store(key, request.size);
  }

  accessKeys(keys: Int32Array, count: number): number {
    const queue = this.queue;
    let hits = 0;
    for (let i = 0; i < count; i++) {
      const key = keys[i]!;
      if (queue.has(key)) {
        if (this.promoteOnHit) queue.moveToBack(key);
        hits++;
      } else {
        this.store(key, 1);
      }
    }
    return hits;
  }

  /** A miss, kept out of `access` so that the replay loop can inline the hit path. */
  private store(key: number, size: number): Access {
    if (this.ledger.tooLarge(size)) return Access.Bypassed;
    while (this.ledger.full(size)) {
      const victim = this.queue.shift();
      this.ledger.release(victim);
      this.onEvict(victim);
    }
    this.queue.push(key);
    this.ledger.add(key, size);
    return Access.Stored;
  }

  contains(key: number): boolean {
    return this.queue.has(key);
  }

  remove(key: number): boolean {
    if (!this.queue.has(key)) return false;
    this.queue.remove(key);
    this.ledger.release(key);
    return true;
  }
}
