import type { Process } from '../des/eventLoop';
import type { StampedeWorld } from './world';

/** What a read ended as. */
export type StampedeRead = 'hit' | 'recomputed' | 'stale' | 'waited';

export interface StampedeParameters {
  /** XFetch's beta: above 1 refreshes earlier, below 1 later. */
  readonly beta: number;
  /** Seconds the mutex's lock lives (SET NX EX). */
  readonly lockTtl: number;
  /** Times a client that lost the lock sleeps and retries before recomputing anyway. */
  readonly retries: number;
  /** Seconds of the first sleep; each retry doubles it. */
  readonly backoff: number;
}

export interface StampedeProtection {
  /** Stable identifier for the CLI and messages, e.g. `xfetch`. */
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** A share of the TTL by which fills are spread (TTL jitter); 0 for none. */
  readonly jittersTtl?: boolean;
  create(world: StampedeWorld, parameters: StampedeParameters): {
    /** One client request through app server `server`. */
    read(server: number, client: number): Process<StampedeRead>;
  };
}
