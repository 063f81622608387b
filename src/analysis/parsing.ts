/**
 * Tree-sitter through @vscode/tree-sitter-wasm: the runtime is initialised once, each grammar is
 * loaded on first use, and one parser per grammar is kept for reuse.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Language, Parser, type Tree } from '@vscode/tree-sitter-wasm';

export class Grammars {
  private ready: Promise<void> | undefined;
  private readonly parsers = new Map<string, Promise<Parser>>();

  /** `directory` holds tree-sitter.wasm and the grammars' .wasm files. */
  constructor(private readonly directory: string) {}

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

  async parse(grammar: string, text: string, previous?: Tree): Promise<Tree> {
    const tree = (await this.parser(grammar)).parse(text, previous);
    if (!tree) throw new Error(`tree-sitter could not parse with ${grammar}`);
    return tree;
  }
}
