/**
 * CL004: the cached key is deleted before the database write, or inside the transaction that
 * makes it: a reader that misses in between loads the old row and caches it again, and nothing
 * deletes it afterwards.
 */
import { happensAt, isCacheOp, type DbOp, type FunctionFacts, type Operation, type SourceRange } from '../facts';
import type { Finding } from '../findings';
import type { Rule, WorkspaceView } from '../rule';
import { deletesKeyOf } from './invalidation';

/** Whether `op` happens inside the transaction block: at its end it happens with the commit, not before. */
const runsInside = (op: Operation, transaction: SourceRange | null): boolean => transaction !== null && transaction.start <= happensAt(op) && happensAt(op) < transaction.end;

function deletedAfterCommit(fn: FunctionFacts, template: string, write: DbOp, workspace: WorkspaceView): boolean {
  return fn.operations.some((op) => happensAt(op) > write.range.start && !runsInside(op, write.transaction) && deletesKeyOf(op, template, workspace));
}

export const deleteBeforeWrite: Rule = {
  code: 'CL004',
  name: 'delete-before-write',
  title: 'The cache key is deleted before the database write commits',
  defaultSeverity: 'warning',
  check({ file, workspace }) {
    const findings: Finding[] = [];
    for (const fn of file.functions) {
      const writes = workspace.writesOf(fn).filter((op) => op.verb !== 'insert');
      for (const del of fn.operations.filter(isCacheOp)) {
        if (del.kind !== 'delete') continue;
        for (const key of del.keys.map((k) => workspace.keyOf(k))) {
          if (!key.template) continue;
          const fillOf = (write: DbOp) => workspace.fillsOf(write.entity).find((fill) => fill.template === key.template);
          const before = writes.find((write) => write.range.start > happensAt(del) && fillOf(write));
          const uncommitted = writes.find((write) => write.range.start < happensAt(del) && runsInside(del, write.transaction) && fillOf(write));
          const write = before ?? uncommitted;
          if (!write || deletedAfterCommit(fn, key.template, write, workspace)) continue;
          findings.push({
            code: 'CL004',
            severity: 'warning',
            message: before
              ? `${fn.name} deletes ${key.template} before it writes ${write.entityText}: a reader that misses in between loads the old row and caches it again, and nothing deletes it after the write. Delete after the write (or delete again after it).`
              : `${fn.name} deletes ${key.template} inside the transaction that writes ${write.entityText}: until the commit, a reader that misses loads the old row and caches it again. Delete after the transaction commits.`,
            path: file.path,
            range: del.range,
            related: [{ path: file.path, range: write.range, message: `the write to ${write.entityText}` }],
            fixes: [],
            race: { scenario: 'delete-before-write', key: key.template, reader: fillOf(write)!.function.name, writer: fn.name },
          });
          break;
        }
      }
    }
    return findings;
  },
};
