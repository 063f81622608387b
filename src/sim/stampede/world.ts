import { EventLoop, Resource, wait, type Awaitable, type Process } from '../des/eventLoop';
import type { Rng } from '../rng';

/** The hot key's cached value. */
export interface HotEntry {
  readonly version: number;
  /** Virtual second it stops being fresh. */
  readonly expiresAt: number;
  /** Until when a stale copy may still be served (stale-while-revalidate); equals expiresAt otherwise. */
  readonly staleUntil: number;
  /** Seconds the recomputation that wrote it took (XFetch's delta). */
  readonly delta: number;
}

export interface StampedeWorldOptions {
  readonly ttl: number;
  /** Seconds one recomputation holds a DB connection. */
  readonly delta: () => number;
  readonly dbConnections: number;
  /** Seconds of one cache round trip. */
  readonly cacheRtt: number;
  /** How long a stale value may be served after its TTL (stale-while-revalidate), seconds. */
  readonly staleGrace: number;
  /** The TTL given to each fill: the configured one, or jittered. */
  readonly fillTtl: () => number;
  readonly rng: Rng;
}

/**
 * One hot key, its cache and the database that recomputes it, on an event loop. Counts what a
 * stampede is made of: recomputations, grouped into refresh waves (a wave starts when a
 * recomputation starts while none is running), DB queries over time, stale and early reads.
 */
export class StampedeWorld {
  readonly loop = new EventLoop();
  readonly db: Resource;
  entry: HotEntry | undefined;
  private version = 0;
  private inFlight = 0;
  /** Start time of every recomputation. */
  readonly recomputeStarts: number[] = [];
  /** Per wave: when its first recomputation started, and the expiry it was racing (for XFetch's lead). */
  readonly waves: { start: number; end: number; expiresAt: number; recomputations: number }[] = [];
  earlyRefreshes = 0;
  staleServed = 0;
  private readonly locks = new Map<string, { owner: number; expiresAt: number }>();

  constructor(readonly options: StampedeWorldOptions) {
    this.db = new Resource(this.loop, options.dbConnections);
    // Warm at the start: written at 0 by a recomputation like any other, so the first expiry comes at the TTL.
    this.entry = { version: 0, expiresAt: options.ttl, staleUntil: options.ttl + options.staleGrace, delta: options.delta() };
  }

  get rng(): Rng {
    return this.options.rng;
  }

  /** A cache round trip returning the entry as stored (fresh, stale or expired: callers decide). */
  get(): Awaitable<HotEntry | undefined> {
    return (resume) => this.loop.after(this.options.cacheRtt, () => resume(this.entry));
  }

  fresh(entry: HotEntry | undefined): boolean {
    return entry !== undefined && this.loop.now < entry.expiresAt;
  }

  /** Recomputes the value on the DB and stores it (one cache round trip more). `early` marks a refresh before expiry. */
  *recompute(early = false): Process<void> {
    const started = this.loop.now;
    if (this.inFlight === 0) this.waves.push({ start: started, end: Infinity, expiresAt: this.entry?.expiresAt ?? started, recomputations: 0 });
    this.waves.at(-1)!.recomputations++;
    this.inFlight++;
    this.recomputeStarts.push(started);
    if (early) this.earlyRefreshes++;
    const took = yield* wait(this.db.use(this.options.delta(), () => this.loop.now - started));
    yield* wait(this.loop.delay(this.options.cacheRtt));
    const ttl = this.options.fillTtl();
    this.entry = { version: ++this.version, expiresAt: this.loop.now + ttl, staleUntil: this.loop.now + ttl + this.options.staleGrace, delta: took };
    this.inFlight--;
    if (this.inFlight === 0) this.waves.at(-1)!.end = this.loop.now;
  }

  /** SET lock NX EX ttl: whether `owner` got the lock (an expired lock counts as free). */
  tryLock(name: string, owner: number, ttl: number): Awaitable<boolean> {
    return (resume) =>
      this.loop.after(this.options.cacheRtt, () => {
        const held = this.locks.get(name);
        if (held && held.expiresAt > this.loop.now) return resume(false);
        this.locks.set(name, { owner, expiresAt: this.loop.now + ttl });
        resume(true);
      });
  }

  /** Releases the lock only if `owner` still holds it (the compare-and-delete Lua script). */
  unlock(name: string, owner: number): Awaitable<void> {
    return (resume) =>
      this.loop.after(this.options.cacheRtt, () => {
        if (this.locks.get(name)?.owner === owner) this.locks.delete(name);
        resume(undefined);
      });
  }
}
