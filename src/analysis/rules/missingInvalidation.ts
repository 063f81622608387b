/**
 * CL001: a function writes an entity that another function caches (a cache-aside read fills key
 * template T from it) and never deletes T, directly or in a function it calls.
 */
import { basename } from 'node:path';
import { inFile } from '../edits';
import { happensAt, isCacheOp, isCallSite, type CacheOp, type CallSite, type DbOp, type FunctionFacts } from '../facts';
import { pointRange, type Finding, type Fix } from '../findings';
import type { Fill, Rule, RuleInput, WorkspaceView } from '../rule';
import { deletesKeyOf, deletesTemplate, enclosingStatement, lineOf, partsFor, staleFor } from './invalidation';

/** The keys `fn` itself deletes, as templates where they have one: what a write's message names when none is the cached key. */
function deletedKeys(fn: FunctionFacts, workspace: WorkspaceView): string[] {
  return fn.operations.filter(isCacheOp).filter((op) => op.kind === 'delete').flatMap((op) => [...op.keys.map((key) => workspace.keyOf(key).template ?? key.text), ...(op.keyPrefix === undefined ? [] : [`${op.keyPrefix}*`])]);
}

/**
 * A call of a method of `fn`'s own class (in `path`) whose Spring cache annotation would delete
 * `template`: a call from inside the class does not go through Spring's proxy, so it never does.
 */
function selfInvokedEviction(fn: FunctionFacts, path: string, template: string, workspace: WorkspaceView): { call: CallSite; eviction: CacheOp } | undefined {
  const owner = fn.name.split('.').slice(0, -1).join('.');
  for (const call of fn.operations.filter(isCallSite)) {
    if (!call.self || !owner) continue;
    const callee = workspace.functionsNamed(call.name).find((named) => named.path === path && named.function.name === `${owner}.${call.name}`);
    const eviction = callee?.function.operations.filter(isCacheOp).find((op) => op.proxied && deletesKeyOf(op, template, workspace));
    if (eviction) return { call, eviction };
  }
  return undefined;
}

/** What `fn`'s calls of repository methods declared in other files write, by their @Query: a write at the call. */
function queryWrites(fn: FunctionFacts, workspace: WorkspaceView): DbOp[] {
  return fn.operations.filter(isCallSite).flatMap((call) => {
    if (call.repository === undefined) return [];
    const queries = workspace.functionsNamed(call.name).flatMap(({ function: { query } }) => (query && query.entity === call.repository ? [query] : []));
    return queries.map((query): DbOp => ({ ...query, range: call.range, statement: call.range, transaction: null }));
  });
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
      // A function's writes of one table meet the same fills: whether it deletes each key is asked once.
      const deletes = new Map<string, boolean>();
      const deletesKey = (template: string): boolean => deletes.get(template) ?? deletes.set(template, deletesTemplate(fn, template, workspace)).get(template)!;
      for (const write of [...workspace.writesOf(fn), ...queryWrites(fn, workspace)]) {
        if (write.verb === 'select' || write.verb === 'insert') continue;
        const reported = new Set<string>();
        for (const fill of workspace.fillsOf(write.entity)) {
          if (fill.function === fn || reported.has(fill.template)) continue;
          if (deletesKey(fill.template)) continue;
          // A signal receiver or mapper event listener runs on the ORM writes of its kind, not on SQL or a bulk update().
          if (write.runsHooks && workspace.hooksFor(write.entity, write.verb).some((hook) => deletesTemplate(hook.function, fill.template, workspace))) continue;
          // Setting the key after the write is CL002's finding, not this one.
          if (fn.operations.some((op) => op.type === 'cache' && op.kind === 'set' && happensAt(op) > write.range.start && op.keys.some((k) => workspace.keyOf(k).template === fill.template))) continue;
          reported.add(fill.template);
          const source = `${fill.function.name} fills it from ${write.entityText} (${basename(fill.path)}:${lineOf(fill.set.range)}), so reads serve the old data ${staleFor(fill)}`;
          const missed = deletedKeys(fn, workspace);
          const bypassed = selfInvokedEviction(fn, file.path, fill.template, workspace);
          const owner = fn.name.split('.').slice(0, -1).join('.');
          findings.push({
            code: 'CL001',
            severity: 'warning',
            message: bypassed
              ? `${fn.name} writes ${write.entityText} and calls ${bypassed.call.name}, whose ${bypassed.eviction.method} would delete ${fill.template}, but a call from inside ${owner} does not go through Spring's proxy, so the eviction never runs; ${source}. Call ${bypassed.call.name} on another bean, or evict with cacheManager.getCache("${bypassed.eviction.receiver}").${bypassed.eviction.keyPrefix === undefined ? 'evict(key)' : 'clear()'}.`
              : missed.length > 0
              ? `${fn.name} writes ${write.entityText} and deletes ${missed.join(', ')}, but ${missed.length === 1 ? 'that key never matches' : 'none of those keys matches'} the cache key ${fill.template}; ${source}.`
              : `${fn.name} writes ${write.entityText} but never deletes the cache key ${fill.template}; ${source}.`,
            path: file.path,
            range: write.range,
            related: [
              { path: fill.path, range: fill.set.range, message: `${fill.function.name} caches ${write.entityText} under ${fill.template} here` },
              ...(bypassed ? [{ path: file.path, range: bypassed.call.range, message: `This call skips Spring's proxy, so ${bypassed.call.name}'s ${bypassed.eviction.method} does nothing` }] : []),
            ],
            fixes: invalidationFix({ file, text, language }, fn, write, fill),
          });
        }
      }
    }
    return findings;
  },
};
