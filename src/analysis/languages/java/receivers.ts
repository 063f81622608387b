/**
 * What the receiver of a call is, by its declared type (a field, parameter or local) or, without
 * one, by its name: a cache client, a repository, an EntityManager, or something that hands one
 * out (a JedisPool's resource, a Lettuce connection's sync(), a CacheManager's named cache).
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import { looksLikeCache } from '../../clients';
import type { CacheClientKind } from '../../facts';
import type { SqlTarget } from '../../sql';
import { declarationOf, REPOSITORY_BASES, typeArguments, typeName, type MethodScope } from './declarations';
import { argumentsOf, stringValue } from './keys';

export type Receiver =
  /** `cacheName` for a Spring cache by its name: its keys are `cacheName::key`. */
  | { readonly role: 'cache'; readonly client: CacheClientKind; readonly cacheName?: string }
  | { readonly role: 'repository'; readonly entity: string; readonly queries: ReadonlyMap<string, SqlTarget> }
  | { readonly role: 'entity-manager' | 'jedis-pool' | 'lettuce-connection' | 'cache-manager' | 'transaction-template' };

const cache = (client: CacheClientKind): Receiver => ({ role: 'cache', client });

const TYPES = new Map<string, Receiver>([
  ...['Jedis', 'JedisCluster', 'JedisPooled', 'UnifiedJedis'].map((name) => [name, cache('jedis')] as const),
  ...['RedisCommands', 'RedisAdvancedClusterCommands', 'RedisClusterCommands', 'RedisStringCommands', 'RedisKeyCommands'].map((name) => [name, cache('lettuce')] as const),
  ...['RedisTemplate', 'StringRedisTemplate', 'RedisOperations', 'ValueOperations'].map((name) => [name, cache('redis-template')] as const),
  ...['LoadingCache', 'AsyncCache', 'AsyncLoadingCache'].map((name) => [name, cache('caffeine')] as const),
  ...['JedisPool', 'JedisSentinelPool'].map((name) => [name, { role: 'jedis-pool' }] as const),
  ...['StatefulRedisConnection', 'StatefulRedisClusterConnection'].map((name) => [name, { role: 'lettuce-connection' }] as const),
  ...['CacheManager', 'RedisCacheManager', 'CaffeineCacheManager', 'ConcurrentMapCacheManager'].map((name) => [name, { role: 'cache-manager' }] as const),
  ['EntityManager', { role: 'entity-manager' }],
  ['TransactionTemplate', { role: 'transaction-template' }],
]);

/** The entity a repository type or name stands for: `OrderRepository`, `orderRepo` and `JpaRepository<Order, Long>` all stand for Order. */
function repository(name: string, typeArgs: readonly string[], scope: MethodScope): Receiver | null {
  const declared = scope.file.repositories.get(name);
  if (declared) return { role: 'repository', ...declared };
  const entity = REPOSITORY_BASES.has(name) ? typeArgs[0] : /^(\w+?)(Repository|Repo)$/.exec(name)?.[1];
  return entity ? { role: 'repository', entity, queries: new Map() } : null;
}

function byType(type: Node, scope: MethodScope): Receiver | null {
  const name = typeName(type) ?? '';
  // Caffeine's Cache and Spring's share a name; the import tells them apart.
  if (name === 'Cache') return cache(scope.file.imports.includes('org.springframework.cache.Cache') ? 'spring-cache' : 'caffeine');
  return TYPES.get(name) ?? repository(name, typeArguments(type), scope);
}

function byName(name: string, scope: MethodScope): Receiver | null {
  if (/^jedis$/i.test(name)) return cache('jedis');
  if (/redisTemplate$/i.test(name)) return cache('redis-template');
  if (/^(em|entityManager)$/.test(name)) return { role: 'entity-manager' };
  if (/cacheManager$/i.test(name)) return { role: 'cache-manager' };
  if (/transactionTemplate$/i.test(name)) return { role: 'transaction-template' };
  return repository(name, [], scope) ?? (looksLikeCache(name) ? cache('cache') : null);
}

/** What a call on `receiver` hands out: `opsForValue()` of a RedisTemplate, `getResource()` of a JedisPool, a CacheManager's `getCache("orders")`. */
function handedOut(holder: Receiver, call: Node): Receiver | null {
  const method = call.childForFieldName('name')?.text ?? '';
  if (holder.role === 'cache' && holder.client === 'redis-template' && /^(opsForValue|getConnectionFactory|getRequiredConnectionFactory|getConnection)$/.test(method)) return holder;
  if (holder.role === 'jedis-pool' && method === 'getResource') return cache('jedis');
  if (holder.role === 'lettuce-connection' && method === 'sync') return cache('lettuce');
  if (holder.role === 'cache-manager' && method === 'getCache') {
    const name = argumentsOf(call)[0];
    const cacheName = name ? stringValue(name) : null;
    return cacheName === null ? null : { role: 'cache', client: 'spring-cache', cacheName };
  }
  return null;
}

export function receiverOf(node: Node, scope: MethodScope, depth = 0): Receiver | null {
  if (depth > 3) return null;
  if (node.type === 'method_invocation') {
    const object = node.childForFieldName('object');
    const holder = object ? receiverOf(object, scope, depth + 1) : null;
    return holder ? handedOut(holder, node) : null;
  }
  const name = node.type === 'identifier' ? node.text : node.type === 'field_access' && node.childForFieldName('object')?.type === 'this' ? node.childForFieldName('field')?.text : undefined;
  if (!name) return null;
  const declaration = declarationOf(scope, name);
  // What the value hands out says more than the type: `Cache cache = cacheManager.getCache("orders")`, `var jedis = pool.getResource()`.
  const fromValue = declaration?.value ? receiverOf(declaration.value, scope, depth + 1) : null;
  if (fromValue) return fromValue;
  if (declaration?.type && declaration.type.text !== 'var') return byType(declaration.type, scope);
  return byName(name, scope);
}
