import { Expiry } from './expiry';
import { withNextAccess } from './nextAccess';
import { requirePolicy } from './policies';
import { Access, defaultRedisParameters, type CacheRequest } from './policies/policy';
import { createRng } from './rng';
import { Op, RequestChunk, type RequestSource } from './source';
import type { ReplayConfig, RequestLogEntry, SimulationConfig, SimulationProgress, SimulationResult } from './types';
import { workloadSource } from './workloads/source';

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

function validate(config: ReplayConfig): void {
  const wholeAtLeast = (name: string, value: number, min: number): void => {
    if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, got ${value}`);
  };
  wholeAtLeast('capacity', config.capacity, 1);
  wholeAtLeast('seed', config.seed, 0);
  wholeAtLeast('requestLogSize', config.requestLogSize ?? 0, 0);
  wholeAtLeast('warmup', config.warmup ?? 0, 0);
  if (!(config.requestRate > 0) || !Number.isFinite(config.requestRate)) {
    throw new Error(`requestRate must be a positive number of requests per second, got ${config.requestRate}`);
  }
  if (config.ttl && !(config.ttl.seconds > 0)) throw new Error(`ttl seconds must be positive, got ${config.ttl.seconds}`);
}

/** Replays `config.requests` requests of the workload through the policy. Deterministic for a seed. */
export function simulate(config: SimulationConfig, hooks: SimulationHooks = {}): SimulationResult {
  if (!Number.isSafeInteger(config.requests) || config.requests < 0) {
    throw new Error(`requests must be a whole number of at least 0, got ${config.requests}`);
  }
  const source = workloadSource(config.workload, config.seed, config.requests);
  try {
    return replay(source, config, hooks);
  } finally {
    source.close();
  }
}

/**
 * Replays every request of `source`, from its first, through one policy at one capacity, with
 * Redis-style expiry when a TTL applies. Deterministic for a seed. The caller closes the source.
 */
export function replay(source: RequestSource, config: ReplayConfig, hooks: SimulationHooks = {}): SimulationResult {
  validate(config);
  const definition = requirePolicy(config.policy);
  source.rewind();
  if (definition.needsFuture && !source.has.nextAccess) source = withNextAccess(source);
  const keySpace = source.keySpace;
  const sized = source.has.sizes && !config.ignoreObjectSize;
  const timed = source.has.times;
  const hasOps = source.has.ops;
  const perRequestTtl = source.has.ttls;
  const defaultTtl = config.ttl?.seconds ?? Infinity;
  const expiry = config.ttl || perRequestTtl ? new Expiry(config.ttl?.activeExpiry ?? true, keySpace) : undefined;
  const rate = config.requestRate;
  const warmup = config.warmup ?? 0;
  const logFrom = source.length - (config.requestLogSize ?? 0);
  const requestLog: RequestLogEntry[] = [];
  let evictedNow: number[] | undefined;
  let counting = warmup === 0;
  let evictions = 0;
  let expirations = 0;

  const policy = definition.create({
    capacity: config.capacity,
    keySpace,
    rng: createRng((config.seed ^ POLICY_STREAM) >>> 0),
    redis: { ...defaultRedisParameters, ...config.redis },
    onEvict: (key) => {
      if (counting) evictions++;
      expiry?.forget(key);
      evictedNow?.push(key);
    },
  });
  const expire = (key: number): void => {
    policy.remove(key);
    if (counting) expirations++;
  };

  const interval = hooks.progressInterval ?? 65_536;
  const total = Math.max(0, source.length - warmup);
  // The hot counters stay local to this function (no closure reads them), so they live in registers.
  const report = (requests: number, hits: number, bytes: number, hitBytes: number, oomErrors: number): void =>
    hooks.onProgress?.({ requests, hits, misses: requests - hits, bytes, hitBytes, evictions, expirations, oomErrors, total });
  let nextReport = hooks.onProgress ? interval : Infinity;

  let requests = 0;
  let hits = 0;
  let bytes = 0;
  let hitBytes = 0;
  let oomErrors = 0;
  const request: CacheRequest = { key: 0, size: 1, time: 0, nextAccess: Infinity, expiresAt: Infinity };
  // With progress wanted, chunks no longer than the interval let the lean loop report on time.
  const chunk = new RequestChunk(hooks.onProgress ? Math.max(1, Math.min(65_536, interval)) : 65_536);
  const { keys, sizes, times, nextAccess, ttls, ops } = chunk;
  let firstTime = NaN;
  let index = 0;
  const started = performance.now();
  // Most runs have no expiry, deletes, request log or warm-up: they take a loop that does only what
  // the policy needs, which replays about half again as fast.
  const lean = !expiry && !hasOps && logFrom >= source.length && warmup === 0;
  const future = definition.needsFuture === true;
  // Time matters to TTLs and Redis's clocks only; the lean loop leaves it at 0 for other policies.
  const leanTime = definition.usesTime === true;
  // Where only keys matter, a policy that can takes a whole chunk in one call.
  const keysOnly = lean && !leanTime && !future && !sized && policy.accessKeys !== undefined;
  chunk.wanted = { times: !lean || leanTime, sizes: sized, nextAccess: future };
  request.expiresAt = Infinity;
  for (let count = source.read(chunk); count > 0; count = source.read(chunk)) {
    if (timed && Number.isNaN(firstTime)) firstTime = times[0]!;
    if (lean) {
      if (keysOnly) {
        hits += policy.accessKeys!(keys, count);
        index += count;
      } else {
        for (let j = 0; j < count; j++, index++) {
          request.key = keys[j]!;
          if (leanTime) request.time = timed ? times[j]! - firstTime : index / rate;
          if (future) request.nextAccess = nextAccess[j]!;
          if (sized) request.size = sizes[j]!;
          const outcome = policy.access(request);
          if (outcome === Access.Hit) {
            hits++;
            if (sized) hitBytes += request.size;
          } else if (outcome === Access.Refused) {
            oomErrors++;
          }
          if (sized) bytes += request.size;
        }
      }
      requests = index;
      if (!sized) {
        bytes = requests;
        hitBytes = hits;
      }
      if (requests >= nextReport) {
        report(requests, hits, bytes, hitBytes, oomErrors);
        nextReport = requests + interval;
      }
      continue;
    }
    for (let j = 0; j < count; j++, index++) {
      if (index === warmup) counting = true;
      const key = keys[j]!;
      const time = timed ? times[j]! - firstTime : index / rate;
      const logging = index >= logFrom;
      if (logging) evictedNow = [];
      let expired = false;
      if (expiry) {
        expiry.runDueCycles(time, expire);
        if (expiry.isExpired(key, time)) {
          expiry.forget(key);
          expire(key);
          expired = true;
        }
      }
      if (hasOps && ops[j] === Op.Delete) {
        if (policy.remove(key)) expiry?.forget(key);
        evictedNow = undefined;
        continue;
      }
      const size = sized ? sizes[j]! : 1;
      request.key = key;
      request.size = size;
      request.time = time;
      request.nextAccess = nextAccess[j]!;
      request.expiresAt = time + (perRequestTtl ? ttls[j]! : defaultTtl);
      const outcome = policy.access(request);
      if (expiry && outcome === Access.Stored && request.expiresAt !== Infinity) expiry.filled(key, request.expiresAt);
      if (counting) {
        requests++;
        bytes += size;
        if (outcome === Access.Hit) {
          hits++;
          hitBytes += size;
        } else if (outcome === Access.Refused) {
          oomErrors++;
        }
        if (requests === nextReport) {
          report(requests, hits, bytes, hitBytes, oomErrors);
          nextReport += interval;
        }
      }
      if (logging) {
        requestLog.push({ index, key, hit: outcome === Access.Hit, evicted: evictedNow!, expired });
        evictedNow = undefined;
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  report(requests, hits, bytes, hitBytes, oomErrors);

  return {
    policy: definition.id,
    capacity: config.capacity,
    sized,
    requests,
    hits,
    misses: requests - hits,
    bytes,
    hitBytes,
    evictions,
    expirations,
    oomErrors,
    hitRatio: requests === 0 ? 0 : hits / requests,
    byteHitRatio: bytes === 0 ? 0 : hitBytes / bytes,
    seconds,
    requestLog,
  };
}
