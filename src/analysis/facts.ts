/**
 * What the analyzer knows about a file, in a form every language reduces to: functions, and in
 * each the cache operations, database operations and calls in source order. Rules read only this.
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
}

/** A key argument of a cache call: its shape, and where it is. */
export interface KeyTemplate extends KeyShape {
  readonly text: string;
  readonly range: SourceRange;
}

/** Cache clients the analyzer knows, by what their calls look like. */
export type CacheClientKind = 'redis-py' | 'django-cache' | 'flask-caching' | 'aiocache' | 'ioredis' | 'node-redis' | 'lru-cache' | 'go-redis' | 'jedis' | 'redis-template' | 'caffeine' | 'spring-cache' | 'cache';

export type CacheOpKind = 'get' | 'set' | 'delete' | 'keys' | 'flush' | 'expire' | 'increment';

/** Whether a cache write sets an expiry: yes, explicitly none, or nothing said (the client's default applies). */
export type TtlState = 'present' | 'none' | 'absent';

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
  /** Inside a loop of its function. */
  readonly inLoop: boolean;
  /** In an endless loop that only ends when this call succeeds. */
  readonly retriedUntilSuccess: boolean;
  readonly range: SourceRange;
  /** The whole statement the call is in, for fixes that replace or follow it. */
  readonly statement: SourceRange;
  /** The transaction block around it, if any: its changes are not committed until the block ends. */
  readonly transaction: SourceRange | null;
}

export type DbVerb = 'select' | 'insert' | 'update' | 'delete' | 'save';

export interface DbOp {
  readonly type: 'db';
  readonly verb: DbVerb;
  /** Normalised: lower case, singular (`users`, `User` and `user` are all `user`). */
  readonly entity: string;
  /** As written: the table or model name. */
  readonly entityText: string;
  readonly range: SourceRange;
  readonly statement: SourceRange;
  readonly transaction: SourceRange | null;
}

export interface CallSite {
  readonly type: 'call';
  /** The called function's name without its receiver: `invalidate_user`. */
  readonly name: string;
  readonly range: SourceRange;
}

export type Operation = CacheOp | DbOp | CallSite;

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
  /** Set when the file could not be read as code: too large, binary, or no grammar. */
  readonly skipped?: string;
}

export const isCacheOp = (op: Operation): op is CacheOp => op.type === 'cache';
export const isDbOp = (op: Operation): op is DbOp => op.type === 'db';
export const isCallSite = (op: Operation): op is CallSite => op.type === 'call';
