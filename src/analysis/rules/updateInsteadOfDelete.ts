/**
 * CL002: after a database write, the code sets a freshly built value under a cached key instead of
 * deleting it. Two concurrent writers can commit in one order and reach the cache in the other,
 * leaving the older value cached.
 */
import { happensAt, isCacheOp } from '../facts';
import type { Finding } from '../findings';
import type { Rule } from '../rule';

export const updateInsteadOfDelete: Rule = {
  code: 'CL002',
  name: 'update-instead-of-delete',
  title: 'A write sets the cache instead of deleting it',
  defaultSeverity: 'warning',
  check({ file, language, workspace }) {
    const findings: Finding[] = [];
    for (const fn of file.functions) {
      const writes = workspace.writesOf(fn).filter((op) => op.verb !== 'insert');
      for (const set of fn.operations.filter(isCacheOp)) {
        if (set.kind !== 'set' || set.onlyIfAbsent) continue;
        const key = set.keys[0] && workspace.keyOf(set.keys[0]);
        if (!key?.template) continue;
        const write = writes.find((w) => w.range.start < happensAt(set) && workspace.fillsOf(w.entity).some((fill) => fill.template === key.template));
        if (!write) continue;
        findings.push({
          code: 'CL002',
          severity: 'warning',
          message: `${fn.name} writes ${write.entityText}, then sets ${key.template} to a value it built: two concurrent writers can leave the older value cached. Delete the key instead; the next read loads the committed row.`,
          path: file.path,
          range: set.range,
          related: [{ path: file.path, range: write.range, message: `the write to ${write.entityText}` }],
          fixes: [{ title: `Delete ${key.template} instead of setting it`, edits: [{ path: file.path, range: set.range, newText: language.renderDelete(set, key.text) }] }],
          race: { scenario: 'update-instead-of-delete', key: key.template, reader: fn.name, writer: fn.name },
        });
      }
    }
    return findings;
  },
};
