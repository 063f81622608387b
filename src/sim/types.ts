import type { RedisParameters } from './policies/policy';
import type { WorkloadSpec } from './workloads/workload';

/** Redis-style expiry: every key gets the same TTL when it is filled (unless its request carries its own). */
export interface TtlConfig {
  /** Time to live in seconds of virtual time. */
  readonly seconds: number;
  /** Whether the active expiry cycle runs (10 times a virtual second), on top of lazy expiry on access. */
  readonly activeExpiry: boolean;
}

/** How to replay requests through one policy at one size. */
export interface ReplayConfig {
  /** A policy id from the registry, e.g. `lru`. */
  readonly policy: string;
  /** Capacity in objects, or in bytes when the requests carry sizes and `ignoreObjectSize` is not set. */
  readonly capacity: number;
  /** Seeds the policy's own randomness (Random, Redis sampling, LFU counters). */
  readonly seed: number;
  /** Requests per second of virtual time for requests without timestamps: request i happens at i / requestRate seconds. */
  readonly requestRate: number;
  readonly ttl?: TtlConfig;
  /** How many of the most recent requests to keep in `requestLog` (0 keeps none). */
  readonly requestLogSize?: number;
  /** The first `warmup` requests fill the cache but are not counted. */
  readonly warmup?: number;
  /** Count every object as size 1, so capacity is in objects whatever the trace says. */
  readonly ignoreObjectSize?: boolean;
  readonly redis?: Partial<RedisParameters>;
}

/** A replay of a built-in workload. */
export interface SimulationConfig extends ReplayConfig {
  readonly workload: WorkloadSpec;
  readonly requests: number;
}

export interface RequestLogEntry {
  /** 0-based position of the request in the run. */
  readonly index: number;
  readonly key: number;
  readonly hit: boolean;
  /** Keys evicted to make room for this request's fill. */
  readonly evicted: readonly number[];
  /** Whether the key was resident but had expired, so the request became a miss. */
  readonly expired: boolean;
}

export interface SimulationCounts {
  /** Reads counted (warm-up and deletes excluded). */
  readonly requests: number;
  readonly hits: number;
  readonly misses: number;
  /** Bytes the counted reads asked for, and the bytes of those that hit (equal to the counts when sizes are ignored). */
  readonly bytes: number;
  readonly hitBytes: number;
  readonly evictions: number;
  /** Misses Redis would have answered with an OOM error, because nothing could be evicted. */
  readonly oomErrors: number;
  /** Keys removed because their TTL ran out (lazily on access or by the active cycle). */
  readonly expirations: number;
}

export interface SimulationResult extends SimulationCounts {
  readonly policy: string;
  readonly capacity: number;
  /** Whether capacity and `byteHitRatio` are in bytes (false: objects). */
  readonly sized: boolean;
  readonly hitRatio: number;
  readonly byteHitRatio: number;
  /** Wall-clock seconds the replay took. */
  readonly seconds: number;
  readonly requestLog: readonly RequestLogEntry[];
}

/** Reported every so often during a long run. */
export interface SimulationProgress extends SimulationCounts {
  /** Requests planned in total. */
  readonly total: number;
}

export interface CurveConfig {
  readonly workload: WorkloadSpec;
  readonly policies: readonly string[];
  /** Cache sizes as percentages of the key space, e.g. [5, 10, ..., 95]. */
  readonly sizePercents: readonly number[];
  readonly requests: number;
  readonly seed: number;
  readonly requestRate: number;
  readonly ttl?: TtlConfig;
}

export interface CurveSeries {
  readonly policy: string;
  /** Hit ratio (0..1) at each size of `CurveResult.capacities`, in order. */
  readonly hitRatios: readonly number[];
}

export interface CurveResult {
  readonly sizePercents: readonly number[];
  /** Capacities in objects, one per size percentage. */
  readonly capacities: readonly number[];
  readonly series: readonly CurveSeries[];
}
