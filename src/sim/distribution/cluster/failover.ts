/**
 * A Redis Cluster primary fails: its replica takes over once the failure is detected and an
 * election won, and until then writes to its slots fail. Replication is asynchronous, so writes
 * the primary acknowledged but had not yet sent to its replica are lost.
 *
 * Detection, as cluster.c does it: each other primary pings the dead one within node_timeout / 2
 * of its last reply and flags it PFAIL when that ping has waited node_timeout; the failure reports
 * spread with gossip (here up to a second), and the primary is FAIL once a majority of primaries
 * flag it. The replica then waits 500 ms + random(0..500) ms + rank x 1 s before asking for votes
 * (clusterHandleSlaveFailover), and is promoted when a majority grants them.
 */
import { latencySampler, type LatencySpec } from '../../des/latency';
import { createRng } from '../../rng';

export interface FailoverConfig {
  readonly primaries: number;
  /** Writes per second over the whole cluster, Poisson; the failing primary takes 1 / primaries. */
  readonly writeRate: number;
  /** Seconds at which the primary fails. */
  readonly crashAt: number;
  /** cluster-node-timeout settings to compare, in seconds (Redis's default is 15). */
  readonly nodeTimeouts: readonly number[];
  /** Time for a write to reach the replica after the primary acknowledged it. */
  readonly replicationLag: LatencySpec;
  /** The replica's rank: 0 for the most up-to-date replica. */
  readonly replicaRank: number;
  readonly seed: number;
}

export const defaultFailoverConfig: FailoverConfig = {
  primaries: 3,
  writeRate: 30_000,
  crashAt: 5,
  nodeTimeouts: [15, 5, 1],
  replicationLag: { kind: 'lognormal', medianMs: 1, p99Ms: 20 },
  replicaRank: 0,
  seed: 42,
};

export interface FailoverResult {
  readonly nodeTimeout: number;
  readonly crashAt: number;
  /** When each surviving primary flagged the dead one PFAIL. */
  readonly pfailAt: readonly number[];
  readonly failAt: number;
  readonly electionAt: number;
  readonly promotedAt: number;
  /** Seconds the failed primary's slots took no writes. */
  readonly unavailableSeconds: number;
  /** Writes to the failed primary's slots over the run. */
  readonly writes: number;
  readonly failedWrites: number;
  /** Acknowledged before the crash, never replicated, gone when the replica took over. */
  readonly lostWrites: number;
  readonly bucket: number;
  readonly timeline: { readonly acknowledged: readonly number[]; readonly failed: readonly number[]; readonly lost: readonly number[] };
}

const TIMELINE_POINTS = 240;

export function simulateFailover(config: FailoverConfig): FailoverResult[] {
  if (config.primaries < 3) throw new RangeError('Redis Cluster needs at least 3 primaries to fail over by majority');
  const longest = Math.max(...config.nodeTimeouts);
  const duration = config.crashAt + longest * 1.5 + 1 + 0.5 + 0.5 + config.replicaRank + 3;
  // A majority of the primaries serving slots, the failed one included in the count (needed_quorum).
  const majority = Math.floor(config.primaries / 2) + 1;
  return config.nodeTimeouts.map((nodeTimeout) => {
    if (!(nodeTimeout > 0)) throw new RangeError(`cluster-node-timeout must be above 0, got ${nodeTimeout}`);
    // The same writes and lags for every setting; detection has its own stream.
    const writes = createRng(config.seed);
    const lag = latencySampler(config.replicationLag, createRng(config.seed + 1));
    const detection = createRng(config.seed + 2);
    const pfailAt = Array.from({ length: config.primaries - 1 }, () => config.crashAt + detection.next() * (nodeTimeout / 2) + nodeTimeout).sort((a, b) => a - b);
    // The FAIL needs its own PFAIL and the reports of the others making a majority; the last
    // report to arrive rides on gossip.
    const failAt = Math.max(pfailAt[majority - 1]!, pfailAt[majority - 2]! + detection.next());
    const electionAt = failAt + 0.5 + detection.next() * 0.5 + config.replicaRank;
    const promotedAt = electionAt + 0.001;

    const bucket = duration / TIMELINE_POINTS;
    const timeline = { acknowledged: new Array<number>(TIMELINE_POINTS).fill(0), failed: new Array<number>(TIMELINE_POINTS).fill(0), lost: new Array<number>(TIMELINE_POINTS).fill(0) };
    const rate = config.writeRate / config.primaries;
    let count = 0;
    let failed = 0;
    let lost = 0;
    for (let time = -Math.log(1 - writes.next()) / rate; time < duration; time += -Math.log(1 - writes.next()) / rate) {
      const delay = lag();
      const point = Math.min(TIMELINE_POINTS - 1, Math.floor(time / bucket));
      count++;
      if (time >= config.crashAt && time < promotedAt) {
        failed++;
        timeline.failed[point]!++;
      } else {
        timeline.acknowledged[point]!++;
        if (time < config.crashAt && time + delay > config.crashAt) {
          lost++;
          timeline.lost[point]!++;
        }
      }
    }
    return {
      nodeTimeout,
      crashAt: config.crashAt,
      pfailAt,
      failAt,
      electionAt,
      promotedAt,
      unavailableSeconds: promotedAt - config.crashAt,
      writes: count,
      failedWrites: failed,
      lostWrites: lost,
      bucket,
      timeline,
    };
  });
}
