/** What a language brings to the analyzer: its grammar, and how its syntax reduces to facts. */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { SourceEdit } from '../edits';
import type { CacheOp, DbOp, EntityListeners, FunctionFacts, HandlerRegistration } from '../facts';
import type { FunctionReuse } from '../functionReuse';
import type { CacheWrappers } from '../operations';
import type { Fill } from '../rule';

export interface LanguageSupport {
  readonly id: string;
  readonly extensions: readonly string[];
  /** VS Code's language identifiers for these files. */
  readonly editorLanguages: readonly string[];
  /** What starts a line comment, for the ignore-comment fix. */
  readonly lineComment: string;
  /** The grammar file in @vscode/tree-sitter-wasm's wasm/ folder for a file extension. */
  grammarFor(extension: string): string;
  /** Node types that are comments, where suppressions live. */
  readonly commentTypes: readonly string[];
  /**
   * The file's functions; `reuse` keeps the facts of those whose top-level statement is unchanged
   * since the file's last analysis. `path` tells frameworks' route files (views.py, Next.js route.ts).
   */
  extractFunctions(root: Node, text: string, reuse: FunctionReuse, wrappers: CacheWrappers, path: string): FunctionFacts[];
  /** Per entity (or class entities inherit from), by normalised name, whose callbacks its ORM writes run besides its own (JPA's @EntityListeners). */
  entityListeners?(root: Node): Record<string, EntityListeners>;
  /** The functions the file registers by name as request handlers, which other files may declare. */
  registeredHandlers?(root: Node, text: string, path: string): HandlerRegistration[];
  /** Source for the key template with its parts: f"user:{user_id}", `product:${id}`. */
  renderKey(template: string, parts: readonly string[]): string;
  /** A call deleting `key` with the client `like` uses. */
  renderDelete(like: CacheOp, key: string): string;
  /** A call as a statement of its own (awaited where the client is asynchronous). */
  renderStatement(like: CacheOp, call: string): string;
  /** `seconds` in the unit the client's TTL argument takes: `300`, `300000` (ms), `5*time.Minute`. */
  ttlExpression(like: CacheOp, seconds: number): string;
  /** `ttl` plus up to a tenth more at random, and the edits importing what that needs. */
  jitter(ttl: string, text: string): { readonly expression: string; readonly edits: readonly SourceEdit[] };
  /** Edits giving the write `op` the expiry `ttl` (an SETNX-style call keeps its only-if-absent), or null where the client's way is unknown. */
  expiryEdits(op: CacheOp, ttl: string, text: string): SourceEdit[] | null;
  /**
   * For a cache filled by a method annotation (Spring's @Cacheable): the edits that make `writer`
   * evict the fill's key, `parts` being the writer's values for the key's parts; null where
   * deleting the key is a statement after the write.
   */
  evictionAnnotationEdits?(fill: Fill, parts: readonly string[], writer: FunctionFacts, write: DbOp, text: string): SourceEdit[] | null;
}
