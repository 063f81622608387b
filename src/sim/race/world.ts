/** A cached value and when it expires (Infinity: no TTL). */
export interface CacheEntry {
  readonly value: string;
  readonly expiresAt: number;
}

/** The stores of a race after one step, as plain objects for display and messages. */
export interface RaceSnapshot {
  /** Each cache by name ("Cache", or one L1 per server), key to value. */
  readonly caches: Record<string, Record<string, string>>;
  readonly db: Record<string, string>;
  /** Queues and streams by name, oldest first. */
  readonly queues: Record<string, string[]>;
}

/** A cache read that returned a value the database no longer holds. */
export interface StaleRead {
  readonly time: number;
  readonly cache: string;
  readonly key: string;
  readonly served: string;
  readonly current?: string | undefined;
}

/** A stretch of time during which a cache held a value for a key that the database did not. */
export interface StaleWindow {
  readonly cache: string;
  readonly key: string;
  readonly value: string;
  readonly dbValue?: string | undefined;
  readonly since: number;
  /** When it ended, or Infinity when it had not by the end of the script. */
  readonly until: number;
  /** Until when it will last at most if nothing else happens: its TTL, else Infinity. */
  readonly expiresAt: number;
}

export const MAIN_CACHE = 'Cache';

/**
 * The shared state a race script's steps act on: caches, a database, queues, leases. Every read
 * of a cache is checked against the database, and after every step each cache's keys are compared
 * with the rows they mirror, so staleness is measured, not asserted by the script.
 */
export class RaceWorld {
  time = 0;
  readonly caches = new Map<string, Map<string, CacheEntry>>([[MAIN_CACHE, new Map()]]);
  readonly db = new Map<string, string>();
  readonly queues = new Map<string, string[]>();
  /** Lease tokens handed out on misses (Facebook's memcache leases), by key. */
  readonly leases = new Map<string, number>();
  readonly staleReads: StaleRead[] = [];
  /** Writes the application acknowledged to its client, by key: the value a later read must see. */
  readonly acknowledged = new Map<string, string>();
  /** Stores the current step touched, for drawing arrows. */
  touched = new Set<string>();
  private readonly openWindows = new Map<string, { value: string; dbValue: string | undefined; since: number; expiresAt: number }>();
  readonly closedWindows: StaleWindow[] = [];
  private nextLease = 1;

  /**
   * @param mirrors the database row a cache key mirrors, or undefined when no reader can reach the
   *   key any more (an old version of a versioned key); by default the key itself.
   */
  constructor(private readonly mirrors: (cacheKey: string, db: ReadonlyMap<string, string>) => string | undefined = (key) => key) {}

  private rowOf(key: string): string | undefined {
    return this.mirrors(key, this.db);
  }

  cacheStore(name = MAIN_CACHE): Map<string, CacheEntry> {
    let store = this.caches.get(name);
    if (!store) this.caches.set(name, (store = new Map()));
    return store;
  }

  get(key: string, cache = MAIN_CACHE): string | undefined {
    this.touched.add(cache);
    const store = this.cacheStore(cache);
    const entry = store.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.time) {
      store.delete(key);
      return undefined;
    }
    const row = this.rowOf(key);
    const current = row === undefined ? undefined : this.db.get(row);
    if (row !== undefined && current !== entry.value) this.staleReads.push({ time: this.time, cache, key, served: entry.value, current });
    return entry.value;
  }

  set(key: string, value: string, options: { ttl?: number; cache?: string } = {}): void {
    const cache = options.cache ?? MAIN_CACHE;
    this.touched.add(cache);
    this.cacheStore(cache).set(key, { value, expiresAt: options.ttl === undefined ? Infinity : this.time + options.ttl });
  }

  delete(key: string, cache = MAIN_CACHE): boolean {
    this.touched.add(cache);
    if (cache === MAIN_CACHE) this.leases.delete(key);
    return this.cacheStore(cache).delete(key);
  }

  /**
   * A miss that hands out a lease: the token the filler must show to set the key; undefined when
   * another client holds the lease already, which tells this one to wait and retry.
   */
  lease(key: string): number | undefined {
    this.touched.add(MAIN_CACHE);
    if (this.leases.has(key)) return undefined;
    const token = this.nextLease++;
    this.leases.set(key, token);
    return token;
  }

  /** Sets `key` only if `token` is still its lease (no delete came in between); returns whether it did. */
  setWithLease(key: string, value: string, token: number, ttl?: number): boolean {
    this.touched.add(MAIN_CACHE);
    if (this.leases.get(key) !== token) return false;
    this.leases.delete(key);
    this.set(key, value, ttl === undefined ? {} : { ttl });
    return true;
  }

  read(row: string): string | undefined {
    this.touched.add('DB');
    return this.db.get(row);
  }

  write(row: string, value: string): void {
    this.touched.add('DB');
    this.db.set(row, value);
  }

  queue(name: string): string[] {
    let queue = this.queues.get(name);
    if (!queue) this.queues.set(name, (queue = []));
    this.touched.add(name);
    return queue;
  }

  /** Compares every cache with the database after a step, opening and closing stale windows. */
  observe(): void {
    const seen = new Set<string>();
    for (const [cache, store] of this.caches) {
      for (const [key, entry] of store) {
        const row = this.rowOf(key);
        if (row === undefined || entry.expiresAt <= this.time) continue;
        const dbValue = this.db.get(row);
        if (dbValue === entry.value) continue;
        const id = `${cache}\u0000${key}`;
        seen.add(id);
        const open = this.openWindows.get(id);
        if (open && open.value === entry.value) continue;
        if (open) this.close(id, cache, key);
        this.openWindows.set(id, { value: entry.value, dbValue, since: this.time, expiresAt: entry.expiresAt });
      }
    }
    for (const id of [...this.openWindows.keys()]) {
      if (!seen.has(id)) {
        const [cache, key] = id.split('\u0000') as [string, string];
        this.close(id, cache, key);
      }
    }
  }

  /** Windows still open at the end of the script: the stale values it leaves behind. */
  staleAtEnd(): StaleWindow[] {
    return [...this.openWindows].map(([id, open]) => {
      const [cache, key] = id.split('\u0000') as [string, string];
      return { cache, key, ...open, until: Infinity };
    });
  }

  snapshot(): RaceSnapshot {
    const caches: Record<string, Record<string, string>> = {};
    for (const [name, store] of this.caches) {
      caches[name] = {};
      for (const [key, entry] of store) if (entry.expiresAt > this.time) caches[name][key] = entry.value;
      if (name === MAIN_CACHE) for (const [key, token] of this.leases) caches[name][`${key} (lease)`] = `#${token}`;
    }
    return { caches, db: Object.fromEntries(this.db), queues: Object.fromEntries([...this.queues].map(([name, items]) => [name, [...items]])) };
  }

  private close(id: string, cache: string, key: string): void {
    const open = this.openWindows.get(id)!;
    this.openWindows.delete(id);
    this.closedWindows.push({ cache, key, ...open, until: Math.min(this.time, open.expiresAt) });
  }
}
