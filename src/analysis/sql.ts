/** Finds what an SQL statement reads or writes, from its text: enough to name the table. */
import type { DbVerb } from './facts';

const IDENT = '[`"\\[]?([A-Za-z_][\\w$]*)[`"\\]]?(?:\\.[`"\\[]?([A-Za-z_][\\w$]*)[`"\\]]?)?';
const PATTERNS: readonly [DbVerb, RegExp][] = [
  ['update', new RegExp(`^\\s*(?:WITH\\b[\\s\\S]*?\\)\\s*)?UPDATE\\s+(?:ONLY\\s+)?${IDENT}`, 'i')],
  ['delete', new RegExp(`^\\s*(?:WITH\\b[\\s\\S]*?\\)\\s*)?DELETE\\s+FROM\\s+(?:ONLY\\s+)?${IDENT}`, 'i')],
  ['insert', new RegExp(`^\\s*(?:WITH\\b[\\s\\S]*?\\)\\s*)?(?:INSERT|REPLACE|UPSERT)\\s+(?:OR\\s+\\w+\\s+)?INTO\\s+${IDENT}`, 'i')],
  ['select', new RegExp(`^\\s*(?:WITH\\b[\\s\\S]*?\\)\\s*)?SELECT\\b[\\s\\S]*?\\bFROM\\s+${IDENT}`, 'i')],
];

export interface SqlTarget {
  readonly verb: DbVerb;
  readonly table: string;
}

/** The verb and table of an SQL statement, or null when the text is not one it recognises. */
export function sqlTarget(text: string): SqlTarget | null {
  for (const [verb, pattern] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return { verb, table: match[2] ?? match[1]! };
  }
  return null;
}

/** `users`, `Users`, `user` and `User` are one entity: lower case, singular. */
export function entityName(name: string): string {
  const lower = name.toLowerCase().replace(/[^a-z0-9_]/g, '');
  if (lower.endsWith('ies') && lower.length > 4) return `${lower.slice(0, -3)}y`;
  if (/(ss|us)$/.test(lower)) return lower;
  if (lower.endsWith('ses') || lower.endsWith('xes') || lower.endsWith('ches') || lower.endsWith('shes')) return lower.slice(0, -2);
  if (lower.endsWith('s') && lower.length > 3) return lower.slice(0, -1);
  return lower;
}
