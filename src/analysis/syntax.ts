/** Small helpers over tree-sitter nodes shared by the languages. */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { SourceRange } from './facts';

export function rangeOf(node: Node): SourceRange {
  return {
    start: node.startIndex,
    end: node.endIndex,
    startLine: node.startPosition.row,
    startColumn: node.startPosition.column,
    endLine: node.endPosition.row,
    endColumn: node.endPosition.column,
  };
}

/** Every descendant of `node` (itself included) of one of `types`, in source order, not entering `stopAt` types below the root. */
export function descendants(node: Node, types: ReadonlySet<string>, stopAt: ReadonlySet<string> = new Set()): Node[] {
  const found: Node[] = [];
  const visit = (current: Node, isRoot: boolean): void => {
    if (!isRoot && stopAt.has(current.type)) return;
    if (types.has(current.type)) found.push(current);
    for (const child of current.namedChildren) if (child) visit(child, false);
  };
  visit(node, true);
  return found;
}

/** The nearest ancestor (or the node itself) whose parent is `container`. */
export function childOfContainer(node: Node, container: Node): Node | null {
  let current: Node | null = node;
  while (current && current.parent && current.parent.id !== container.id) current = current.parent;
  return current && current.parent?.id === container.id ? current : null;
}

/** The indentation of the line `node` starts on. */
export function lineIndent(text: string, node: Node): string {
  const lineStart = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}
