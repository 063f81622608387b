/**
 * CL009: many keys written in a loop with one fixed TTL all expire in the same instant, and their
 * misses reach the database together. Jitter spreads them.
 */
import { isCacheOp } from '../facts';
import type { Finding } from '../findings';
import type { Rule } from '../rule';

/** A TTL that cannot differ between iterations: a number, or a constant's name. */
const isFixed = (ttl: string): boolean => /^\d+(\.\d+)?$/.test(ttl) || /^[A-Z][A-Z0-9_]*$/.test(ttl.split('.').at(-1)!);

export const fixedTtlInLoop: Rule = {
  code: 'CL009',
  name: 'fixed-ttl-in-loop',
  title: 'Many keys written with one fixed TTL',
  defaultSeverity: 'info',
  check({ file }) {
    const findings: Finding[] = [];
    for (const fn of file.functions) {
      for (const op of fn.operations.filter(isCacheOp)) {
        if (op.kind !== 'set' || !op.inLoop || op.ttl !== 'present' || op.ttlText === null || !isFixed(op.ttlText)) continue;
        if (!op.keys[0] || op.keys[0].template === null || !op.keys[0].template.includes('{}')) continue;
        findings.push({
          code: 'CL009',
          severity: 'info',
          message: `${fn.name} writes ${op.keys[0].template} in a loop with the same TTL (${op.ttlText}): every key expires in the same instant and their misses reach the database together. Add random jitter, for example up to 10% of the TTL.`,
          path: file.path,
          range: op.range,
          related: [],
          fixes: [],
        });
      }
    }
    return findings;
  },
};
