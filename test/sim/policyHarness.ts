import { requirePolicy } from '../../src/sim/policies';
import { Access, defaultRedisParameters, type CacheRequest, type EvictionPolicy, type RedisParameters } from '../../src/sim/policies/policy';
import { createRng } from '../../src/sim/rng';

export interface PolicyOptions {
  capacity: number;
  keySpace: number;
  seed?: number;
  onEvict?: (key: number) => void;
  redis?: Partial<RedisParameters>;
}

/** A policy from the registry, created as the simulator would. */
export function createPolicy(id: string, options: PolicyOptions): EvictionPolicy {
  return requirePolicy(id).create({
    capacity: options.capacity,
    keySpace: options.keySpace,
    rng: createRng(options.seed ?? 1),
    onEvict: options.onEvict ?? (() => {}),
    redis: { ...defaultRedisParameters, ...options.redis },
  });
}

/** A request for `key`; size 1 and no time, future or TTL unless given. */
export function request(key: number, fields: Partial<Omit<CacheRequest, 'key'>> = {}): CacheRequest {
  return { key, size: 1, time: 0, nextAccess: Infinity, expiresAt: Infinity, ...fields };
}

/** Whether accessing `key` hit. */
export function hit(policy: EvictionPolicy, key: number, fields: Partial<Omit<CacheRequest, 'key'>> = {}): boolean {
  return policy.access(request(key, fields)) === Access.Hit;
}

export interface Step {
  hit: boolean;
  evicted: number | undefined;
}

/**
 * Replays unit-size keys one by one, recording for each whether it hit and which key (at most one)
 * it evicted: the form brute-force references answer in.
 */
export function steps(id: string, trace: readonly number[], capacity: number, keySpace: number, seed = 1): Step[] {
  let evicted: number | undefined;
  let evictedTwice = false;
  const policy = createPolicy(id, {
    capacity,
    keySpace,
    seed,
    onEvict: (key) => {
      if (evicted !== undefined) evictedTwice = true;
      evicted = key;
    },
  });
  return trace.map((key, index) => {
    evicted = undefined;
    const wasHit = policy.access(request(key, { nextAccess: nextIndexOf(trace, index) })) === Access.Hit;
    if (evictedTwice) throw new Error(`${id} evicted two unit-size keys for one fill at request ${index}`);
    if (policy.size > capacity) throw new Error(`${id} holds ${policy.size} keys with capacity ${capacity}`);
    return { hit: wasHit, evicted };
  });
}

function nextIndexOf(trace: readonly number[], index: number): number {
  const next = trace.indexOf(trace[index]!, index + 1);
  return next === -1 ? Infinity : next;
}
