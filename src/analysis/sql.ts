/** Finds what an SQL statement reads or writes, from its text: enough to name the table, and the columns it assigns and looks up by. */
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

/** A column a statement assigns or compares for equality, and which bound argument (counting from 0) gives its value. */
export interface SqlColumn {
  /** Lower case, without its table or quotes. */
  readonly column: string;
  /** Null when the value is anything but one placeholder (`%s`, `?`, `$2`). */
  readonly argument: number | null;
}

export interface SqlColumns {
  /** An UPDATE's SET. */
  readonly assigns: readonly SqlColumn[];
  /** The top-level WHERE's equalities, when its conditions are joined by AND alone. */
  readonly filters: readonly SqlColumn[];
}

const COLUMN_EQUALS = /^\s*(?:[`"[]?\w+[`"\]]?\.)?[`"[]?([A-Za-z_]\w*)[`"\]]?\s*=(?!=)/;
const SET_END = /\b(?:WHERE|RETURNING|FROM)\b|;/i;
const WHERE_END = /\b(?:RETURNING|ORDER\s+BY|GROUP\s+BY|HAVING|LIMIT|OFFSET|FOR\s+UPDATE|UNION|EXCEPT|INTERSECT)\b|;/i;

/** Blanks string literals, keeping every offset. */
function blankStrings(text: string): string {
  return text.replace(/'(?:[^']|'')*'/g, (literal) => ' '.repeat(literal.length));
}

/** Blanks everything in parentheses, keeping every offset, so only the statement's top level is left. */
function blankParentheses(text: string): string {
  let depth = 0;
  let result = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    result += depth > 0 ? ' ' : text[i];
    if (text[i] === ')' && depth > 0) depth--;
  }
  return result;
}

type Slots = Map<number, { end: number; argument: number }>;

/** Each placeholder by offset: where it ends and which argument it takes (`$n` says; `%s` and `?` count in order). */
function placeholders(text: string): Slots {
  const found: Slots = new Map();
  let next = 0;
  for (const match of text.matchAll(/\$(\d+)|%s|\?/g)) found.set(match.index, { end: match.index + match[0].length, argument: match[1] ? Number(match[1]) - 1 : next++ });
  return found;
}

/** `column = value` pieces of `topLevel` between `start` and `end`, split by `separator`. */
function columnValues(text: string, topLevel: string, slots: Slots, start: number, end: number, separator: RegExp): SqlColumn[] {
  const pieces: [number, number][] = [];
  let from = start;
  for (const match of topLevel.slice(start, end).matchAll(separator)) {
    pieces.push([from, start + match.index]);
    from = start + match.index + match[0].length;
  }
  pieces.push([from, end]);
  return pieces.flatMap(([pieceStart, pieceEnd]) => {
    const match = COLUMN_EQUALS.exec(topLevel.slice(pieceStart, pieceEnd));
    if (!match) return [];
    const value = text.slice(pieceStart + match[0].length, pieceEnd);
    const valueStart = pieceStart + match[0].length + (value.length - value.trimStart().length);
    const slot = slots.get(valueStart);
    return [{ column: match[1]!.toLowerCase(), argument: slot && slot.end - valueStart === value.trim().length ? slot.argument : null }];
  });
}

/** The columns an UPDATE's SET assigns and its WHERE (or a SELECT's or DELETE's) compares, with their placeholders. */
export function sqlColumns(sql: string, verb: DbVerb): SqlColumns {
  const text = blankStrings(sql);
  const topLevel = blankParentheses(text);
  const slots = placeholders(text);
  const clauseEnd = (start: number, end: RegExp): number => {
    const found = topLevel.slice(start).search(end);
    return found < 0 ? topLevel.length : start + found;
  };
  const set = verb === 'update' ? /\bSET\b/i.exec(topLevel) : null;
  const setStart = set ? set.index + set[0].length : 0;
  const where = /\bWHERE\b/i.exec(topLevel);
  const whereStart = where ? where.index + where[0].length : 0;
  const whereEnd = clauseEnd(whereStart, WHERE_END);
  return {
    assigns: set ? columnValues(text, topLevel, slots, setStart, clauseEnd(setStart, SET_END), /,/g) : [],
    filters: where && !/\bOR\b/i.test(topLevel.slice(whereStart, whereEnd)) ? columnValues(text, topLevel, slots, whereStart, whereEnd, /\bAND\b/gi) : [],
  };
}
