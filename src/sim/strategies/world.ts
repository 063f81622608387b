import { EventLoop, Resource, type Awaitable } from '../des/eventLoop';

export interface CachedValue {
  readonly version: number;
  /** Virtual second it expires; Infinity without a TTL. */
  readonly expiresAt: number;
}

export interface StrategyWorldOptions {
  /** Seconds a cache entry lives; Infinity for none. */
  readonly ttl: number;
  readonly cacheLatency: () => number;
  readonly dbLatency: () => number;
  readonly dbConnections: number;
  /** Decides, per invalidation, whether it is lost on the way or delivered twice (the second one later). */
  readonly invalidationFault: () => 'none' | 'lost' | 'duplicated';
}

/**
 * A cache node and a database on one event loop, as a write strategy sees them. Every key's value
 * is a version number; the database commits a write when its query completes, and a read sees the
 * version committed when its query completes. The truth a reader should see is the last version
 * acknowledged to a writer.
 */
export class StrategyWorld {
  readonly loop = new EventLoop();
  readonly db: Resource;
  private readonly cache = new Map<number, CachedValue>();
  private readonly committed = new Map<number, number>();
  private readonly allocated = new Map<number, number>();
  private readonly truth = new Map<number, { version: number; since: number }>();
  dbReads = 0;
  dbWrites = 0;
  lostInvalidations = 0;

  constructor(private readonly options: StrategyWorldOptions) {
    this.db = new Resource(this.loop, options.dbConnections);
  }

  get ttl(): number {
    return this.options.ttl;
  }

  cacheGet(key: number): Awaitable<CachedValue | undefined> {
    return (resume) => this.loop.after(this.options.cacheLatency(), () => resume(this.peek(key)));
  }

  cacheSet(key: number, version: number): Awaitable<void> {
    return (resume) =>
      this.loop.after(this.options.cacheLatency(), () => {
        this.cache.set(key, { version, expiresAt: this.loop.now + this.options.ttl });
        resume(undefined);
      });
  }

  /**
   * An invalidation. A lost one never reaches the cache (the writer cannot tell); a duplicated one
   * arrives again one more round trip later, and may delete a value filled in between.
   */
  cacheDelete(key: number): Awaitable<void> {
    return (resume) => {
      const fault = this.options.invalidationFault();
      if (fault === 'lost') this.lostInvalidations++;
      this.loop.after(this.options.cacheLatency(), () => {
        if (fault !== 'lost') this.cache.delete(key);
        if (fault === 'duplicated') this.loop.after(this.options.cacheLatency(), () => this.cache.delete(key));
        resume(undefined);
      });
    };
  }

  /** The cached entry right now, without a round trip (for measuring, and for the cache's own logic). */
  peek(key: number): CachedValue | undefined {
    const entry = this.cache.get(key);
    if (entry && entry.expiresAt <= this.loop.now) {
      this.cache.delete(key);
      return undefined;
    }
    return entry;
  }

  /** A DB query reading the key's committed version. */
  dbRead(key: number): Awaitable<number> {
    return this.db.use(this.options.dbLatency(), () => {
      this.dbReads++;
      return this.committed.get(key) ?? 0;
    });
  }

  /** A DB query committing `version` of the key (last writer wins). */
  dbWrite(key: number, version: number): Awaitable<void> {
    return this.dbWriteMany([[key, version]]);
  }

  /** One DB query committing several writes (a write-behind batch). */
  dbWriteMany(writes: readonly (readonly [number, number])[]): Awaitable<void> {
    return this.db.use(this.options.dbLatency(), () => {
      this.dbWrites++;
      for (const [key, version] of writes) this.committed.set(key, version);
    });
  }

  /** A fresh version for a write of `key`. */
  newVersion(key: number): number {
    const version = (this.allocated.get(key) ?? 0) + 1;
    this.allocated.set(key, version);
    return version;
  }

  acknowledge(key: number, version: number): void {
    this.truth.set(key, { version, since: this.loop.now });
  }

  /** How long `version` of `key` has been outdated, or 0 if it is what a reader should see now. */
  staleness(key: number, version: number): number {
    const truth = this.truth.get(key);
    return truth === undefined || truth.version === version ? 0 : this.loop.now - truth.since;
  }

  /** The cache node restarts empty. */
  crashCache(): void {
    this.cache.clear();
  }
}
