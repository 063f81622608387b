/** How calls on cache clients map to cache operations, shared by every language. */
import type { CacheClientKind, CacheOpKind } from './facts';

/** Redis commands as client methods (redis-py, ioredis, node-redis, go-redis, Jedis, Lettuce, RedisTemplate), lower-cased. */
const REDIS_METHODS: Record<string, CacheOpKind> = {
  get: 'get', mget: 'get', getex: 'get', hget: 'get', hgetall: 'get', hmget: 'get',
  set: 'set', setex: 'set', psetex: 'set', setnx: 'set', mset: 'set', hset: 'set', hmset: 'set', getset: 'set',
  delete: 'delete', del: 'delete', unlink: 'delete', hdel: 'delete',
  keys: 'keys',
  flushall: 'flush', flushdb: 'flush',
  expire: 'expire', pexpire: 'expire', expireat: 'expire',
  incr: 'increment', incrby: 'increment', decr: 'increment', decrby: 'increment', hincrby: 'increment',
  // Spring's RedisTemplate and its ValueOperations spell some commands their own way.
  setifabsent: 'set', setifpresent: 'set', multiset: 'set', multiget: 'get', increment: 'increment', decrement: 'increment',
};

/** Key-value cache APIs (Django, Flask-Caching, aiocache, lru-cache, Caffeine, Spring's Cache), lower-cased. */
const CACHE_METHODS: Record<string, CacheOpKind> = {
  get: 'get', get_many: 'get', getifpresent: 'get',
  set: 'set', add: 'set', set_many: 'set', put: 'set', putifabsent: 'set',
  delete: 'delete', delete_many: 'delete', invalidate: 'delete', evict: 'delete', evictifpresent: 'delete',
  clear: 'flush', invalidateall: 'flush',
  incr: 'increment', decr: 'increment',
};

const REDIS_CLIENTS: ReadonlySet<CacheClientKind> = new Set(['redis-py', 'ioredis', 'node-redis', 'go-redis', 'jedis', 'lettuce', 'redis-template']);

export function cacheOpKind(client: CacheClientKind, method: string): CacheOpKind | undefined {
  const name = method.toLowerCase();
  return REDIS_CLIENTS.has(client) ? REDIS_METHODS[name] : (CACHE_METHODS[name] ?? (client === 'cache' ? REDIS_METHODS[name] : undefined));
}

/** A receiver that is probably a cache by its name alone: `cache`, `redis`, `self.redis_client`, `r`, `rdb`. */
export function looksLikeCache(receiver: string): boolean {
  const last = receiver.split('.').at(-1)!;
  return /cache|redis/i.test(last) || /^(r|rc|rdb)$/.test(last);
}
