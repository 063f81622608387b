/** What the invalidation rules share: which templates a function deletes, directly or through helpers. */
import { isCacheOp, type FunctionFacts, type SourceRange } from '../facts';
import type { WorkspaceView } from '../rule';

/** Whether `fn`, or a function it calls up to `depth` calls deep, deletes a key of `template`. */
export function deletesTemplate(fn: FunctionFacts, template: string, workspace: WorkspaceView, depth = 2, seen = new Set<FunctionFacts>()): boolean {
  if (seen.has(fn)) return false;
  seen.add(fn);
  for (const op of fn.operations) {
    if (isCacheOp(op) && op.kind === 'delete' && op.keys.some((key) => key.template === template)) return true;
    if (op.type === 'call' && depth > 0) {
      for (const callee of workspace.functionsNamed(op.name)) if (deletesTemplate(callee.function, template, workspace, depth - 1, seen)) return true;
    }
  }
  return false;
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

/** 1-based line for messages. */
export const lineOf = (range: SourceRange): number => range.startLine + 1;
