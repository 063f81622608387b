/** CL006: KEYS, or FLUSHALL / FLUSHDB, in application code: one blocks Redis, the other empties it. */
import { isCacheOp } from '../facts';
import type { Finding } from '../findings';
import type { Rule } from '../rule';

export const keysOrFlush: Rule = {
  code: 'CL006',
  name: 'keys-or-flush',
  title: 'KEYS or a whole-cache flush in application code',
  defaultSeverity: 'warning',
  check({ file }) {
    if (/(^|[\\/])(tests?|__tests__|spec)[\\/]|[._-](test|spec)\.[a-z]+$|(^|[\\/])test_[^\\/]*$/i.test(file.path)) return [];
    const findings: Finding[] = [];
    for (const fn of file.functions) {
      for (const op of fn.operations.filter(isCacheOp)) {
        if (op.kind === 'keys') {
          findings.push({
            code: 'CL006',
            severity: 'warning',
            message: `${fn.name} calls KEYS ${op.keys[0]?.text ?? ''}: it walks the whole keyspace in one blocking command, stalling every other client while it runs. Use SCAN in batches (and UNLINK to delete).`,
            path: file.path,
            range: op.range,
            related: [],
            fixes: [],
          });
        } else if (op.kind === 'flush' && op.client !== 'lru-cache' && op.client !== 'caffeine') {
          findings.push({
            code: 'CL006',
            severity: 'warning',
            message: `${fn.name} empties the whole cache (${op.method}): every key of every feature is gone at once and the database takes the full load. Delete the keys this code owns instead.`,
            path: file.path,
            range: op.range,
            related: [],
            fixes: [],
          });
        }
      }
    }
    return findings;
  },
};
