/** What the invalidation rules share: which templates a function deletes, directly or through helpers. */
import { isCacheOp, isCallSite, type FunctionFacts, type Operation, type SourceRange } from '../facts';
import type { Fill, WorkspaceView } from '../rule';

/**
 * Whether `fn`, or a function it calls up to `depth` calls deep, deletes a key of `template`;
 * `selfCalled`: called from its own class, which Spring's proxies never see, so its cache annotations do nothing.
 */
export function deletesTemplate(fn: FunctionFacts, template: string, workspace: WorkspaceView, depth = 2, seen = new Set<FunctionFacts>(), selfCalled = false): boolean {
  if (seen.has(fn)) return false;
  seen.add(fn);
  return fn.operations.some((op) => deletesKeyOf(op, template, workspace) && !(selfCalled && isCacheOp(op) && op.proxied)) || calleesDelete(fn, template, workspace, depth, seen);
}

/** Whether `op` deletes a key of `template`: one of its keys, or every key with its prefix (`@CacheEvict(allEntries = true)`). */
export const deletesKeyOf = (op: Operation, template: string, workspace: WorkspaceView): boolean => isCacheOp(op) && op.kind === 'delete' && (op.keys.some((key) => workspace.keyOf(key).template === template) || (op.keyPrefix !== undefined && template.startsWith(op.keyPrefix)));

/** Whether a function that `fn` calls deletes a key of `template`, itself or through its own calls, up to `depth` calls deep from `fn`. */
export function calleesDelete(fn: FunctionFacts, template: string, workspace: WorkspaceView, depth = 2, seen = new Set([fn])): boolean {
  return depth > 0 && fn.operations.some((op) => isCallSite(op) && workspace.functionsNamed(op.name).some((callee) => deletesTemplate(callee.function, template, workspace, depth - 1, seen, op.self)));
}

/** The body statement of `fn` that holds `range`: a fix goes after it, outside any transaction block. */
export function enclosingStatement(fn: FunctionFacts, range: SourceRange): SourceRange | undefined {
  return fn.bodyStatements.find((statement) => statement.start <= range.start && range.end <= statement.end);
}

/** The write path's expression for each of the fill's key parts: a parameter of the same name, or the only id-like one (user_id, userId, itemID). */
export function partsFor(fn: FunctionFacts, fillParts: readonly string[]): string[] {
  const idLike = fn.parameters.filter((p) => /(^|_)id$|I[dD]$/.test(p));
  return fillParts.map((part) => (fn.parameters.includes(part) ? part : idLike.length === 1 ? idLike[0]! : part));
}

/** How long a stale entry the fill wrote keeps being served, for messages. */
export const staleFor = (fill: Fill): string => (fill.set.ttl === 'present' ? 'until its TTL ends' : 'for as long as the entry lives');

/** 1-based line for messages. */
export const lineOf = (range: SourceRange): number => range.startLine + 1;
