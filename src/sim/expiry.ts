/** Redis runs the active expiry cycle `hz` times a second; 10 is its default. */
const CYCLES_PER_SECOND = 10;
/** Redis 7 expire.c: ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP (20) at the default active-expire-effort of 1. */
const KEYS_PER_LOOP = 20;
/** Redis 7 expire.c: ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE, in percent, at effort 1: loop again while more had expired. */
const ACCEPTABLE_STALE_PERCENT = 10;
/**
 * Redis stops a cycle after 25% of a tick's CPU time; virtual time has no CPU, so a cycle stops after
 * this many loops instead.
 */
const MAX_LOOPS_PER_CYCLE = 1000;

/**
 * Keys with a TTL, as Redis keeps them: lazily expired when read, and by an active cycle that walks
 * the keys with a TTL from a cursor (Redis 6+'s expires_cursor) ten times a virtual second.
 */
export class Expiry {
  private readonly expiresAt: Float64Array;
  /** Keys with a TTL packed densely; position[key] is -1 for a key without one. */
  private readonly volatile: Int32Array;
  private readonly position: Int32Array;
  private count = 0;
  private cursor = 0;
  /** Cycle n runs at n / CYCLES_PER_SECOND seconds; counted, not summed, so its time is exact. */
  private nextCycle: number;

  constructor(activeExpiry: boolean, keySpace: number) {
    this.expiresAt = new Float64Array(keySpace);
    this.volatile = new Int32Array(keySpace);
    this.position = new Int32Array(keySpace).fill(-1);
    this.nextCycle = activeExpiry ? 1 : Infinity;
  }

  /** A key was filled with a TTL: it expires at `expiresAt`, whatever hits it gets. */
  filled(key: number, expiresAt: number): void {
    this.expiresAt[key] = expiresAt;
    if (this.position[key] !== -1) return;
    this.volatile[this.count] = key;
    this.position[key] = this.count++;
  }

  /** A key left the cache (evicted or expired). */
  forget(key: number): void {
    const index = this.position[key]!;
    if (index === -1) return;
    const last = this.volatile[--this.count]!;
    this.volatile[index] = last;
    this.position[last] = index;
    this.position[key] = -1;
  }

  isExpired(key: number, now: number): boolean {
    return this.position[key] !== -1 && this.expiresAt[key]! <= now;
  }

  /** Runs every active expiry cycle due by `now`, calling `expire` for each key it removes. */
  runDueCycles(now: number, expire: (key: number) => void): void {
    // With nothing volatile a cycle does nothing, so a long idle gap in a trace costs no cycles.
    if (this.count === 0) {
      this.nextCycle = Math.max(this.nextCycle, Math.floor(now * CYCLES_PER_SECOND) + 1);
      return;
    }
    while (this.nextCycle / CYCLES_PER_SECOND <= now) {
      this.runCycle(this.nextCycle / CYCLES_PER_SECOND, expire);
      this.nextCycle++;
    }
  }

  private runCycle(now: number, expire: (key: number) => void): void {
    for (let loop = 0; loop < MAX_LOOPS_PER_CYCLE && this.count > 0; loop++) {
      const sampled = Math.min(KEYS_PER_LOOP, this.count);
      let expired = 0;
      for (let i = 0; i < sampled && this.count > 0; i++) {
        if (this.cursor >= this.count) this.cursor = 0;
        const key = this.volatile[this.cursor]!;
        if (this.expiresAt[key]! <= now) {
          expired++;
          this.forget(key); // the last key moves into this slot, so the cursor stays
          expire(key);
        } else {
          this.cursor++;
        }
      }
      if ((expired * 100) / sampled <= ACCEPTABLE_STALE_PERCENT) return;
    }
  }
}
