/** Building operations from a call's parts, the same way in every language. */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { CacheClientKind, CacheOp, CacheOpKind, CallSite, ColumnBinding, DbOp, DbVerb, GuardKind, GuardOp, KeyTemplate, SourceRange, TtlState } from './facts';
import { cacheOpKind } from './clients';
import { entityName, sqlColumns, sqlTarget, type SqlColumn } from './sql';
import { expressionOf, rangeOf } from './syntax';

/** Methods that run SQL given as their first argument, in the languages' common drivers. */
export const SQL_METHODS = new Set(['execute', 'executemany', 'raw', 'execute_sql', 'fetch', 'fetchrow', 'fetchval', 'query', 'queryrow', 'queryrowcontext', 'querycontext', 'exec', 'execcontext', '$queryraw', '$executeraw', '$queryrawunsafe', '$executerawunsafe', 'none', 'one', 'oneornone', 'many', 'any', 'update', 'queryforobject', 'queryforlist', 'queryformap', 'batchupdate', 'preparestatement', 'executeupdate', 'executequery', 'createquery', 'createnativequery']);

export interface CallParts {
  readonly client: CacheClientKind;
  readonly receiver: string;
  readonly method: string;
  /** The operation, where the method's name does not say it: an annotation, a loader's fill. */
  readonly kind?: CacheOpKind;
  /** Key arguments already reduced, in order. */
  readonly keyArguments: readonly KeyTemplate[];
  readonly ttl: TtlState;
  /** The argument giving the TTL, or saying there is none (`None`, `0`). */
  readonly ttlArgument: Node | null;
  readonly onlyIfAbsent: boolean;
  readonly inLoop: boolean;
  readonly retriedUntilSuccess: boolean;
  /** The local the call's result is assigned to, if the language tracks it (kept for reads of one key). */
  readonly assignedTo?: string | null;
  /** The value argument, if the language tracks it (kept for writes). */
  readonly value?: Node | null;
  /** The function's locals assigned once, by name, to see what a value was computed from. */
  readonly locals?: ReadonlyMap<string, Node>;
  readonly range: SourceRange;
  readonly statement: SourceRange;
  readonly transaction: SourceRange | null;
}

/** Writes of many keys or fields at once, with no single value: MSET, HSET, set_many. */
const MULTI_VALUE_WRITES = /^(mset|msetnx|hset|hmset|hsetnx|set_many)$/i;

/**
 * The value argument of a cache write, among its arguments after any context: the one after the
 * key, or after the key and the TTL when `ttlFirst` (Redis's SETEX key seconds value).
 */
export function valueArgument<T>(method: string, args: readonly T[], ttlFirst = /^p?setex$/i.test(method)): T | null {
  return MULTI_VALUE_WRITES.test(method) ? null : (args[ttlFirst ? 2 : 1] ?? null);
}

/** A cache operation, or null when the method is not one the client's family knows. */
export function cacheOperation(parts: CallParts): CacheOp | null {
  const kind = parts.kind ?? cacheOpKind(parts.client, parts.method);
  if (!kind) return null;
  // Deletes and multi-gets take every key; the others take one, first.
  const many = kind === 'delete' || /^(mget|get_many|getall)$/i.test(parts.method);
  return {
    type: 'cache',
    kind,
    client: parts.client,
    receiver: parts.receiver,
    method: parts.method,
    keys: many ? parts.keyArguments : parts.keyArguments.slice(0, 1),
    ttl: kind === 'set' ? parts.ttl : 'absent',
    ttlText: kind === 'set' ? (parts.ttlArgument?.text ?? null) : null,
    ttlRange: kind === 'set' && parts.ttlArgument ? rangeOf(parts.ttlArgument) : null,
    onlyIfAbsent: kind === 'set' && (parts.onlyIfAbsent || /^setnx$/i.test(parts.method)),
    inLoop: parts.inLoop,
    retriedUntilSuccess: parts.retriedUntilSuccess,
    assignedTo: kind === 'get' && !many ? (parts.assignedTo ?? null) : null,
    value: kind === 'set' && parts.value ? expressionOf(parts.value, parts.locals) : null,
    range: parts.range,
    statement: parts.statement,
    transaction: parts.transaction,
  };
}

/** The user's own cache functions, by name (without receiver), and the operation each performs. */
export type CacheWrappers = ReadonlyMap<string, CacheOpKind>;

/** A call of one of the user's cache functions (`get_cached(key)`, `cache.evictUser(id)`): its first key is the key. */
export function wrapperOperation(wrappers: CacheWrappers, name: string, receiver: string, keyArguments: readonly KeyTemplate[], place: Place & { readonly inLoop: boolean }): CacheOp | null {
  const kind = wrappers.get(name);
  // The wrapper's own TTL is unknown: 'absent', as for a client default.
  const op = kind ? cacheOperation({ client: 'cache', receiver, method: name, kind, keyArguments, ttl: 'absent', ttlArgument: null, onlyIfAbsent: false, retriedUntilSuccess: false, ...place }) : null;
  return op && { ...op, wrapped: true };
}

/** Where a call sits: its range, its statement, and the transaction block around it. */
export interface Place {
  readonly range: SourceRange;
  readonly statement: SourceRange;
  readonly transaction: SourceRange | null;
}

/** The place `find` works out, once it is first asked for: finding it walks up the tree, and most calls turn out to be no operation. */
export function placeWhenUsed(find: () => Place): Place {
  let found: Place | undefined;
  const place = (): Place => (found ??= find());
  return {
    get range() {
      return place().range;
    },
    get statement() {
      return place().statement;
    },
    get transaction() {
      return place().transaction;
    },
  };
}

/** A database operation from SQL text that a driver's `method` runs (`cursor.execute`), or null when the method runs none. */
export function sqlOperation(method: string, place: Place, statement: () => { readonly sql: string | null; readonly bound?: readonly string[] }): DbOp | null {
  if (!SQL_METHODS.has(method.toLowerCase())) return null;
  const { sql, bound } = statement();
  return sqlQuery(sql, place, bound);
}

/**
 * A database operation from SQL text (a template's literal text is enough to name the table), its
 * columns bound to `bound`, the arguments the call passes for the placeholders, when it lists them;
 * null when the text is not SQL it recognises.
 */
export function sqlQuery(sql: string | null, place: Place, bound: readonly string[] = []): DbOp | null {
  const target = sql === null ? null : sqlTarget(sql);
  if (!target) return null;
  const { assigns, filters } = sqlColumns(sql!, target.verb);
  const binding = ({ column, argument }: SqlColumn): ColumnBinding => ({ column, argument: argument === null ? null : (bound[argument] ?? null) });
  return dbOperation(target.verb, target.table, place, { assigns: assigns.map(binding), filters: filters.map(binding), instance: null });
}

/**
 * The query each argument would run if the callee ran it as SQL, by position (null for the others):
 * `text` gives an argument's SQL text when it is text, `bound` the arguments after it that its
 * placeholders take, as the language's drivers pass them.
 */
export function passedQueries<T>(args: readonly T[], place: Place, text: (arg: T) => string | null, bound: (after: readonly T[]) => readonly string[] = () => []): (DbOp | null)[] {
  return args.map((arg, index) => {
    const sql = text(arg);
    return sql === null ? null : sqlQuery(sql, place, bound(args.slice(index + 1)));
  });
}

/**
 * The parameters a function runs as the SQL of a driver's call (`cursor.execute(sql, params)`), from
 * its calls: `methodOf` gives a call's method, for a call on a receiver, and `sqlOf` the argument a
 * driver's method would run as SQL, as written.
 */
export function sqlParameters<T>(parameters: readonly string[], calls: readonly T[], methodOf: (call: T) => string | undefined, sqlOf: (call: T) => string | undefined): string[] {
  if (parameters.length === 0) return [];
  const run = new Set(calls.flatMap((call) => {
    const method = methodOf(call);
    const sql = method !== undefined && SQL_METHODS.has(method.toLowerCase()) ? sqlOf(call) : undefined;
    return sql === undefined ? [] : [sql];
  }));
  return parameters.filter((parameter) => run.has(parameter));
}

/** A call of a function by name, with the query each argument that is SQL text passes (null for the others, by position). */
export function callSite(name: string, range: SourceRange, queries: readonly (DbOp | null)[] = []): CallSite {
  const passed = queries.flatMap((query, argument) => (query ? [{ argument, query }] : []));
  return { type: 'call', name, range, ...(passed.length > 0 ? { queries: passed } : {}) };
}

/** What a write assigns and what it or a read looks up by, where the call says. */
export type Columns = Pick<DbOp, 'assigns' | 'filters' | 'instance'>;

const NO_COLUMNS: Columns = { assigns: [], filters: [], instance: null };

export function dbOperation(verb: DbVerb, entityText: string, place: Place, columns: Columns = NO_COLUMNS): DbOp {
  return { type: 'db', verb, entity: entityName(entityText), entityText, ...columns, range: place.range, statement: place.statement, transaction: place.transaction };
}

/** Words that name a guard, in any part of a called name. */
const GUARD_WORDS = new Map<string, GuardKind>([
  ...['lock', 'locks', 'rlock', 'trylock', 'mutex', 'redlock', 'semaphore', 'exclusive'].map((word) => [word, 'lock'] as const),
  ...['watch', 'multi', 'txpipelined'].map((word) => [word, 'transaction'] as const),
  ...['singleflight', 'inflight', 'coalesce', 'coalescing'].map((word) => [word, 'single-flight'] as const),
  ...['xfetch', 'early', 'probabilistic'].map((word) => [word, 'early-refresh'] as const),
  ...['stale', 'revalidate', 'swr'].map((word) => [word, 'stale-while-revalidate'] as const),
  ['refresh', 'refresh-ahead'],
]);

/**
 * The words of each part of a name, and each part run together: `s.mu.TryLock` has try, lock and
 * trylock; `in_flight` has inflight. Arguments of calls along the way (`client(opts).watch`) are not part of it.
 */
function words(name: string): string[] {
  let bare = name;
  while (/\([^()]*\)/.test(bare)) bare = bare.replace(/\([^()]*\)/g, '');
  return bare.split('.').flatMap((part) => {
    const split = part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
    return [...split, split.join('')];
  });
}

/** What guard a call by `name` is: by the words in the name, a key's remaining TTL read ahead of its expiry, or XFetch's `log(random())`. */
/** The guard the words of each name seen say, kept: every call is asked, and callee names repeat (a bound keeps it small). */
const guardOfWords = new Map<string, GuardKind | null>();

function guardKind(name: string, node: Node): GuardKind | null {
  let kind = guardOfWords.get(name);
  if (kind === undefined) {
    kind = words(name).map((word) => GUARD_WORDS.get(word)).find((found) => found !== undefined) ?? null;
    if (guardOfWords.size >= 10_000) guardOfWords.clear();
    guardOfWords.set(name, kind);
  }
  if (kind) return kind;
  if (/\.p?ttl$/i.test(name)) return 'refresh-ahead';
  return /^(math\.)?log$/i.test(name) && /rand/i.test(node.text) ? 'early-refresh' : null;
}

/** A guard at `node`, known by `name` as written (`acquire_lock`, `s.mu.Lock`, `redis.watch`, `self._lock`), or null. */
export function guardOperation(name: string, node: Node, kind: GuardKind | null = guardKind(name, node)): GuardOp | null {
  return kind ? { type: 'guard', kind, text: name, range: rangeOf(node) } : null;
}
