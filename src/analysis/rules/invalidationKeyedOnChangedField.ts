/**
 * CL003: a write changes the column a cached lookup is keyed by (user:email:{} filled by
 * `WHERE email = %s`), and deletes only the key built from the new value. The key of the old value
 * survives and keeps serving the old row.
 */
import { basename } from 'node:path';
import { isCacheOp, type KeyTemplate } from '../facts';
import type { Finding } from '../findings';
import type { Fill, Rule } from '../rule';
import { calleesDelete, lineOf, staleFor } from './invalidation';

type Lookup = { readonly index: number; readonly column: string };

/** Each fill's lookups, worked out once: a fill is checked against every write of its table. */
const lookupsOfFill = new WeakMap<Fill, readonly Lookup[]>();

/** The fill's key parts that its database read looks up by, with the column each is compared to. */
function lookups(fill: Fill): readonly Lookup[] {
  let found = lookupsOfFill.get(fill);
  if (!found) {
    const filters = fill.reads.flatMap((read) => read.filters);
    found = fill.parts.flatMap((part, index) => {
      const filter = filters.find((f) => f.argument === part);
      return filter ? [{ index, column: filter.column }] : [];
    });
    lookupsOfFill.set(fill, found);
  }
  return found;
}

export const invalidationKeyedOnChangedField: Rule = {
  code: 'CL003',
  name: 'invalidation-keyed-on-changed-field',
  title: 'The invalidation deletes the key of the new value of the field the write changes',
  defaultSeverity: 'warning',
  check({ file, workspace }) {
    const findings: Finding[] = [];
    for (const fn of file.functions) {
      const deletes = fn.operations.filter(isCacheOp).filter((op) => op.kind === 'delete');
      const deleted = deletes.flatMap((del) => del.keys.map((key) => workspace.keyOf(key)));
      // A deleted key of no known shape (`r.delete(old_key)` from a helper) may be the old one.
      if (deleted.some((key) => key.template === null)) continue;
      const reported = new Set<string>();
      for (const write of workspace.writesOf(fn)) {
        for (const fill of workspace.fillsOf(write.entity)) {
          const keys = deleted.filter((key) => key.template === fill.template);
          // A delete of every key with a prefix (`@CacheEvict(allEntries = true)`) takes the old one too.
          const clearsAll = deletes.some((del) => del.keyPrefix !== undefined && fill.template.startsWith(del.keyPrefix));
          if (write.assigns.length === 0 || keys.length === 0 || clearsAll || reported.has(fill.template)) continue;
          for (const { index, column } of lookups(fill)) {
            const change = write.assigns.find((assign) => assign.column === column && assign.argument !== null);
            if (!change) continue;
            // The new value: the argument the write assigns, or the saved instance's field read after
            // the save, in the delete itself (a key built earlier in a local may hold the old value).
            const field = `${write.instance}.${column}`;
            const isNewValue = (key: KeyTemplate): boolean => key.parts[index] === change.argument || (write.instance !== null && key.parts[index] === field && key.text.includes(field) && key.range.start > write.range.start);
            // A helper that deletes the template may be given the old value.
            if (!keys.every(isNewValue) || calleesDelete(fn, fill.template, workspace)) continue;
            reported.add(fill.template);
            findings.push({
              code: 'CL003',
              severity: 'warning',
              message: `${fn.name} changes ${column} and deletes ${fill.template} for the new ${column} (${keys[0]!.parts[index]}), but ${fill.function.name} caches ${write.entityText} under ${fill.template} by ${column} (${basename(fill.path)}:${lineOf(fill.set.range)}): the key of the old ${column} is never deleted and keeps serving the old row ${staleFor(fill)}. Read the old ${column} before the write and delete its key too.`,
              path: file.path,
              range: keys[0]!.range,
              related: [
                { path: fill.path, range: fill.set.range, message: `${fill.function.name} caches ${write.entityText} by ${column} here` },
                { path: file.path, range: write.range, message: `${column} changes here` },
              ],
              fixes: [],
            });
            break;
          }
        }
      }
    }
    return findings;
  },
};
