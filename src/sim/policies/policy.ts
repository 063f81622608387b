import type { Rng } from '../rng';

/**
 * One request as a policy sees it. The simulator reuses a single object for every request, so a
 * policy must copy what it wants to keep.
 */
export interface CacheRequest {
  /** Dense key id in [0, keySpace). */
  key: number;
  /** Capacity units the object takes: its bytes, or 1 when capacity counts objects. */
  size: number;
  /** Seconds of virtual time. */
  time: number;
  /** Index of this key's next request in the run, or Infinity when there is none (only OPT reads it). */
  nextAccess: number;
  /** Virtual second at which the object expires if it is stored now; Infinity when it has no TTL. */
  expiresAt: number;
}

/** What `EvictionPolicy.access` did with a request. */
export const Access = {
  /** The key was resident. */
  Hit: 0,
  /** A miss; the object is now stored (after any evictions). */
  Stored: 1,
  /**
   * A miss; the object was not stored: it is larger than the whole cache (libCacheSim does the same),
   * larger than the queue it must enter first (S3-FIFO, 2Q, LIRS), or refused admission (W-TinyLFU).
   */
  Bypassed: 2,
  /** A miss that Redis would answer with an OOM error: no key could be evicted (noeviction, volatile-* without volatile keys). */
  Refused: 3,
} as const;
export type Access = (typeof Access)[keyof typeof Access];

/** Knobs of Redis's own policies, named as in redis.conf. */
export interface RedisParameters {
  /** Keys sampled per eviction-pool refill (redis.conf default 5). */
  readonly maxmemorySamples: number;
  /** How slowly the LFU counter grows (default 10). */
  readonly lfuLogFactor: number;
  /** Minutes per LFU counter decay step; 0 never decays (default 1). */
  readonly lfuDecayTime: number;
}

export const defaultRedisParameters: RedisParameters = { maxmemorySamples: 5, lfuLogFactor: 10, lfuDecayTime: 1 };

/** What every eviction policy is given when it is created. */
export interface PolicyContext {
  /** Capacity in units of `CacheRequest.size`: objects, or bytes. */
  readonly capacity: number;
  /** Keys are dense integers in [0, keySpace), so policies can index typed arrays by key. */
  readonly keySpace: number;
  /** The simulation's seeded generator: the only randomness a policy may use. */
  readonly rng: Rng;
  /** Called once for every key the policy evicts to make room. */
  readonly onEvict: (key: number) => void;
  readonly redis: RedisParameters;
}

/** One eviction policy's cache state. */
export interface EvictionPolicy {
  /** Number of resident objects. */
  readonly size: number;
  /** Capacity units in use: the resident objects' sizes summed. */
  readonly used: number;
  /**
   * Looks the request's key up. On a hit, updates the policy's metadata. On a miss, stores the
   * object, evicting through `onEvict` until it fits, unless it cannot be stored.
   */
  access(request: CacheRequest): Access;
  /**
   * Takes `count` reads of `keys`, each of size 1, exactly as `access` would take them one after
   * another, and returns how many were hits. A policy may offer this when it never refuses such a
   * read: the replay uses it when nothing but the key matters (no sizes, times, expiry or future),
   * and saves the per-request bookkeeping.
   */
  accessKeys?(keys: Int32Array, count: number): number;
  /** Whether `key` is resident, without touching any metadata. */
  contains(key: number): boolean;
  /** Drops a resident key (expiry or invalidation); returns whether it was resident. Not an eviction. */
  remove(key: number): boolean;
}

/** A policy as the registry, the CLI and the panels know it. */
export interface PolicyDefinition {
  /** Stable identifier used by the CLI, settings and messages, e.g. `lru`. */
  readonly id: string;
  /** Short display name, e.g. `LRU`. */
  readonly label: string;
  /** One sentence saying what it evicts, tie-breaks and default parameters included. */
  readonly description: string;
  /** Whether it reads `CacheRequest.nextAccess` (an offline policy such as OPT). */
  readonly needsFuture?: boolean;
  /** Whether it reads `CacheRequest.time` (Redis's clocks). */
  readonly usesTime?: boolean;
  create(context: PolicyContext): EvictionPolicy;
}
