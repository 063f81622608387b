/**
 * CL001: a function writes an entity that another function caches (a cache-aside read fills key
 * template T from it) and never deletes T, directly or in a function it calls.
 */
import { basename } from 'node:path';
import { inFile } from '../edits';
import { happensAt, isCacheOp, isDbOp, type DbOp, type FunctionFacts } from '../facts';
import { pointRange, type Finding, type Fix } from '../findings';
import type { Fill, Rule, RuleInput } from '../rule';
import { deletesTemplate, enclosingStatement, lineOf, partsFor, staleFor } from './invalidation';

/** The keys `fn` itself deletes, as templates where they have one: what a write's message names when none is the cached key. */
function deletedKeys(fn: FunctionFacts): string[] {
  return fn.operations.filter(isCacheOp).filter((op) => op.kind === 'delete').flatMap((op) => [...op.keys.map((key) => key.template ?? key.text), ...(op.keyPrefix === undefined ? [] : [`${op.keyPrefix}*`])]);
}

/**
 * The fix: where the cache is filled by an annotation, the annotation evicting the key; else the
 * delete after the write's statement, with the writer's values (none after a return: it would never run).
 */
function invalidationFix({ file, text, language }: Pick<RuleInput, 'file' | 'text' | 'language'>, fn: FunctionFacts, write: DbOp, fill: Fill): Fix[] {
  const parts = partsFor(fn, fill.parts);
  const annotation = language.evictionAnnotationEdits?.(fill, parts, fn, write, text);
  if (annotation) return [{ title: `Evict ${fill.template} when ${fn.name} returns`, edits: inFile(file.path, annotation) }];
  // A fill through the project's own functions: how its keys are deleted is the project's own too.
  if (fill.set.wrapped) return [];
  const after = enclosingStatement(fn, write.range) ?? write.statement;
  if (/^return\b/.test(text.slice(after.start, after.end))) return [];
  const insertion = `\n${fn.indent}${language.renderStatement(fill.set, language.renderDelete(fill.set, language.renderKey(fill.template, parts)))}`;
  return [{ title: `Delete ${fill.template} after the write`, edits: [{ path: file.path, range: pointRange(after.end, after.endLine, after.endColumn), newText: insertion }] }];
}

export const missingInvalidation: Rule = {
  code: 'CL001',
  name: 'missing-invalidation',
  title: 'A write never invalidates the cache key filled from the same data',
  defaultSeverity: 'warning',
  check({ file, text, language, workspace }) {
    const findings: Finding[] = [];
    for (const fn of file.functions) {
      for (const write of fn.operations.filter(isDbOp)) {
        if (write.verb === 'select' || write.verb === 'insert') continue;
        const reported = new Set<string>();
        for (const fill of workspace.fillsOf(write.entity)) {
          if (fill.function === fn || reported.has(fill.template)) continue;
          if (deletesTemplate(fn, fill.template, workspace)) continue;
          // A signal receiver runs on a model instance's save or delete, not on SQL or a queryset's update().
          if (write.runsHooks && workspace.hooksFor(write.entity).some((hook) => deletesTemplate(hook.function, fill.template, workspace))) continue;
          // Setting the key after the write is CL002's finding, not this one.
          if (fn.operations.some((op) => op.type === 'cache' && op.kind === 'set' && happensAt(op) > write.range.start && op.keys.some((k) => k.template === fill.template))) continue;
          reported.add(fill.template);
          const source = `${fill.function.name} fills it from ${write.entityText} (${basename(fill.path)}:${lineOf(fill.set.range)}), so reads serve the old data ${staleFor(fill)}`;
          const missed = deletedKeys(fn);
          findings.push({
            code: 'CL001',
            severity: 'warning',
            message: missed.length > 0
              ? `${fn.name} writes ${write.entityText} and deletes ${missed.join(', ')}, but ${missed.length === 1 ? 'that key never matches' : 'none of those keys matches'} the cache key ${fill.template}; ${source}.`
              : `${fn.name} writes ${write.entityText} but never deletes the cache key ${fill.template}; ${source}.`,
            path: file.path,
            range: write.range,
            related: [{ path: fill.path, range: fill.set.range, message: `${fill.function.name} caches ${write.entityText} under ${fill.template} here` }],
            fixes: invalidationFix({ file, text, language }, fn, write, fill),
          });
        }
      }
    }
    return findings;
  },
};
