/** CL005: a cache write that never expires, as each client spells "no expiry". */
import { isCacheOp, type CacheOp } from '../facts';
import { inFile } from '../edits';
import type { Finding, Fix } from '../findings';
import type { LanguageSupport } from '../languages/language';
import type { Rule } from '../rule';

const DEFAULT_TTL_SECONDS = 300;

function howItSaysNoExpiry(op: CacheOp): string {
  switch (op.client) {
    case 'django-cache':
      return 'timeout=None keeps it forever';
    case 'flask-caching':
      return 'a timeout of 0 or None keeps it forever';
    case 'go-redis':
      return 'an expiration of 0 keeps it forever';
    default:
      return `${op.method} without an expiry keeps it forever`;
  }
}

/** Five minutes with up to 10% jitter: a starting point the user tunes, not a recommendation. */
function expiryFix(path: string, op: CacheOp, text: string, language: LanguageSupport): Fix[] {
  const jittered = language.jitter(language.ttlExpression(op, DEFAULT_TTL_SECONDS), text);
  const edits = language.expiryEdits(op, jittered.expression, text);
  return edits ? [{ title: 'Expire after 5 minutes, with up to 10% jitter', edits: inFile(path, [...edits, ...jittered.edits]) }] : [];
}

export const noTtl: Rule = {
  code: 'CL005',
  name: 'no-ttl',
  title: 'A cache write with no expiry',
  defaultSeverity: 'warning',
  check({ file, text, language }) {
    const findings: Finding[] = [];
    for (const fn of file.functions) {
      for (const op of fn.operations.filter(isCacheOp)) {
        // Locks without expiry are CL007's.
        if (op.kind !== 'set' || op.ttl !== 'none' || op.onlyIfAbsent) continue;
        const key = op.keys[0]?.template ?? op.keys[0]?.text ?? 'the key';
        findings.push({
          code: 'CL005',
          severity: 'warning',
          message: `${fn.name} caches ${key} with no TTL: ${howItSaysNoExpiry(op)}, so a missed invalidation is never healed and memory only grows. Give it a TTL, with jitter if many keys are written together.`,
          path: file.path,
          range: op.range,
          related: [],
          fixes: expiryFix(file.path, op, text, language),
        });
      }
    }
    return findings;
  },
};
