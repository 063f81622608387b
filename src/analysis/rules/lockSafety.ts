/**
 * CL007: a lock taken with SET NX and no expiry (held forever if its holder dies), and a lock
 * released with a plain DEL, which can delete a lock that expired and was taken by someone else.
 */
import { inFile } from '../edits';
import { isCacheOp, type CacheOp } from '../facts';
import type { Finding, Fix } from '../findings';
import type { LanguageSupport } from '../languages/language';
import type { Rule } from '../rule';

/** An expiry well beyond most critical sections; the message asks for one longer than the work. */
const LOCK_TTL_SECONDS = 30;

function lockExpiryFix(path: string, lock: CacheOp, text: string, language: LanguageSupport): Fix[] {
  const edits = language.expiryEdits(lock, language.ttlExpression(lock, LOCK_TTL_SECONDS), text);
  return edits ? [{ title: `Expire the lock after ${LOCK_TTL_SECONDS} seconds`, edits: inFile(path, edits) }] : [];
}

export const lockSafety: Rule = {
  code: 'CL007',
  name: 'lock-safety',
  title: 'A lock with no expiry, or released without checking its owner',
  defaultSeverity: 'warning',
  check({ file, text, language }) {
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
            fixes: lockExpiryFix(file.path, lock, text, language),
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
