/**
 * CL007: a lock taken with SET NX and no expiry (held forever if its holder dies), a wait for it
 * with no bound, and a lock released with a plain DEL, which can delete a lock that expired and
 * was taken by someone else.
 */
import { inFile } from '../edits';
import { isCacheOp, isCallSite, type CacheOp, type SourceRange } from '../facts';
import type { Finding, Fix } from '../findings';
import type { LanguageSupport } from '../languages/language';
import type { Rule } from '../rule';

/** An expiry well beyond most critical sections; the message asks for one longer than the work. */
const LOCK_TTL_SECONDS = 30;
const BOUND_PARAMETER = /attempt|retr(y|ies)|tries|deadline|timeout|remaining|depth/i;
/** What an unbounded wait costs, and the way out: said the same whether or not the lock also lacks an expiry. */
const SPINNING = 'so while another holder keeps it every caller spins here, holding a worker and hammering Redis. Give up after a deadline or a number of attempts, with backoff';

function lockExpiryFix(path: string, lock: CacheOp, text: string, language: LanguageSupport): Fix[] {
  const edits = language.expiryEdits(lock, language.ttlExpression(lock, LOCK_TTL_SECONDS), text);
  return edits ? [{ title: `Expire the lock after ${LOCK_TTL_SECONDS} seconds`, edits: inFile(path, edits) }] : [];
}

export const lockSafety: Rule = {
  code: 'CL007',
  name: 'lock-safety',
  title: 'A lock with no expiry, waited for without a bound, or released without checking its owner',
  defaultSeverity: 'warning',
  check({ file, text, language }) {
    const findings: Finding[] = [];
    const finding = (message: string, range: SourceRange, related: Finding['related'], fixes: Fix[]): Finding => ({ code: 'CL007', severity: 'warning', message, path: file.path, range, related, fixes });
    for (const fn of file.functions) {
      const ops = fn.operations.filter(isCacheOp);
      const calls = fn.operations.filter(isCallSite);
      const baseName = fn.name.split('.').at(-1)!;
      // Recursion is bounded when an argument counts attempts or carries a deadline.
      const recursesWithoutBound = calls.some((call) => call.name === baseName) && !fn.parameters.some((p) => BOUND_PARAMETER.test(p));
      for (const lock of ops) {
        if (lock.kind !== 'set' || !lock.onlyIfAbsent) continue;
        const key = lock.keys[0];
        const name = key?.template ?? key?.text ?? 'the lock';
        const waitsForever = lock.retriedUntilSuccess ? 'retries it in a loop with no deadline or attempt limit' : recursesWithoutBound ? 'retries it by calling itself with no attempt limit' : null;
        const wait = waitsForever ? `; and it ${waitsForever}, ${SPINNING}` : '';
        if (lock.ttl !== 'present') {
          findings.push(finding(`${fn.name} takes the lock ${name} with SET NX and no expiry: if this process dies before releasing it, the lock is held forever${wait}. Add EX (longer than the work takes).`, lock.range, [], lockExpiryFix(file.path, lock, text, language)));
          continue;
        }
        if (waitsForever) findings.push(finding(`${fn.name} waits for the lock ${name} without a bound: it ${waitsForever}, ${SPINNING}.`, lock.range, [], []));
        const release = ops.find((op) => op.kind === 'delete' && op.range.start > lock.range.start && op.keys.some((k) => (k.template ?? k.text) === (key?.template ?? key?.text)));
        if (release) {
          findings.push(finding(`${fn.name} releases the lock ${name} with a plain delete: if the lock expired while the work ran and another process took it, this deletes theirs. Release with a script that deletes only if the value is still this holder's token.`, release.range, [{ path: file.path, range: lock.range, message: 'the lock is taken here' }], []));
        }
      }
    }
    return findings;
  },
};
