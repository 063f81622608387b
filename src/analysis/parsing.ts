/**
 * Tree-sitter through @vscode/tree-sitter-wasm: the runtime is initialised once, each grammar is
 * loaded on first use, and one parser per grammar is kept for reuse.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Language, Parser, type Point, type Tree } from '@vscode/tree-sitter-wasm';
import type { SourceRange } from './facts';

/**
 * One change to a file's text as an editor reports it: the span it replaced, in the text before
 * the change (offsets, lines and columns in UTF-16 code units, as JavaScript strings count them,
 * which is also what tree-sitter is given), and the text put there. A list of changes applies in
 * order, each to the text the one before it left.
 */
export interface TextChange {
  readonly range: SourceRange;
  readonly text: string;
}

/** The text after `changes`, or null when one of them does not fit the text it applies to. */
export function applyChanges(text: string, changes: readonly TextChange[]): string | null {
  let result = text;
  for (const { range, text: inserted } of changes) {
    if (!(range.start >= 0 && range.start <= range.end && range.end <= result.length)) return null;
    result = result.slice(0, range.start) + inserted + result.slice(range.end);
  }
  return result;
}

/** Where `text` ends when it starts at `start`. */
function endOf(start: Point, text: string): Point {
  const lastNewline = text.lastIndexOf('\n');
  if (lastNewline === -1) return { row: start.row, column: start.column + text.length };
  let rows = 0;
  for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', newline + 1)) rows++;
  return { row: start.row + rows, column: text.length - lastNewline - 1 };
}

/** Tells a copy of `tree` about `changes`, so that parsing the changed text with it reuses what they left alone. */
export function editedTree(tree: Tree, changes: readonly TextChange[]): Tree {
  const edited = tree.copy();
  for (const { range, text } of changes) {
    const startPosition = { row: range.startLine, column: range.startColumn };
    edited.edit({
      startIndex: range.start,
      oldEndIndex: range.end,
      newEndIndex: range.start + text.length,
      startPosition,
      oldEndPosition: { row: range.endLine, column: range.endColumn },
      newEndPosition: endOf(startPosition, text),
    });
  }
  return edited;
}

export class Grammars {
  private ready: Promise<void> | undefined;
  private readonly parsers = new Map<string, Promise<Parser>>();

  /** `directory` holds tree-sitter.wasm and the grammars' .wasm files. */
  constructor(readonly directory: string) {}

  private init(): Promise<void> {
    this.ready ??= Parser.init({ locateFile: (file: string) => join(this.directory, file) });
    return this.ready;
  }

  /** A parser for the grammar file, created once. */
  parser(grammar: string): Promise<Parser> {
    let parser = this.parsers.get(grammar);
    if (!parser) {
      parser = (async () => {
        await this.init();
        const language = await Language.load(new Uint8Array(await readFile(join(this.directory, grammar))));
        const created = new Parser();
        created.setLanguage(language);
        return created;
      })();
      this.parsers.set(grammar, parser);
    }
    return parser;
  }

  /** Parses `text`; with `previous` (a tree of the text before, edited to match), only what changed is parsed again. */
  async parse(grammar: string, text: string, previous?: Tree): Promise<Tree> {
    const tree = (await this.parser(grammar)).parse(text, previous);
    if (!tree) throw new Error(`tree-sitter could not parse with ${grammar}`);
    return tree;
  }
}
