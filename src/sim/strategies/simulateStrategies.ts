import { Semaphore, wait, type Process } from '../des/eventLoop';
import { latencySampler, type LatencySpec } from '../des/latency';
import { createRng } from '../rng';
import { createKeyStream } from '../workloads';
import { requireStrategy } from './index';
import type { StrategyParameters } from './strategy';
import { StrategyWorld } from './world';

/** One request of an explicit script: at `time` seconds, a read or a write of `key`. */
export interface ScriptedRequest {
  readonly time: number;
  readonly key: number;
  readonly op: 'read' | 'write';
}

export interface StrategyRunConfig extends StrategyParameters {
  readonly strategies: readonly string[];
  /** Keys, Zipf(alpha) popularity. */
  readonly keys: number;
  readonly alpha: number;
  /** Share of requests that are writes, 0 to 100. */
  readonly writePercent: number;
  /** Poisson arrivals per second. */
  readonly rate: number;
  readonly requests: number;
  /** App workers: requests beyond this many in flight wait for one. */
  readonly concurrency: number;
  readonly seed: number;
  /** Seconds; Infinity for no TTL. */
  readonly ttl: number;
  readonly cacheLatency: LatencySpec;
  readonly dbLatency: LatencySpec;
  readonly dbConnections: number;
  /** Virtual second at which the cache node crashes and restarts empty, if it does. */
  readonly crashAt?: number;
  /** Share of invalidations (DELs) lost on the way, 0 to 100. */
  readonly lostInvalidationPercent: number;
  /** Share of invalidations delivered twice, 0 to 100. */
  readonly duplicatedInvalidationPercent: number;
  /** Replaces the generated requests (for worked examples and tests). */
  readonly script?: readonly ScriptedRequest[];
}

export interface Percentiles {
  /** Milliseconds. */
  readonly p50: number;
  readonly p99: number;
}

export interface StrategyResult {
  readonly strategy: string;
  readonly label: string;
  readonly reads: number;
  readonly writes: number;
  readonly hits: number;
  readonly hitRatio: number;
  readonly dbReads: number;
  readonly dbWrites: number;
  readonly readLatency: Percentiles;
  readonly writeLatency: Percentiles;
  /** Reads that returned a version older than the last one acknowledged to a writer. */
  readonly staleReads: number;
  /** The longest a stale read's value had been outdated, in milliseconds. */
  readonly longestStaleMs: number;
  /** Share of writes after which the cache held the version just acknowledged. */
  readonly warmAfterWrite: number;
  /** Acknowledged writes that never reached the DB (lost in the crash). */
  readonly lostWrites: number;
  /** Most DB queries in flight at once. */
  readonly peakDbConcurrency: number;
  /** Invalidations lost on the way to the cache. */
  readonly lostInvalidations: number;
}

export const defaultStrategyConfig: StrategyRunConfig = {
  strategies: ['cache-aside', 'read-through', 'write-through', 'write-behind', 'write-around', 'refresh-ahead'],
  keys: 1_000,
  alpha: 0.9,
  writePercent: 10,
  rate: 1_000,
  requests: 20_000,
  concurrency: 64,
  seed: 42,
  ttl: 5,
  cacheLatency: { kind: 'lognormal', medianMs: 0.5, p99Ms: 2 },
  dbLatency: { kind: 'lognormal', medianMs: 5, p99Ms: 40 },
  dbConnections: 20,
  crashAt: 10,
  lostInvalidationPercent: 0,
  duplicatedInvalidationPercent: 0,
  flushInterval: 1,
  batchSize: 100,
  refreshThreshold: 0.2,
};

/** The requests every strategy replays: the same arrivals, keys and operations for a seed. */
function requestsOf(config: StrategyRunConfig): readonly ScriptedRequest[] {
  if (config.script) return config.script;
  const rng = createRng(config.seed);
  const keys = createKeyStream({ kind: 'zipf', keys: config.keys, alpha: config.alpha }, rng, config.requests);
  const requests: ScriptedRequest[] = [];
  let time = 0;
  for (let i = 0; i < config.requests; i++) {
    time += -Math.log(1 - rng.next()) / config.rate;
    requests.push({ time, key: keys.next(), op: rng.next() * 100 < config.writePercent ? 'write' : 'read' });
  }
  return requests;
}

function percentiles(samples: number[]): Percentiles {
  if (samples.length === 0) return { p50: 0, p99: 0 };
  samples.sort((a, b) => a - b);
  // Nearest rank: the smallest sample with at least p of them at or below it.
  const at = (p: number): number => samples[Math.max(0, Math.ceil(p * samples.length) - 1)]! * 1000;
  return { p50: at(0.5), p99: at(0.99) };
}

export function validateStrategyConfig(config: StrategyRunConfig): void {
  const positive = (name: string, value: number, integer = false): void => {
    if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      throw new Error(`${name} must be a ${integer ? 'whole ' : ''}number above 0, not ${value}`);
    }
  };
  for (const id of config.strategies) requireStrategy(id);
  if (config.strategies.length === 0) throw new Error('pick at least one strategy');
  if (!config.script) {
    positive('keys', config.keys, true);
    positive('rate', config.rate);
    positive('requests', config.requests, true);
    if (!(config.alpha >= 0 && config.alpha <= 5)) throw new Error(`alpha must be from 0 to 5, not ${config.alpha}`);
    if (!(config.writePercent >= 0 && config.writePercent <= 100)) throw new Error(`writePercent must be from 0 to 100, not ${config.writePercent}`);
  }
  positive('concurrency', config.concurrency, true);
  positive('dbConnections', config.dbConnections, true);
  if (!(config.ttl > 0)) throw new Error(`ttl must be above 0 s (Infinity for none), not ${config.ttl}`);
  positive('flushInterval', config.flushInterval);
  positive('batchSize', config.batchSize, true);
  if (!(config.refreshThreshold >= 0 && config.refreshThreshold < 1)) throw new Error(`refreshThreshold must be from 0 to below 1, not ${config.refreshThreshold}`);
  for (const [name, value] of [['lostInvalidationPercent', config.lostInvalidationPercent], ['duplicatedInvalidationPercent', config.duplicatedInvalidationPercent]] as const) {
    if (!(value >= 0 && value <= 100)) throw new Error(`${name} must be from 0 to 100, not ${value}`);
  }
  if (config.lostInvalidationPercent + config.duplicatedInvalidationPercent > 100) {
    throw new Error('lostInvalidationPercent and duplicatedInvalidationPercent add up to more than 100');
  }
  if (config.crashAt !== undefined && !(config.crashAt >= 0)) throw new Error(`crashAt must be a time of at least 0 s, not ${config.crashAt}`);
}

/** Runs one strategy over the requests on a fresh world. */
function runStrategy(id: string, config: StrategyRunConfig, requests: readonly ScriptedRequest[]): StrategyResult {
  const strategy = requireStrategy(id);
  // Latencies and faults draw from their own generators, the same for every strategy.
  const latencyRng = createRng(config.seed ^ 0x5bd1e995);
  const faultRng = createRng(config.seed ^ 0x27d4eb2f);
  const world = new StrategyWorld({
    ttl: config.ttl,
    cacheLatency: latencySampler(config.cacheLatency, latencyRng),
    dbLatency: latencySampler(config.dbLatency, latencyRng),
    dbConnections: config.dbConnections,
    invalidationFault: () => {
      if (config.lostInvalidationPercent === 0 && config.duplicatedInvalidationPercent === 0) return 'none';
      const roll = faultRng.next() * 100;
      return roll < config.lostInvalidationPercent ? 'lost' : roll < config.lostInvalidationPercent + config.duplicatedInvalidationPercent ? 'duplicated' : 'none';
    },
  });
  const instance = strategy.create(world, config);
  const workers = new Semaphore(config.concurrency);
  const readLatencies: number[] = [];
  const writeLatencies: number[] = [];
  let hits = 0;
  let staleReads = 0;
  let longestStale = 0;
  let warm = 0;
  let lostWrites = 0;

  function* serve(request: ScriptedRequest): Process<void> {
    yield* wait(workers.acquire());
    if (request.op === 'read') {
      const outcome = yield* instance.read(request.key);
      if (outcome.hit) hits++;
      const staleness = world.staleness(request.key, outcome.version);
      if (staleness > 0) {
        staleReads++;
        longestStale = Math.max(longestStale, staleness);
      }
      readLatencies.push(world.loop.now - request.time);
    } else {
      const version = yield* instance.write(request.key);
      if (world.peek(request.key)?.version === version) warm++;
      writeLatencies.push(world.loop.now - request.time);
    }
    workers.release();
  }

  for (const request of requests) world.loop.at(request.time, () => world.loop.spawn(serve(request)));
  if (config.crashAt !== undefined) {
    world.loop.at(config.crashAt, () => {
      world.crashCache();
      lostWrites += instance.crash?.() ?? 0;
    });
  }
  world.loop.run();
  const reads = readLatencies.length;
  const writes = writeLatencies.length;
  return {
    strategy: strategy.id,
    label: strategy.label,
    reads,
    writes,
    hits,
    hitRatio: reads === 0 ? 0 : hits / reads,
    dbReads: world.dbReads,
    dbWrites: world.dbWrites,
    readLatency: percentiles(readLatencies),
    writeLatency: percentiles(writeLatencies),
    staleReads,
    longestStaleMs: longestStale * 1000,
    warmAfterWrite: writes === 0 ? 0 : warm / writes,
    lostWrites,
    peakDbConcurrency: world.db.slots.peakHeld,
    lostInvalidations: world.lostInvalidations,
  };
}

/** Every chosen strategy over the same requests, in the order given. */
export function simulateStrategies(config: StrategyRunConfig): StrategyResult[] {
  validateStrategyConfig(config);
  const requests = requestsOf(config);
  return config.strategies.map((id) => runStrategy(id, config, requests));
}
