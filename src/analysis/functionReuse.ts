/**
 * Function facts kept between analyses of one file, by top-level statement: a statement whose
 * text, and the text before it on its line, are unchanged, in an unchanged file context, gets the
 * facts it had, moved to where it now is, instead of being read from its syntax again. While
 * someone types in a large file, only the statement they type in is read again.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { FunctionFacts, SourceRange } from './facts';

interface Kept {
  readonly start: number;
  readonly line: number;
  readonly functions: readonly FunctionFacts[];
}

const isRange = (value: object): value is SourceRange => typeof (value as SourceRange).start === 'number' && typeof (value as SourceRange).startLine === 'number' && typeof (value as SourceRange).endLine === 'number';

/** A copy of `value` with every source range in it moved by `offset` characters and `lines` lines (columns stay: the statement's line starts the same). */
function moved<T>(value: T, offset: number, lines: number): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => moved(item, offset, lines)) as T;
  const fields = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const name in fields) copy[name] = moved(fields[name], offset, lines);
  if (isRange(value)) Object.assign(copy, { start: value.start + offset, end: value.end + offset, startLine: value.startLine + lines, endLine: value.endLine + lines });
  return copy as T;
}

export class FunctionReuse {
  private context = '';
  private kept = new Map<string, Kept>();

  /**
   * The facts of `functions` (every function node of `root`, in source order) from `extract`, or
   * kept from the last call for the top-level statements that are unchanged. `context` names all
   * outside a statement that its functions' facts depend on (the file's clients and key helpers):
   * when it changes, nothing is kept.
   */
  functions(root: Node, text: string, context: string, functions: readonly Node[], extract: (fn: Node) => FunctionFacts): FunctionFacts[] {
    if (context !== this.context) this.kept.clear();
    this.context = context;
    const next = new Map<string, Kept>();
    const all: FunctionFacts[] = [];
    let index = 0;
    for (const statement of root.namedChildren) {
      if (!statement) continue;
      const start = statement.startIndex;
      const end = statement.endIndex;
      const inside: Node[] = [];
      while (index < functions.length && functions[index]!.startIndex < end) inside.push(functions[index++]!);
      const line = statement.startPosition.row;
      const key = `${text.slice(text.lastIndexOf('\n', start - 1) + 1, start)}\u0000${statement.text}`;
      const kept = next.get(key) ?? this.kept.get(key);
      const facts = !kept ? inside.map(extract) : kept.start === start && kept.line === line ? kept.functions : moved(kept.functions, start - kept.start, line - kept.line);
      if (!next.has(key)) next.set(key, { start, line, functions: facts });
      for (const fn of facts) all.push(fn);
    }
    for (const fn of functions.slice(index)) all.push(extract(fn));
    this.kept = next;
    return all;
  }
}
