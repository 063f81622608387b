/** The shape of a rule, and what it may look at: one file's facts and the workspace's. */
import type { CacheOp, DbOp, DbVerb, FileFacts, FunctionFacts, HandlerRegistration, KeyShape } from './facts';
import type { Finding, Severity } from './findings';
import type { LanguageSupport } from './languages/language';

/** A function that fills a cache key from the database: the cache-aside read. */
export interface Fill {
  readonly template: string;
  /** The fill's key parts, as written where it sets the key. */
  readonly parts: readonly string[];
  readonly entities: readonly string[];
  /** The database reads before the set, which it fills the key from (a read through a call is at the call). */
  readonly reads: readonly DbOp[];
  readonly path: string;
  readonly function: FunctionFacts;
  readonly set: CacheOp;
}

export interface WorkspaceView {
  /** Fills of every file, by entity. */
  fillsOf(entity: string): readonly Fill[];
  /** Functions by name (without class), in every file. */
  functionsNamed(name: string): readonly { readonly path: string; readonly function: FunctionFacts }[];
  /** Functions that call a function by `name` (without class), in every file. */
  callersOf(name: string): readonly { readonly path: string; readonly function: FunctionFacts }[];
  /** Functions that ORM writes of `entity` with `verb` run (signal receivers, mapper event listeners, JPA callbacks, inherited ones too), in every file. */
  hooksFor(entity: string, verb: DbVerb): readonly { readonly path: string; readonly function: FunctionFacts }[];
  /** Where files register `fn`, declared in the file at `path`, by name as a request handler (a urls.py's `path(...)`, a route given it imported). */
  registrationsOf(path: string, fn: FunctionFacts): readonly { readonly path: string; readonly registration: HandlerRegistration }[];
  /** The database reads of `fn`: its own, and at each call of a workspace function, what that function reads (two calls deep). */
  readsOf(fn: FunctionFacts): readonly DbOp[];
  /** `key` with a call of a key helper declared in another file (`CacheKeys.user(id)`) as the key the helper returns: `user:{}` with `id`. */
  keyOf<K extends KeyShape>(key: K): K;
  /** The database writes of `fn`: its own, and the SQL text it passes for a parameter that a workspace function runs as SQL, at the call. */
  writesOf(fn: FunctionFacts): readonly DbOp[];
}

export interface RuleInput {
  readonly file: FileFacts;
  readonly text: string;
  readonly language: LanguageSupport;
  readonly workspace: WorkspaceView;
}

export interface Rule {
  readonly code: string;
  /** A short kebab-case name, as in settings. */
  readonly name: string;
  readonly title: string;
  readonly defaultSeverity: Severity;
  check(input: RuleInput): Finding[];
}
