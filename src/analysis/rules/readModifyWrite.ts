/**
 * CL008: a GET of a key, then a SET of the same key to a value computed from what was read, with
 * nothing making the pair one step: two callers read the same value and one update is lost.
 */
import { isCacheOp, type CacheOp, type GuardKind, type KeyTemplate } from '../facts';
import type { Finding } from '../findings';
import type { Rule } from '../rule';
import { guarded } from './concurrency';
import { lineOf } from './invalidation';

/** A lock, or WATCH/MULTI, makes the read and the write one step. */
const ATOMIC: ReadonlySet<GuardKind> = new Set(['lock', 'transaction']);

const sameKey = (a: KeyTemplate | undefined, b: KeyTemplate | undefined): boolean => !!a && !!b && a.template === b.template && a.parts.length === b.parts.length && a.parts.every((part, i) => part === b.parts[i]);

/** The one-step alternative in the client's terms. */
function inOneStep(op: CacheOp): string {
  return op.client === 'django-cache' || op.client === 'flask-caching' || op.client === 'aiocache'
    ? `use ${op.receiver}.incr(...) or decr(...), which the Redis and Memcached backends run in one step, or hold a lock around the read and the write`
    : 'let Redis do it in one step: INCR/INCRBY (HINCRBY for a hash field), a Lua script, or WATCH/MULTI around the read and the write';
}

export const readModifyWrite: Rule = {
  code: 'CL008',
  name: 'read-modify-write',
  title: 'A value read from the cache, changed and written back without atomicity',
  defaultSeverity: 'warning',
  check({ file }) {
    const findings: Finding[] = [];
    for (const fn of file.functions) {
      const ops = fn.operations.filter(isCacheOp);
      for (const write of ops) {
        const value = write.value;
        if (write.kind !== 'set' || write.onlyIfAbsent || !value) continue;
        // The value is computed from the read: it uses what was read, and is not just that value set back (a TTL refresh).
        const read = ops.find((op) => op.kind === 'get' && op.assignedTo !== null && op.range.start < write.range.start && sameKey(op.keys[0], write.keys[0]) && value.names.includes(op.assignedTo) && value.text !== op.assignedTo);
        if (!read || guarded(fn, file, ATOMIC)) continue;
        const key = write.keys[0]!;
        const name = key.template ?? key.text;
        findings.push({
          code: 'CL008',
          severity: 'warning',
          message: `${fn.name} reads ${name} into ${read.assignedTo} (line ${lineOf(read.range)}) and sets it to ${value.text}: two callers that run this together read the same value and one update is lost. Instead, ${inOneStep(write)}.`,
          path: file.path,
          range: write.range,
          related: [{ path: file.path, range: read.range, message: `${name} is read here` }],
          fixes: [],
        });
      }
    }
    return findings;
  },
};
