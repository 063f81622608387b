/**
 * What the analyzer knows about a file, in a form every language reduces to: functions, and in
 * each the cache operations, database operations, calls and guards in source order. Rules read only this.
 */

/** A span of source: offsets into the text, and zero-based lines and columns. */
export interface SourceRange {
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A key expression reduced to its shape: `user:{}` for f"user:{user_id}", with the parts that vary. */
export interface KeyShape {
  /** Literal text with `{}` where a value goes; null when the key has no literal part to go by. */
  readonly template: string | null;
  /** The source expression of each `{}`, in order. */
  readonly parts: readonly string[];
  /** The whole key is a call of a function not declared where the key is (`CacheKeys.user(id)`): a key helper of another file may give its template. */
  readonly helperCall?: HelperCall;
}

/** A call by name: the class it names (`CacheKeys`), if any, and its arguments as written. */
export interface HelperCall {
  readonly owner: string | null;
  readonly name: string;
  readonly arguments: readonly string[];
}

/** A key argument of a cache call: its shape, and where it is. */
export interface KeyTemplate extends KeyShape {
  readonly text: string;
  readonly range: SourceRange;
}

/** Cache clients the analyzer knows, by what their calls look like. */
export type CacheClientKind = 'redis-py' | 'django-cache' | 'flask-caching' | 'aiocache' | 'ioredis' | 'node-redis' | 'lru-cache' | 'go-redis' | 'jedis' | 'lettuce' | 'redis-template' | 'caffeine' | 'spring-cache' | 'cache';

export type CacheOpKind = 'get' | 'set' | 'delete' | 'keys' | 'flush' | 'expire' | 'increment';

/** Whether a cache write sets an expiry: yes, explicitly none, or nothing said (the client's default applies). */
export type TtlState = 'present' | 'none' | 'absent';

/** An expression as written, and the names it reads (`count + 1` reads `count`; attribute names and keywords are not read). */
export interface Expression {
  readonly text: string;
  readonly names: readonly string[];
}

export interface CacheOp {
  readonly type: 'cache';
  readonly kind: CacheOpKind;
  readonly client: CacheClientKind;
  /** The receiver as written: `r`, `redis`, `self.cache`. */
  readonly receiver: string;
  readonly method: string;
  readonly keys: readonly KeyTemplate[];
  readonly ttl: TtlState;
  /** `SET ... NX`: the write only succeeds if the key is absent (locks). */
  readonly onlyIfAbsent: boolean;
  /** The TTL as written, when there is one: `300`, `USER_TTL`, `ttl`. */
  readonly ttlText: string | null;
  /** Where that TTL, or the argument saying there is none, is written. */
  readonly ttlRange: SourceRange | null;
  /** A call of one of the project's own cache functions (the cacheWrappers setting), not of a client. */
  readonly wrapped?: boolean;
  /** Inside a loop of its function that runs over items (an endless retry or worker loop does not count). */
  readonly inLoop: boolean;
  /** In an endless loop that only ends when this call succeeds. */
  readonly retriedUntilSuccess: boolean;
  /** For a read: the local its value is assigned to, when nothing else assigns that local (so its uses see what was read). */
  readonly assignedTo: string | null;
  /** For a write of one value: that value. */
  readonly value: Expression | null;
  readonly range: SourceRange;
  /** The whole statement the call is in, for fixes that replace or follow it. */
  readonly statement: SourceRange;
  /** The transaction block around it, if any: its changes are not committed until the block ends. */
  readonly transaction: SourceRange | null;
  /**
   * Where it takes effect (an empty range), when that is not where it is written: Spring's cache
   * annotations act before or after the method body, a loader's fill when `cache.get(key, loader)` returns.
   */
  readonly effectAt?: SourceRange;
  /** A delete of every key that starts with this (`orders::` for `@CacheEvict(allEntries = true)`), besides `keys`. */
  readonly keyPrefix?: string;
  /** Done by a proxy around the function (Spring's cache annotations): not when its own class calls it. */
  readonly proxied?: true;
}

export type DbVerb = 'select' | 'insert' | 'update' | 'delete' | 'save';

/** A column a write assigns, or a condition compares for equality, and the argument that gives its value. */
export interface ColumnBinding {
  /** Lower case, without its table or quotes: `email`. */
  readonly column: string;
  /** The argument as written (`new_email`), or null when the value is not one argument. */
  readonly argument: string | null;
}

export interface DbOp {
  readonly type: 'db';
  readonly verb: DbVerb;
  /** Normalised: lower case, singular (`users`, `User` and `user` are all `user`). */
  readonly entity: string;
  /** As written: the table or model name. */
  readonly entityText: string;
  /** What an UPDATE's SET, an ORM update, or the field assignments before a save assign. */
  readonly assigns: readonly ColumnBinding[];
  /** What a WHERE or an ORM filter compares for equality, when its conditions are joined by AND. */
  readonly filters: readonly ColumnBinding[];
  /** For a model instance's save: the instance (`user`), whose fields hold the assigned values from then on. */
  readonly instance: string | null;
  /**
   * An ORM write that runs the model's hooks for its verb (Django signals, SQLAlchemy mapper
   * events): an instance's save or delete, a Django queryset's delete; not a bulk update.
   */
  readonly runsHooks?: boolean;
  readonly range: SourceRange;
  readonly statement: SourceRange;
  readonly transaction: SourceRange | null;
}

export interface CallSite {
  readonly type: 'call';
  /** The called function's name without its receiver: `invalidate_user`. */
  readonly name: string;
  readonly range: SourceRange;
  /** A Java call on the object itself (`evictUser(id)`, `this.evictUser(id)`), which Spring's proxies never see. */
  readonly self?: true;
  /** Called on a Spring Data repository of this entity (normalised) declared elsewhere: the method's @Query says what the call writes. */
  readonly repository?: string;
  /** SQL text among its arguments (`fetch_all("SELECT ... FROM plans")`): the query the callee runs if it runs that parameter as SQL. */
  readonly queries?: readonly PassedQuery[];
}

export interface PassedQuery {
  /** The argument's position, counting neither the receiver nor keyword arguments. */
  readonly argument: number;
  readonly query: DbOp;
}

/** A kind of ORM write of an entity that runs a function: Django's post_save for User runs on User saves. */
export interface ModelHook {
  readonly entity: string;
  readonly verb: DbVerb;
}

/** What keeps concurrent callers apart or spreads their work: a lock, a Redis transaction (WATCH/MULTI), single-flight, early or background refresh. */
export type GuardKind = 'lock' | 'transaction' | 'single-flight' | 'early-refresh' | 'stale-while-revalidate' | 'refresh-ahead';

export interface GuardOp {
  readonly type: 'guard';
  readonly kind: GuardKind;
  /** What it was known by, as written: `r.lock`, `s.mu.Lock`, `self._lock`. */
  readonly text: string;
  /** The call, or the `with` statement holding the lock: callbacks inside it run guarded. */
  readonly range: SourceRange;
}

export type Operation = CacheOp | DbOp | CallSite | GuardOp;

export interface FunctionFacts {
  /** `rename_user`, `OrderService.save`, or for a handler `POST /admin/cache/clear`. */
  readonly name: string;
  readonly parameters: readonly string[];
  readonly range: SourceRange;
  /** Where the name is, for diagnostics about the whole function. */
  readonly nameRange: SourceRange;
  /** The statements directly in the body, for inserting after the one that holds an operation. */
  readonly bodyStatements: readonly SourceRange[];
  /** Indentation of the body's statements. */
  readonly indent: string;
  readonly operations: readonly Operation[];
  /** The ORM writes that run this function: a Django signal receiver, an SQLAlchemy mapper event listener. */
  readonly hookFor?: readonly ModelHook[];
  /** A key helper's key, its parts named by its parameters: `user:{}` with `id` for `String user(long id) { return "user:" + id; }`. */
  readonly returnsKey?: KeyShape;
  /** A repository method's @Query (`@Modifying @Query("update User u set ...")`): what each call of it reads or writes. */
  readonly query?: DbOp;
  /** A JPA entity listener's callback: the writes that run it, of the entities that name its class in @EntityListeners. */
  readonly listenerHook?: { readonly listener: string; readonly verbs: readonly DbVerb[] };
  /** Its parameters that it runs as SQL (`cursor.execute(sql, params)`): a call passing SQL text for one runs that query. */
  readonly sqlParameters?: readonly string[];
  /** A web framework runs it for a request: a route handler, a view, a controller method. */
  readonly handlesRequests?: true;
}

/**
 * A function a file registers by name as a request handler, which may be declared in another
 * file: `path("cache/reset/", views.reset_cache)` in a urls.py, `router.post("/x", reset)` with
 * `reset` imported, Go's `http.HandleFunc("/x", handlers.Reset)`.
 */
export interface HandlerRegistration {
  /** The function's own name (a method's without its class): `reset_cache`. */
  readonly name: string;
  /**
   * Where it is declared, as path segments the declaring file's path (without its extension) or
   * folder ends with: `shop/views` for `views.reset_cache` with `from shop import views`, a Go
   * package's folder, a Java class's file.
   */
  readonly module: string;
  /** Reached through an object (`controller.clear`, `handler::clear`): a method of that name may be the one. */
  readonly member?: true;
  /** The route as written: `cache/reset/`, `POST /reset`. */
  readonly route: string;
  /** The registration, for linking to it. */
  readonly range: SourceRange;
}

/** Whose callbacks the ORM writes of a JPA entity run besides its own: its listeners', and its superclass's. */
export interface EntityListeners {
  /** The listener classes its @EntityListeners names. */
  readonly listeners: readonly string[];
  /** Its superclass, normalised: the callbacks and listeners of an entity or mapped superclass are inherited. */
  readonly superclass?: string;
  /** @ExcludeSuperclassListeners: its superclasses' listeners do not run for it (their own callback methods still do). */
  readonly excludesSuperclassListeners?: true;
}

/** A `cache-lab-ignore CODE` comment: the codes it names and the line it is on. */
export interface Suppression {
  readonly codes: readonly string[];
  readonly line: number;
  /** A comment alone on its line also covers the next line; one after code covers only its own. */
  readonly ownLine: boolean;
  readonly range: SourceRange;
}

export interface FileFacts {
  readonly path: string;
  readonly language: string;
  readonly functions: readonly FunctionFacts[];
  readonly suppressions: readonly Suppression[];
  /** Per JPA entity or mapped superclass, by normalised name: its listeners and superclass (`user` → `UserCacheListener`, `baseentity`). */
  readonly entityListeners?: Readonly<Record<string, EntityListeners>>;
  /** The functions it registers by name as request handlers, wherever they are declared. */
  readonly registeredHandlers?: readonly HandlerRegistration[];
  /** Set when the file could not be read as code: too large, binary, or no grammar. */
  readonly skipped?: string;
}

export const isCacheOp = (op: Operation): op is CacheOp => op.type === 'cache';
export const isDbOp = (op: Operation): op is DbOp => op.type === 'db';
export const isCallSite = (op: Operation): op is CallSite => op.type === 'call';
export const isGuardOp = (op: Operation): op is GuardOp => op.type === 'guard';

/** Where an operation falls in its function's order: the offset where it takes effect. */
export const happensAt = (op: Operation): number => (op.type === 'cache' && op.effectAt ? op.effectAt : op.range).start;

