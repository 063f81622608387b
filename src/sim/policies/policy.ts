import type { Rng } from '../rng';

/** What every eviction policy is given when it is created. */
export interface PolicyContext {
  /** Capacity in objects. */
  readonly capacity: number;
  /** Keys are dense integers in [0, keySpace), so policies can index typed arrays by key. */
  readonly keySpace: number;
  /** The simulation's seeded generator: the only randomness a policy may use. */
  readonly rng: Rng;
  /** Called once for every key the policy evicts to make room. */
  readonly onEvict: (key: number) => void;
}

/** One eviction policy's cache state. */
export interface EvictionPolicy {
  /** Number of resident keys. */
  readonly size: number;
  /**
   * Looks `key` up. On a hit, updates the policy's metadata and returns true. On a miss, admits
   * the key (evicting through `onEvict` as needed) and returns false.
   */
  access(key: number): boolean;
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
  /** One sentence saying what it evicts, tie-breaks included. */
  readonly description: string;
  create(context: PolicyContext): EvictionPolicy;
}
