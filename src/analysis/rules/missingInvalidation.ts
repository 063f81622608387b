/**
 * CL001: a function writes an entity that another function caches (a cache-aside read fills key
 * template T from it) and never deletes T, directly or in a function it calls.
 */
import { basename } from 'node:path';
import { isDbOp } from '../facts';
import { pointRange, type Finding } from '../findings';
import type { Rule } from '../rule';
import { deletesTemplate, enclosingStatement, lineOf, partsFor } from './invalidation';

export const missingInvalidation: Rule = {
  code: 'CL001',
  name: 'missing-invalidation',
  title: 'A write never invalidates the cache key filled from the same data',
  defaultSeverity: 'warning',
  check({ file, language, workspace }) {
    const findings: Finding[] = [];
    for (const fn of file.functions) {
      for (const write of fn.operations.filter(isDbOp)) {
        if (write.verb === 'select' || write.verb === 'insert') continue;
        const reported = new Set<string>();
        for (const fill of workspace.fillsOf(write.entity)) {
          if (fill.function === fn || reported.has(fill.template)) continue;
          if (deletesTemplate(fn, fill.template, workspace)) continue;
          // Setting the key after the write is CL002's finding, not this one.
          if (fn.operations.some((op) => op.type === 'cache' && op.kind === 'set' && op.range.start > write.range.start && op.keys.some((k) => k.template === fill.template))) continue;
          reported.add(fill.template);
          const expiry = fill.set.ttl === 'present' ? 'until its TTL ends' : 'for as long as the entry lives';
          const statement = enclosingStatement(fn, write.range);
          const key = language.renderKey(fill.template, partsFor(fn, fill.parts));
          const insertAt = statement ?? write.statement;
          const insertion = `\n${fn.indent}${language.renderStatement(fill.set, language.renderDelete(fill.set, key))}`;
          findings.push({
            code: 'CL001',
            severity: 'warning',
            message: `${fn.name} writes ${write.entityText} but never deletes the cache key ${fill.template}; ${fill.function.name} fills it from ${write.entityText} (${basename(fill.path)}:${lineOf(fill.set.range)}), so reads serve the old data ${expiry}.`,
            path: file.path,
            range: write.range,
            related: [{ path: fill.path, range: fill.set.range, message: `${fill.function.name} caches ${write.entityText} under ${fill.template} here` }],
            fixes: [{
              title: `Delete ${fill.template} after the write`,
              edits: [{ path: file.path, range: pointRange(insertAt.end, insertAt.endLine, insertAt.endColumn), newText: insertion }],
            }],
          });
        }
      }
    }
    return findings;
  },
};
