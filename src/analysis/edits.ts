/** Text edits for quick fixes, computed from a file's text and the ranges in its facts. */
import type { CacheOp, SourceRange } from './facts';
import { pointRange, type TextEdit } from './findings';

/** An edit in the file being analysed (the rule adds the path). */
export type SourceEdit = Omit<TextEdit, 'path'>;

/** An empty range at `offset`, with its zero-based line and column. */
export function pointAt(text: string, offset: number): SourceRange {
  let line = 0;
  for (let newline = text.indexOf('\n'); newline !== -1 && newline < offset; newline = text.indexOf('\n', newline + 1)) line++;
  return pointRange(offset, line, offset - (text.lastIndexOf('\n', offset - 1) + 1));
}

export const inFile = (path: string, edits: readonly SourceEdit[]): TextEdit[] => edits.map((edit) => ({ ...edit, path }));

export const insertAt = (text: string, offset: number, newText: string): SourceEdit => ({ range: pointAt(text, offset), newText });

/** Adds `argument` after the call's last argument; null when the call does not end with `)`. */
export function appendArgument(call: SourceRange, text: string, argument: string): SourceEdit | null {
  const close = call.end - 1;
  if (text[close] !== ')') return null;
  const before = text.slice(call.start, close).trimEnd();
  const separator = before.endsWith('(') ? '' : before.endsWith(',') ? ' ' : ', ';
  return insertAt(text, before.length + call.start, separator + argument);
}

/** Adds `property` to the options object the call ends with, or passes `{ property }` as a new last argument. */
export function appendOption(call: SourceRange, text: string, property: string): SourceEdit | null {
  const close = call.end - 1;
  if (text[close] !== ')') return null;
  const before = text.slice(call.start, close).trimEnd();
  if (!before.endsWith('}')) return appendArgument(call, text, `{ ${property} }`);
  const inside = text.slice(call.start, call.start + before.length - 1).trimEnd();
  return insertAt(text, call.start + inside.length, inside.endsWith('{') || inside.endsWith(',') ? ` ${property}` : `, ${property}`);
}

/** Renames the method `op` calls (`setnx` to `set`); null when its name cannot be found before the key. */
export function renameMethod(op: CacheOp, text: string, name: string): SourceEdit | null {
  const keyStart = op.keys[0]?.range.start ?? op.range.end;
  const at = text.lastIndexOf(op.method, keyStart);
  if (at < op.range.start) return null;
  const start = pointAt(text, at);
  return { range: { ...start, end: at + op.method.length, endColumn: start.startColumn + op.method.length }, newText: name };
}

/** Whether `ttl` is a plain number, so a fix can compute its tenth instead of writing the division. */
export const numericTtl = (ttl: string): number | null => (/^\d+$/.test(ttl.replace(/_/g, '')) ? Number(ttl.replace(/_/g, '')) : null);

/**
 * A write's expiry: replaces the argument that says there is none, or adds one with `append`;
 * a SETNX becomes a SET whose added options carry NX (`append` is told so).
 */
export function expiryEdits(op: CacheOp, ttl: string, text: string, append: (setnx: boolean) => SourceEdit | null): SourceEdit[] | null {
  if (op.ttlRange) return [{ range: op.ttlRange, newText: ttl }];
  const setnx = /^setnx$/i.test(op.method);
  const rename = setnx ? renameMethod(op, text, 'set') : null;
  const added = append(setnx);
  if ((setnx && !rename) || !added) return null;
  return rename ? [rename, added] : [added];
}
