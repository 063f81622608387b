/** Small helpers over tree-sitter nodes shared by the languages. */
import type { Language, Node, Tree } from '@vscode/tree-sitter-wasm';
import type { Expression, FunctionFacts, KeyShape, KeyTemplate, Operation, SourceRange } from './facts';

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

/** The empty range where `node` starts, or where it ends. */
export function edgeOf(node: Node, edge: 'start' | 'end'): SourceRange {
  const range = rangeOf(node);
  return edge === 'start' ? { ...range, end: range.start, endLine: range.startLine, endColumn: range.startColumn } : { ...range, start: range.end, startLine: range.endLine, startColumn: range.endColumn };
}

interface Walk {
  readonly tree: Tree;
  readonly root: number;
  readonly stopKey: string;
  /** The types walked for, and the named nodes of those types, in source order. */
  readonly types: ReadonlySet<string>;
  readonly nodes: readonly { readonly node: Node; readonly type: string }[];
}

/** The types asked of a kind of root (its type, and the stop types given), so that one walk answers every question asked of such a root. */
const typesAsked = new Map<string, Set<string>>();
/** The last walks: a function's body is asked for its calls, then its assignments, then again for each call. */
const recentWalks: Walk[] = [];
const RECENT_WALKS = 8;
const setKeys = new WeakMap<ReadonlySet<string>, string>();
/** Per grammar, the type of each named symbol, and null for the others: one call across for a node's symbol instead of two for its type and whether it is named. */
const namedTypes = new WeakMap<Language, (string | null)[]>();

function namedType(node: Node): string | null {
  const language = node.tree.language;
  const types = namedTypes.get(language) ?? namedTypes.set(language, []).get(language)!;
  const id = node.typeId;
  let type = types[id];
  if (type === undefined) types[id] = type = language.nodeTypeIsNamed(id) ? (language.types[id] ?? 'ERROR') : null;
  return type;
}

function setKey(types: ReadonlySet<string>): string {
  let key = setKeys.get(types);
  if (key === undefined) setKeys.set(types, (key = [...types].sort().join(' ')));
  return key;
}

/**
 * Named nodes in the subtree of `root` (itself included) of `types`, `stopAt` and the other types
 * asked of such roots before (but ERROR, which tree-sitter's walk cannot look for). Tree-sitter
 * walks in WebAssembly: one call, where a walk in JavaScript crosses over for every node (and
 * recursion overflows the stack on deep nesting), and a walk costs about the same whatever types
 * it looks for, so one walk answers them all.
 */
function walk(root: Node, types: ReadonlySet<string>, stopAt: ReadonlySet<string>): Walk {
  const stopKey = setKey(stopAt);
  const recent = recentWalks.find((w) => w.root === root.id && w.tree === root.tree && w.stopKey === stopKey && [...types].every((type) => w.types.has(type)));
  if (recent) return recent;
  const shape = `${root.type}\u0000${stopKey}`;
  const asked = typesAsked.get(shape) ?? typesAsked.set(shape, new Set(stopAt)).get(shape)!;
  for (const type of types) asked.add(type);
  // Asked for ERROR, tree-sitter's walk finds nothing at all.
  asked.delete('ERROR');
  const walked: Walk = {
    tree: root.tree,
    root: root.id,
    stopKey,
    types: new Set(asked),
    nodes: root.descendantsOfType([...asked]).flatMap((node) => {
      // Keywords can share a type's name.
      const type = node && namedType(node);
      return type ? [{ node: node!, type }] : [];
    }),
  };
  recentWalks.unshift(walked);
  recentWalks.length = Math.min(recentWalks.length, RECENT_WALKS);
  return walked;
}

const NO_TYPES: ReadonlySet<string> = new Set();

/** Every descendant of `node` (itself included) of one of `types`, in source order, not entering `stopAt` types below the root. */
export function descendants(node: Node, types: ReadonlySet<string>, stopAt: ReadonlySet<string> = NO_TYPES): Node[] {
  if (types.size === 0) return [];
  const walked = walk(node, types, stopAt).nodes;
  const found = walked.filter((n) => types.has(n.type)).map((n) => n.node);
  // The outermost stops below the root, as ranges: anything inside one of them is left out.
  const stops: { node: Node; start: number; end: number }[] = [];
  for (const { node: stop, type } of found.length > 0 ? walked : []) {
    const last = stops.at(-1);
    if (stopAt.has(type) && stop.id !== node.id && !(last && stop.startIndex < last.end)) stops.push({ node: stop, start: stop.startIndex, end: stop.endIndex });
  }
  if (stops.length === 0) return found;
  const kept: Node[] = [];
  let next = 0;
  for (const candidate of found) {
    const start = candidate.startIndex;
    while (next < stops.length && stops[next]!.end < start) next++;
    const end = candidate.endIndex;
    // The stops only touch at their edges: the one around the candidate ends at or after its start, or is the next.
    const covers = (stop: (typeof stops)[number] | undefined): boolean => stop !== undefined && stop.start <= start && end <= stop.end;
    const stop = covers(stops[next]) ? stops[next]! : covers(stops[next + 1]) ? stops[next + 1]! : undefined;
    if (!stop) kept.push(candidate);
    else if (candidate.id === stop.node.id || (start > stop.start && end < stop.end) || (end > start && (start > stop.start || end < stop.end))) continue;
    // The same range as the stop, or empty at its edge: only the ancestors tell whether it is inside.
    else if (!withinStop(candidate, node, stopAt)) kept.push(candidate);
  }
  return kept;
}

function withinStop(candidate: Node, root: Node, stopAt: ReadonlySet<string>): boolean {
  for (let current: Node | null = candidate; current && current.id !== root.id; current = current.parent) if (stopAt.has(current.type)) return true;
  return false;
}

/** The ancestor of `node`, or `node` itself, whose parent is one of `containers` (or which is the root): its statement, given a grammar's statement containers. */
export function statementIn(node: Node, containers: ReadonlySet<string>): Node {
  let current = node;
  // Each step up is a search down from the root: ask each parent for once.
  for (let parent = node.parent; parent && !containers.has(parent.type); parent = parent.parent) current = parent;
  return current;
}

/** The nearest ancestor (or the node itself) whose parent is `container`. */
export function childOfContainer(node: Node, container: Node): Node | null {
  let current: Node | null = node;
  while (current && current.parent && current.parent.id !== container.id) current = current.parent;
  return current && current.parent?.id === container.id ? current : null;
}

const IDENTIFIER = new Set(['identifier']);

/** Whether an identifier names rather than reads: Python's attribute (`obj.count`) and keyword (`f(count=1)`) names; the other grammars give these types of their own. */
function isLabel(identifier: Node): boolean {
  const parent = identifier.parent;
  return !!parent && (parent.childForFieldName('attribute')?.id === identifier.id || (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === identifier.id));
}

const ARITHMETIC = new Set(['binary_expression', 'binary_operator']);
const namesIn = (node: Node): string[] => descendants(node, IDENTIFIER).filter((identifier) => !isLabel(identifier)).map((identifier) => identifier.text);

/**
 * An expression as written and the names it reads, counting through a local that `locals` says
 * was computed by arithmetic (`views = parse(current) + 1`): what it was computed from.
 */
export function expressionOf(node: Node, locals?: ReadonlyMap<string, Node>): Expression {
  const names = namesIn(node);
  const computed = (value: Node | undefined): boolean => !!value && descendants(value, ARITHMETIC).some((operation) => /^[-+*/]$/.test(operation.childForFieldName('operator')?.text ?? ''));
  const through = locals ? names.flatMap((name) => (computed(locals.get(name)) ? namesIn(locals.get(name)!) : [])) : [];
  return { text: node.text, names: [...new Set([...names, ...through])] };
}

/** How a grammar assigns locals: the node types that do, and each one's names and values in order (none for `+=`, which keeps deriving from the same value). */
export interface AssignmentSyntax {
  readonly types: ReadonlySet<string>;
  sides(assignment: Node): { readonly names: readonly Node[]; readonly values: readonly Node[] };
}

/**
 * The local that `call`'s result is assigned to, through whatever wraps it in its statement
 * (`count = int(r.get(k) or 0)`, `v, _ := rdb.Get(ctx, k).Int()`), when no other assignment in
 * `body` (outside `nested` functions) gives that local another value.
 */
export function assignedLocal(call: Node, statement: Node, body: Node, nested: ReadonlySet<string>, syntax: AssignmentSyntax): string | null {
  for (let current = call.parent; current && current.id !== statement.parent?.id; current = current.parent) {
    if (!syntax.types.has(current.type)) continue;
    const { names, values } = syntax.sides(current);
    const index = values.findIndex((value) => value.startIndex <= call.startIndex && call.endIndex <= value.endIndex);
    const name = index < 0 ? undefined : names[values.length === 1 ? 0 : index];
    if (name?.type !== 'identifier') return null;
    const assignments = descendants(body, syntax.types, nested).filter((assignment) => syntax.sides(assignment).names.some((other) => other.text === name.text));
    return assignments.length === 1 ? name.text : null;
  }
  return null;
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

/** A call's key arguments: each node's shape as the language reduces it, with its text and place. */
export const keyArguments = (nodes: readonly Node[], shapeOf: (node: Node) => KeyShape): KeyTemplate[] => nodes.map((node) => ({ ...shapeOf(node), text: node.text, range: rangeOf(node) }));

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

/** A function's facts once its language has found its name, parameters, body statements and operations (and whether it handles requests: kept only when it does). */
export function functionFacts(fn: Node, { handlesRequests, ...facts }: Pick<FunctionFacts, 'name' | 'parameters' | 'indent' | 'hookFor' | 'sqlParameters'> & { readonly handlesRequests?: boolean }, statements: readonly Node[], operations: readonly Operation[]): FunctionFacts {
  return {
    ...facts,
    ...(handlesRequests ? { handlesRequests } : {}),
    range: rangeOf(fn),
    nameRange: rangeOf(fn.childForFieldName('name') ?? fn),
    bodyStatements: statements.map(rangeOf),
    operations,
  };
}
