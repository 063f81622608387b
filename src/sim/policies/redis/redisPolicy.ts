import { Access, type EvictionPolicy, type PolicyContext, type PolicyDefinition } from '../policy';
import { SizeLedger } from '../sizeLedger';
import { RedisDict } from './dict';

/** Which keys Redis may evict: all of them, or only those with a TTL (the `volatile-*` policies). */
export type RedisCandidates = 'allkeys' | 'volatile';
/** How Redis picks among candidates; `none` is noeviction. */
export type RedisChoice = 'lru' | 'lfu' | 'random' | 'ttl' | 'none';

/** evict.c: EVPOOL_SIZE. */
const POOL_SIZE = 16;
/** evict.c: LFU_INIT_VAL, a new key's counter. */
const LFU_INIT = 5;

/** evict.c LFULogIncr: the counter after one access, given a uniform draw `random` in [0, 1). */
export function incrementLfuCounter(counter: number, logFactor: number, random: number): number {
  if (counter >= 255) return 255;
  const base = Math.max(0, counter - LFU_INIT);
  return random < 1 / (base * logFactor + 1) ? counter + 1 : counter;
}

/**
 * Redis 7's `maxmemory-policy` eviction (evict.c), driven by the request's virtual time:
 * - LRU: each key keeps the LRU clock of its last access; the clock is in whole seconds
 *   (LRU_CLOCK_RESOLUTION 1000 ms), so keys touched within the same second look equally old.
 * - LFU: an 8-bit logarithmic counter starting at 5, incremented with probability
 *   1/((counter-5)*lfu-log-factor+1) and decayed by one per lfu-decay-time minutes since its last
 *   decrement time (minutes, 16 bits).
 * - Each eviction samples `maxmemory-samples` keys with dictGetSomeKeys into a 16-entry pool kept
 *   sorted by score, with stale scores and keys deleted since ("ghosts") left in it, and evicts the
 *   best pool entry that still exists.
 * - random: dictGetRandomKey; ttl: the sampled key expiring soonest.
 * When no key can be evicted (noeviction, or volatile-* with no key holding a TTL) the write is
 * refused, as Redis answers OOM.
 */
export function createRedisPolicy(context: PolicyContext, candidates: RedisCandidates, choice: RedisChoice): EvictionPolicy {
  const { capacity, keySpace, rng, onEvict, redis } = context;
  const resident = new Uint8Array(keySpace);
  const ledger = new SizeLedger(capacity, keySpace);
  const lruClock = new Float64Array(keySpace);
  const lfuCounter = new Uint8Array(keySpace);
  const lfuMinutes = new Uint16Array(keySpace);
  const expiresAt = new Float64Array(keySpace);
  const keys = new RedisDict(keySpace, rng);
  const expires = candidates === 'volatile' ? new RedisDict(keySpace, rng) : undefined;
  const sampleDict = expires ?? keys;
  const poolKey = new Int32Array(POOL_SIZE).fill(-1);
  const poolScore = new Float64Array(POOL_SIZE);
  const samples = new Int32Array(Math.max(1, redis.maxmemorySamples));
  let size = 0;

  const minutesOf = (time: number): number => Math.floor(time / 60) & 65535;
  /** evict.c LFUDecrAndReturn: the counter after decay, without storing it. */
  const decayedCounter = (key: number, time: number): number => {
    const now = minutesOf(time);
    const last = lfuMinutes[key]!;
    const elapsed = now >= last ? now - last : 65535 - last + now;
    const periods = redis.lfuDecayTime > 0 ? Math.floor(elapsed / redis.lfuDecayTime) : 0;
    const counter = lfuCounter[key]!;
    return periods > counter ? 0 : counter - periods;
  };
  /** evict.c updateLFU. */
  const touchLfu = (key: number, time: number): void => {
    lfuCounter[key] = incrementLfuCounter(decayedCounter(key, time), redis.lfuLogFactor, rng.next());
    lfuMinutes[key] = minutesOf(time);
  };
  /** Higher is a better eviction candidate, as the pool's "idle" field. */
  const score = (key: number, time: number): number => {
    switch (choice) {
      case 'lru':
        return (Math.floor(time) - lruClock[key]!) * 1000;
      case 'lfu':
        return 255 - decayedCounter(key, time);
      default:
        return -expiresAt[key]!;
    }
  };
  /** evict.c evictionPoolPopulate, entry by entry, duplicates and all. */
  const populatePool = (time: number): void => {
    const count = sampleDict.someKeys(samples, samples.length);
    for (let j = 0; j < count; j++) {
      const key = samples[j]!;
      const idle = score(key, time);
      let k = 0;
      while (k < POOL_SIZE && poolKey[k] !== -1 && poolScore[k]! < idle) k++;
      if (k === 0 && poolKey[POOL_SIZE - 1] !== -1) continue;
      if (k < POOL_SIZE && poolKey[k] === -1) {
        // an empty slot: nothing to shift
      } else if (poolKey[POOL_SIZE - 1] === -1) {
        poolKey.copyWithin(k + 1, k, POOL_SIZE - 1);
        poolScore.copyWithin(k + 1, k, POOL_SIZE - 1);
      } else {
        k--;
        poolKey.copyWithin(0, 1, k + 1);
        poolScore.copyWithin(0, 1, k + 1);
      }
      poolKey[k] = key;
      poolScore[k] = idle;
    }
  };
  /** evict.c performEvictions' choice of one key, or -1 when nothing can be evicted. */
  const chooseVictim = (time: number): number => {
    if (choice === 'none' || sampleDict.size === 0) return -1;
    if (choice === 'random') return sampleDict.randomKey();
    for (;;) {
      populatePool(time);
      for (let k = POOL_SIZE - 1; k >= 0; k--) {
        const key = poolKey[k]!;
        if (key === -1) continue;
        poolKey[k] = -1;
        poolScore[k] = 0;
        if (sampleDict.has(key)) return key;
      }
    }
  };
  const drop = (key: number): void => {
    resident[key] = 0;
    ledger.release(key);
    keys.delete(key);
    expires?.delete(key);
    size--;
  };

  return {
    get size() {
      return size;
    },
    get used() {
      return ledger.used;
    },
    access(request) {
      const key = request.key;
      const time = request.time;
      if (resident[key] === 1) {
        if (choice === 'lfu') touchLfu(key, time);
        else lruClock[key] = Math.floor(time);
        return Access.Hit;
      }
      const objectSize = request.size;
      if (ledger.tooLarge(objectSize)) return Access.Bypassed;
      while (ledger.full(objectSize)) {
        const victim = chooseVictim(time);
        if (victim === -1) return Access.Refused;
        drop(victim);
        onEvict(victim);
      }
      resident[key] = 1;
      ledger.add(key, objectSize);
      keys.add(key);
      lruClock[key] = Math.floor(time);
      lfuCounter[key] = LFU_INIT;
      lfuMinutes[key] = minutesOf(time);
      expiresAt[key] = request.expiresAt;
      if (expires && request.expiresAt !== Infinity) expires.add(key);
      size++;
      return Access.Stored;
    },
    contains: (key) => resident[key] === 1,
    remove(key) {
      if (resident[key] !== 1) return false;
      drop(key);
      return true;
    },
  };
}

/** A Redis `maxmemory-policy` as a registry entry. */
export function redisPolicy(id: string, candidates: RedisCandidates, choice: RedisChoice, description: string): PolicyDefinition {
  return { id, label: `Redis ${id}`, description, usesTime: true, create: (context) => createRedisPolicy(context, candidates, choice) };
}
