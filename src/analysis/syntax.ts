/** Small helpers over tree-sitter nodes shared by the languages. */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { FunctionFacts, KeyShape, Operation, SourceRange } from './facts';

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

/** `left + right` of two key pieces: a piece that is not itself a template becomes one hole. */
export function concatenated(left: Node, a: KeyShape, right: Node, b: KeyShape): KeyShape {
  return { template: (a.template ?? '{}') + (b.template ?? '{}'), parts: [...(a.template === null ? [left.text] : a.parts), ...(b.template === null ? [right.text] : b.parts)] };
}

/** How a grammar spells loops and their ways out, to tell a retry loop that never gives up. */
export interface LoopSyntax {
  readonly functions: ReadonlySet<string>;
  readonly loops: ReadonlySet<string>;
  /** A loop with no condition that can end it: `while True:`, `while (true)`, `for (;;)`, Go's `for {}`. */
  endless(loop: Node): boolean;
  /** Statements that leave a loop: break, return, raise or throw. */
  readonly exits: ReadonlySet<string>;
  /** Conditionals, whose `condition` field is tested. */
  readonly conditionals: ReadonlySet<string>;
}

/**
 * Whether `call` is retried until it succeeds: it sits in an endless loop, or one whose condition
 * is the call (`while not r.set(..., nx=True)`), and every way out is in a branch testing the call
 * (or the names its statement assigns), so nothing else ends it.
 */
export function retriedUntilSuccess(call: Node, statement: Node, syntax: LoopSyntax): boolean {
  let loop: Node | null = null;
  for (let current = call.parent; current && !syntax.functions.has(current.type) && !loop; current = current.parent) if (syntax.loops.has(current.type)) loop = current;
  if (!loop) return false;
  const contains = (outer: Node): boolean => outer.startIndex <= call.startIndex && call.endIndex <= outer.endIndex;
  const loopCondition = loop.childForFieldName('condition');
  if (!syntax.endless(loop) && !(loopCondition && contains(loopCondition))) return false;
  const assigned = /^\s*(?:const|let|var)?\s*([\w\s,]+?)\s*:?=[^=]/.exec(statement.text)?.[1]?.split(',').map((name) => name.trim()).filter((name) => name && name !== '_') ?? [];
  const testsCall = (conditional: Node): boolean => {
    // The call in the condition, or in Go's `if ok, _ := ...; ok` initializer: before the branch.
    const consequence = conditional.childForFieldName('consequence');
    if (contains(conditional) && (!consequence || call.endIndex <= consequence.startIndex)) return true;
    const condition = conditional.childForFieldName('condition');
    return !!condition && assigned.some((name) => new RegExp(`\\b${name}\\b`).test(condition.text));
  };
  return descendants(loop, syntax.exits, syntax.functions).every((exit) => {
    for (let current = exit.parent; current && current.id !== loop.id; current = current.parent) if (syntax.conditionals.has(current.type) && testsCall(current)) return true;
    return false;
  });
}

/** How a language with `binary_expression` concatenation reduces its own key forms. */
export interface KeyForms {
  /** Strips wrappers that do not change the value (parentheses, type assertions). */
  unwrap(node: Node): Node;
  /** The language's literal and formatting forms, or null for anything else. */
  template(node: Node): KeyShape | null;
}

/** A key expression: the language's own forms, `+` concatenation, and locals assigned once (two deep). */
export function binaryKeyTemplate(raw: Node, locals: ReadonlyMap<string, Node>, forms: KeyForms, depth = 0): KeyShape {
  const node = forms.unwrap(raw);
  const direct = forms.template(node);
  if (direct) return direct;
  if (node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '+') {
    const left = node.childForFieldName('left')!;
    const right = node.childForFieldName('right')!;
    return concatenated(left, binaryKeyTemplate(left, locals, forms, depth), right, binaryKeyTemplate(right, locals, forms, depth));
  }
  if (node.type === 'identifier' && depth < 2) {
    const assigned = locals.get(node.text);
    if (assigned) return binaryKeyTemplate(assigned, locals, forms, depth + 1);
  }
  return { template: null, parts: [node.text] };
}

/** A function's facts once its language has found its name, parameters, body statements and operations. */
export function functionFacts(fn: Node, facts: Pick<FunctionFacts, 'name' | 'parameters' | 'indent'>, statements: readonly Node[], operations: readonly Operation[]): FunctionFacts {
  return {
    ...facts,
    range: rangeOf(fn),
    nameRange: rangeOf(fn.childForFieldName('name') ?? fn),
    bodyStatements: statements.map(rangeOf),
    operations,
  };
}
