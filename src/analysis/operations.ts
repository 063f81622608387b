/** Building operations from a call's parts, the same way in every language. */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { CacheClientKind, CacheOp, DbOp, DbVerb, KeyTemplate, SourceRange, TtlState } from './facts';
import { cacheOpKind } from './clients';
import { entityName, sqlTarget } from './sql';
import { rangeOf } from './syntax';

/** Methods that run SQL given as their first argument, in the languages' common drivers. */
export const SQL_METHODS = new Set(['execute', 'executemany', 'raw', 'execute_sql', 'fetch', 'fetchrow', 'fetchval', 'query', 'queryrow', 'queryrowcontext', 'querycontext', 'exec', 'execcontext', '$queryraw', '$executeraw', '$queryrawunsafe', '$executerawunsafe', 'none', 'one', 'oneornone', 'many', 'any', 'update', 'queryforobject', 'queryforlist']);

export interface CallParts {
  readonly client: CacheClientKind;
  readonly receiver: string;
  readonly method: string;
  /** Key arguments already reduced, in order. */
  readonly keyArguments: readonly KeyTemplate[];
  readonly ttl: TtlState;
  /** The argument giving the TTL, or saying there is none (`None`, `0`). */
  readonly ttlArgument: Node | null;
  readonly onlyIfAbsent: boolean;
  readonly inLoop: boolean;
  readonly retriedUntilSuccess: boolean;
  readonly range: SourceRange;
  readonly statement: SourceRange;
  readonly transaction: SourceRange | null;
}

/** A cache operation, or null when the method is not one the client's family knows. */
export function cacheOperation(parts: CallParts): CacheOp | null {
  const kind = cacheOpKind(parts.client, parts.method);
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
    range: parts.range,
    statement: parts.statement,
    transaction: parts.transaction,
  };
}

/** Where a call sits: its range, its statement, and the transaction block around it. */
export interface Place {
  readonly range: SourceRange;
  readonly statement: SourceRange;
  readonly transaction: SourceRange | null;
}

/** A database operation from SQL text (a template's literal text is enough to name the table). */
export function sqlOperation(method: string, sql: string | null, place: Place): DbOp | null {
  if (!SQL_METHODS.has(method.toLowerCase()) || sql === null) return null;
  const target = sqlTarget(sql);
  return target ? dbOperation(target.verb, target.table, place) : null;
}

export function dbOperation(verb: DbVerb, entityText: string, place: Place): DbOp {
  return { type: 'db', verb, entity: entityName(entityText), entityText, range: place.range, statement: place.statement, transaction: place.transaction };
}
