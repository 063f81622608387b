/**
 * CL007: a lock taken with SET NX and no expiry (held forever if its holder dies), and a lock
 * released with a plain DEL, which can delete a lock that expired and was taken by someone else.
 */
import { isCacheOp } from '../facts';
import type { Finding } from '../findings';
import type { Rule } from '../rule';

export const lockSafety: Rule = {
  code: 'CL007',
  name: 'lock-safety',
  title: 'A lock with no expiry, or released without checking its owner',
  defaultSeverity: 'warning',
  check({ file }) {
    const findings: Finding[] = [];
    for (const fn of file.functions) {
      const ops = fn.operations.filter(isCacheOp);
      for (const lock of ops) {
        if (lock.kind !== 'set' || !lock.onlyIfAbsent) continue;
        const key = lock.keys[0];
        const name = key?.template ?? key?.text ?? 'the lock';
        if (lock.ttl !== 'present') {
          findings.push({
            code: 'CL007',
            severity: 'warning',
            message: `${fn.name} takes the lock ${name} with SET NX and no expiry: if this process dies before releasing it, the lock is held forever. Add EX (longer than the work takes).`,
            path: file.path,
            range: lock.range,
            related: [],
            fixes: [],
          });
        } else {
          const release = ops.find((op) => op.kind === 'delete' && op.range.start > lock.range.start && op.keys.some((k) => (k.template ?? k.text) === (key?.template ?? key?.text)));
          if (!release) continue;
          findings.push({
            code: 'CL007',
            severity: 'warning',
            message: `${fn.name} releases the lock ${name} with a plain delete: if the lock expired while the work ran and another process took it, this deletes theirs. Release with a script that deletes only if the value is still this holder's token.`,
            path: file.path,
            range: release.range,
            related: [{ path: file.path, range: lock.range, message: 'the lock is taken here' }],
            fixes: [],
          });
        }
      }
    }
    return findings;
  },
};
