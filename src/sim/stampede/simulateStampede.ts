import type { Process } from '../des/eventLoop';
import { latencySampler, type LatencySpec } from '../des/latency';
import { createRng } from '../rng';
import { requireProtection } from './index';
import { jitteredTtl } from './jitter';
import type { StampedeParameters, StampedeRead } from './protection';
import { StampedeWorld } from './world';

export interface StampedeConfig extends StampedeParameters {
  readonly protections: readonly string[];
  /** Poisson arrivals per second, or a burst of `clients` requests at the first expiry. */
  readonly arrival: 'poisson' | 'burst';
  readonly rate: number;
  readonly clients: number;
  /** Seconds the hot key lives once computed. */
  readonly ttl: number;
  /** How long a recomputation takes, in milliseconds. */
  readonly delta: LatencySpec;
  /** Seconds simulated (Poisson arrivals). */
  readonly duration: number;
  /** App servers; requests pick one at random (coalescing works per server). */
  readonly servers: number;
  /** DB queries at once; more wait in a queue. */
  readonly dbConnections: number;
  /** Seconds a client waits before giving up (counted as a timeout). */
  readonly clientTimeout: number;
  /** Milliseconds of one cache round trip. */
  readonly cacheRttMs: number;
  /** Seconds a stale value may be served after its TTL (stale-while-revalidate). */
  readonly staleGrace: number;
  /** TTL jitter share for the `jitter` protection, 0 to 1. */
  readonly jitter: number;
  /** Width of the DB-queries-per-second timeline's buckets, seconds. */
  readonly bucket: number;
  readonly seed: number;
}

export const defaultStampedeConfig: StampedeConfig = {
  protections: ['none', 'mutex', 'xfetch', 'coalesce', 'swr'],
  arrival: 'poisson',
  rate: 1_000,
  clients: 500,
  ttl: 60,
  delta: { kind: 'fixed', ms: 1_000 },
  duration: 200,
  servers: 1,
  dbConnections: 10_000,
  clientTimeout: 5,
  cacheRttMs: 0.5,
  staleGrace: 30,
  jitter: 0.1,
  bucket: 0.5,
  seed: 42,
  beta: 1,
  lockTtl: 10,
  retries: 50,
  backoff: 0.05,
};

export interface StampedeResult {
  readonly protection: string;
  readonly label: string;
  readonly requests: number;
  readonly recomputations: number;
  /** Refresh waves: runs of overlapping recomputations, one per expiry (or early refresh). */
  readonly waves: number;
  readonly recomputationsPerExpiry: number;
  /** The most recomputations in one wave: the worst herd. */
  readonly worstWave: number;
  readonly peakDbConcurrency: number;
  /** Milliseconds, over every request. */
  readonly latency: { readonly p50: number; readonly p99: number };
  /** Milliseconds, over the requests in flight while a refresh wave was under way: what users feel at expiry. */
  readonly latencyDuringRefresh: { readonly p50: number; readonly p99: number };
  readonly timeouts: number;
  readonly staleServed: number;
  /** Recomputations started before the value expired (XFetch). */
  readonly earlyRefreshes: number;
  /** Per wave that started early, seconds before expiry it started. */
  readonly leads: readonly number[];
  /** Times at which the value expired with no refresh under way, seconds. */
  readonly expiries: readonly number[];
  /** DB queries started per second, one entry per `bucket` seconds. */
  readonly dbQueriesPerSecond: readonly number[];
  /** p99 client latency in milliseconds of the requests arriving in each `bucket` seconds (0 when none did). */
  readonly latencyTimeline: readonly number[];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]! * 1000;
}

export function validateStampedeConfig(config: StampedeConfig): void {
  const positive = (name: string, value: number, integer = false): void => {
    if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      throw new Error(`${name} must be a ${integer ? 'whole ' : ''}number above 0, not ${value}`);
    }
  };
  if (config.protections.length === 0) throw new Error('pick at least one protection');
  for (const id of config.protections) requireProtection(id);
  positive('rate', config.rate);
  positive('clients', config.clients, true);
  positive('ttl', config.ttl);
  positive('duration', config.duration);
  positive('servers', config.servers, true);
  positive('dbConnections', config.dbConnections, true);
  positive('clientTimeout', config.clientTimeout);
  positive('beta', config.beta);
  positive('lockTtl', config.lockTtl);
  positive('backoff', config.backoff);
  positive('bucket', config.bucket);
  if (!(config.cacheRttMs >= 0)) throw new Error(`cacheRttMs must be at least 0, not ${config.cacheRttMs}`);
  if (!(config.staleGrace >= 0)) throw new Error(`staleGrace must be at least 0, not ${config.staleGrace}`);
  if (!(config.jitter >= 0 && config.jitter < 1)) throw new Error(`jitter must be from 0 to below 1, not ${config.jitter}`);
  if (!(Number.isInteger(config.retries) && config.retries >= 0)) throw new Error(`retries must be a whole number of at least 0, not ${config.retries}`);
  if (config.arrival === 'poisson' && config.rate * config.duration > 5_000_000) {
    throw new Error(`rate × duration is ${config.rate * config.duration} requests; keep it under 5,000,000`);
  }
}

function runProtection(id: string, config: StampedeConfig): StampedeResult {
  const protection = requireProtection(id);
  const fillRng = createRng(config.seed ^ 0x68e31da4);
  const world = new StampedeWorld({
    ttl: config.ttl,
    delta: latencySampler(config.delta, createRng(config.seed ^ 0x5bd1e995)),
    dbConnections: config.dbConnections,
    cacheRtt: config.cacheRttMs / 1000,
    staleGrace: id === 'swr' ? config.staleGrace : 0,
    fillTtl: () => (protection.jittersTtl ? jitteredTtl(config.ttl, config.jitter, fillRng) : config.ttl),
    rng: createRng(config.seed ^ 0x27d4eb2f),
  });
  const instance = protection.create(world, config);
  const arrivals = createRng(config.seed);
  const latencies: number[] = [];
  const arrivedAt: number[] = [];
  let timeouts = 0;
  const outcomes = new Map<StampedeRead, number>();

  function* client(server: number, index: number): Process<void> {
    const arrived = world.loop.now;
    const outcome = yield* instance.read(server, index);
    const latency = world.loop.now - arrived;
    latencies.push(latency);
    arrivedAt.push(arrived);
    if (latency > config.clientTimeout) timeouts++;
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }

  let requests = 0;
  if (config.arrival === 'burst') {
    for (let i = 0; i < config.clients; i++) {
      const server = arrivals.nextInt(config.servers);
      world.loop.at(config.ttl, () => world.loop.spawn(client(server, i)));
    }
    requests = config.clients;
  } else {
    for (let time = -Math.log(1 - arrivals.next()) / config.rate; time < config.duration; time += -Math.log(1 - arrivals.next()) / config.rate) {
      const server = arrivals.nextInt(config.servers);
      const index = requests++;
      world.loop.at(time, () => world.loop.spawn(client(server, index)));
    }
  }
  world.loop.run();

  const waves = world.waves;
  // Requests in flight at some moment of a wave (waves are disjoint and in time order, so one pointer walks them).
  const duringRefresh: number[] = [];
  const order = arrivedAt.map((_, i) => i).sort((a, b) => arrivedAt[a]! - arrivedAt[b]!);
  let wave = 0;
  for (const i of order) {
    while (wave < waves.length && waves[wave]!.end < arrivedAt[i]!) wave++;
    if (wave < waves.length && waves[wave]!.start <= arrivedAt[i]! + latencies[i]!) duringRefresh.push(latencies[i]!);
  }
  duringRefresh.sort((a, b) => a - b);
  const sortedLatencies = [...latencies].sort((a, b) => a - b);
  const buckets = new Array<number>(Math.ceil((config.arrival === 'burst' ? config.ttl + config.clientTimeout * 2 : config.duration) / config.bucket)).fill(0);
  for (const start of world.recomputeStarts) {
    const at = Math.floor(start / config.bucket);
    if (at < buckets.length) buckets[at]!++;
  }
  const byBucket = buckets.map((): number[] => []);
  arrivedAt.forEach((arrived, i) => byBucket[Math.floor(arrived / config.bucket)]?.push(latencies[i]!));
  return {
    protection: protection.id,
    label: protection.label,
    requests,
    recomputations: world.recomputeStarts.length,
    waves: waves.length,
    recomputationsPerExpiry: waves.length === 0 ? 0 : world.recomputeStarts.length / waves.length,
    worstWave: Math.max(0, ...waves.map((wave) => wave.recomputations)),
    peakDbConcurrency: world.db.slots.peakHeld,
    latency: { p50: percentile(sortedLatencies, 0.5), p99: percentile(sortedLatencies, 0.99) },
    latencyDuringRefresh: { p50: percentile(duringRefresh, 0.5), p99: percentile(duringRefresh, 0.99) },
    timeouts,
    staleServed: world.staleServed,
    earlyRefreshes: world.earlyRefreshes,
    leads: waves.filter((wave) => wave.start < wave.expiresAt).map((wave) => wave.expiresAt - wave.start),
    expiries: waves.filter((wave) => wave.start >= wave.expiresAt).map((wave) => wave.expiresAt),
    dbQueriesPerSecond: buckets.map((count) => count / config.bucket),
    latencyTimeline: byBucket.map((bucket) => percentile(bucket.sort((a, b) => a - b), 0.99)),
  };
}

/** Every chosen protection against the same arrivals and recomputation times. */
export function simulateStampede(config: StampedeConfig): StampedeResult[] {
  validateStampedeConfig(config);
  return config.protections.map((id) => runProtection(id, config));
}
