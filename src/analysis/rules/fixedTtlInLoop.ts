/**
 * CL009: many keys written in a loop with one fixed TTL all expire in the same instant, and their
 * misses reach the database together. Jitter spreads them.
 */
import { inFile } from '../edits';
import { isCacheOp, type SourceRange } from '../facts';
import type { Finding, Fix } from '../findings';
import type { LanguageSupport } from '../languages/language';
import type { Rule } from '../rule';

const GO_DURATION_UNIT = /^time\.(Nanosecond|Microsecond|Millisecond|Second|Minute|Hour)$/;
const JAVA_DURATION = /^Duration\.of(Nanos|Millis|Seconds|Minutes|Hours|Days)$/;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The value a `const` declares for `name` in the file (`const TTL = 600`, or a line of Go's `const ( ... )`). */
function constantValue(name: string, text: string): string | null {
  // Only a plain name can be declared: `random.randint` would cost a search of the whole file for nothing.
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return null;
  const declaration = `${escapeRegExp(name)}(?:\\s*:\\s*\\w+|\\s+[\\w.]+)?\\s*=\\s*([^\\n;]+)`;
  const single = new RegExp(`^\\s*(?:export\\s+)?const\\s+${declaration}`, 'm').exec(text);
  if (single) return single[1]!;
  for (const block of text.matchAll(/^const \(\n([\s\S]*?)^\)/gm)) {
    const line = new RegExp(`^\\s*${declaration}`, 'm').exec(block[1]!);
    if (line) return line[1]!;
  }
  return null;
}

/** A TTL that cannot differ between iterations: numbers, upper-case constants, Go's time units, Java's Durations of those, and consts of those. */
function isFixed(ttl: string, text: string, depth = 0): boolean {
  const isConstant = (token: string): boolean => {
    if (/^\d+(\.\d+)?[lL]?$/.test(token.replace(/_/g, '')) || /^[A-Z][A-Z0-9_]*$/.test(token.split('.').at(-1)!) || GO_DURATION_UNIT.test(token) || JAVA_DURATION.test(token)) return true;
    const value = depth < 2 ? constantValue(token, text) : null;
    return value !== null && isFixed(value, text, depth + 1);
  };
  const tokens = ttl.split(/[\s*+\-/()]+/).filter(Boolean);
  return tokens.length > 0 && tokens.every(isConstant);
}

function jitterFix(path: string, ttlRange: SourceRange, ttl: string, text: string, language: LanguageSupport): Fix {
  const jittered = language.jitter(ttl, text);
  return { title: 'Add up to 10% random jitter to the TTL', edits: inFile(path, [{ range: ttlRange, newText: jittered.expression }, ...jittered.edits]) };
}

export const fixedTtlInLoop: Rule = {
  code: 'CL009',
  name: 'fixed-ttl-in-loop',
  title: 'Many keys written with one fixed TTL',
  defaultSeverity: 'info',
  check({ file, text, language, workspace }) {
    const findings: Finding[] = [];
    for (const fn of file.functions) {
      for (const op of fn.operations.filter(isCacheOp)) {
        if (op.kind !== 'set' || !op.inLoop || op.ttl !== 'present' || op.ttlText === null || !isFixed(op.ttlText, text)) continue;
        const key = op.keys[0] ? workspace.keyOf(op.keys[0]).template : null;
        if (key === null || !key.includes('{}')) continue;
        findings.push({
          code: 'CL009',
          severity: 'info',
          message: `${fn.name} writes ${key} in a loop with the same TTL (${op.ttlText}): every key expires in the same instant and their misses reach the database together. Add random jitter, for example up to 10% of the TTL.`,
          path: file.path,
          range: op.range,
          related: [],
          fixes: op.ttlRange ? [jitterFix(file.path, op.ttlRange, op.ttlText, text, language)] : [],
        });
      }
    }
    return findings;
  },
};
