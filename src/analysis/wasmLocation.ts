/** Where the tree-sitter runtime and grammars are: next to the bundle (dist/wasm), or in node_modules when run from source. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function findWasmDirectory(from: string): string {
  for (let directory = from; ; directory = dirname(directory)) {
    for (const candidate of [join(directory, 'wasm'), join(directory, 'dist', 'wasm'), join(directory, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm')]) {
      if (existsSync(join(candidate, 'tree-sitter.wasm'))) return candidate;
    }
    if (dirname(directory) === directory) throw new Error(`cannot find tree-sitter.wasm near ${from}: rebuild with npm run build`);
  }
}
