import { Expiry } from './expiry';
import { requirePolicy } from './policies';
import { createRng } from './rng';
import type { RequestLogEntry, SimulationConfig, SimulationProgress, SimulationResult } from './types';
import { createKeyStream } from './workloads';

export interface SimulationHooks {
  onProgress?(progress: SimulationProgress): void;
  /** Requests between two progress reports (65,536 by default). */
  progressInterval?: number;
}

/** The cache size for a percentage of the working set: at least one object. */
export function capacityForPercent(keys: number, percent: number): number {
  return Math.max(1, Math.round((keys * percent) / 100));
}

/** The workload stream and the policy draw from separate generators, so every policy sees the same requests. */
const POLICY_STREAM = 0x5eed;

function validate(config: SimulationConfig): void {
  const wholeAtLeast = (name: string, value: number, min: number): void => {
    if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, got ${value}`);
  };
  wholeAtLeast('requests', config.requests, 0);
  wholeAtLeast('capacity', config.capacity, 1);
  wholeAtLeast('seed', config.seed, 0);
  wholeAtLeast('requestLogSize', config.requestLogSize ?? 0, 0);
  if (!(config.requestRate > 0) || !Number.isFinite(config.requestRate)) {
    throw new Error(`requestRate must be a positive number of requests per second, got ${config.requestRate}`);
  }
  if (config.ttl && !(config.ttl.seconds > 0)) throw new Error(`ttl seconds must be positive, got ${config.ttl.seconds}`);
}

/** Replays `config.requests` requests of the workload through the policy. Deterministic for a seed. */
export function simulate(config: SimulationConfig, hooks: SimulationHooks = {}): SimulationResult {
  validate(config);
  const definition = requirePolicy(config.policy);
  const keySpace = config.workload.keys;
  const stream = createKeyStream(config.workload, createRng(config.seed), config.requests);
  const requestLogSize = config.requestLogSize ?? 0;
  const logFrom = config.requests - requestLogSize;
  const requestLog: RequestLogEntry[] = [];
  const expiry = config.ttl ? new Expiry(config.ttl, keySpace) : undefined;
  let evictedNow: number[] | undefined;
  let evictions = 0;
  let expirations = 0;
  let hits = 0;

  const policy = definition.create({
    capacity: config.capacity,
    keySpace,
    rng: createRng((config.seed ^ POLICY_STREAM) >>> 0),
    onEvict: (key) => {
      evictions++;
      expiry?.forget(key);
      evictedNow?.push(key);
    },
  });
  const expire = (key: number): void => {
    policy.remove(key);
    expirations++;
  };

  const interval = hooks.progressInterval ?? 65_536;
  const report = (done: number): void =>
    hooks.onProgress?.({ requests: done, hits, misses: done - hits, evictions, expirations, total: config.requests });
  let nextReport = hooks.onProgress ? interval : Infinity;

  const started = performance.now();
  for (let i = 0; i < config.requests; i++) {
    const key = stream.next();
    const logging = i >= logFrom;
    if (logging) evictedNow = [];
    let expired = false;
    let hit: boolean;
    if (expiry) {
      const now = i / config.requestRate;
      expiry.runDueCycles(now, expire);
      if (expiry.isExpired(key, now)) {
        expiry.forget(key);
        expire(key);
        expired = true;
      }
      hit = policy.access(key);
      if (!hit) expiry.filled(key, now);
    } else {
      hit = policy.access(key);
    }
    if (hit) hits++;
    if (logging) requestLog.push({ index: i, key, hit, evicted: evictedNow!, expired });
    if (i + 1 === nextReport) {
      report(i + 1);
      nextReport += interval;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  report(config.requests);

  return {
    policy: definition.id,
    capacity: config.capacity,
    requests: config.requests,
    hits,
    misses: config.requests - hits,
    evictions,
    expirations,
    hitRatio: config.requests === 0 ? 0 : hits / config.requests,
    seconds,
    requestLog,
  };
}
