import type { Process } from '../des/eventLoop';
import type { StrategyWorld } from './world';

export interface ReadOutcome {
  readonly version: number;
  readonly hit: boolean;
}

/** The knobs strategies read besides the world: write-behind's queue, refresh-ahead's threshold. */
export interface StrategyParameters {
  /** Seconds between write-behind flushes. */
  readonly flushInterval: number;
  /** Most writes per write-behind flush query. */
  readonly batchSize: number;
  /** Refresh-ahead refreshes a hit key when less than this share of its TTL remains. */
  readonly refreshThreshold: number;
}

/** One running strategy's state, for one simulation. */
export interface StrategyInstance {
  read(key: number): Process<ReadOutcome>;
  /** Resolves once the write is acknowledged, with the version written. */
  write(key: number): Process<number>;
  /** What a crash of the cache node loses besides its memory: writes acknowledged but not yet in the DB. */
  crash?(): number;
  /** Work left when requests stop (write-behind's queue), drained before the run ends. */
  readonly backlog?: number;
}

export interface WriteStrategy {
  /** Stable identifier for the CLI and messages, e.g. `cache-aside`. */
  readonly id: string;
  readonly label: string;
  readonly description: string;
  create(world: StrategyWorld, parameters: StrategyParameters): StrategyInstance;
}
