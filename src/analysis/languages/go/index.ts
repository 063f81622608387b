/**
 * Go: go-redis clients (fields and variables of *redis.Client and friends), SQL through
 * database/sql (`db.QueryRowContext(ctx, "SELECT ...")`), keys built with fmt.Sprintf or `+`.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import { looksLikeCache } from '../../clients';
import { appendArgument, insertAt, type SourceEdit } from '../../edits';
import type { CacheClientKind, DbOp, GuardOp, KeyShape, Operation, TtlState } from '../../facts';
import { cacheOperation, callSite, guardOperation, passedQueries, placeWhenUsed, sqlOperation, sqlParameters, valueArgument, wrapperOperation, type CacheWrappers, type Place } from '../../operations';
import { assignedLocal, binaryKeyTemplate, descendants, functionFacts, keyArguments, lineIndent, rangeOf, retriedUntilSuccess, statementIn, type AssignmentSyntax, type KeyForms, type LoopSyntax } from '../../syntax';
import type { LanguageSupport } from '../language';
import { handlesRequests, registeredHandlers, routeOf } from './requests';

const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const CALL = new Set(['call_expression']);
const LOOPS = new Set(['for_statement']);
const CLIENT_TYPE = /\bredis\.(Client|ClusterClient|UniversalClient|Ring|Cmdable)\b/;
const SINGLE_FLIGHT_TYPE = /\bsingleflight\.Group\b/;

/** Names of struct fields, parameters and variables declared with a type matching `type`. */
function declaredAs(root: Node, type: RegExp): Set<string> {
  const names = new Set<string>();
  for (const field of descendants(root, new Set(['field_declaration', 'parameter_declaration', 'var_spec']))) {
    if (!type.test(field.childForFieldName('type')?.text ?? '')) continue;
    for (const name of field.childrenForFieldName('name')) if (name) names.add(name.text);
  }
  return names;
}

/** Names of struct fields and variables that hold go-redis clients. */
function fileClients(root: Node): Set<string> {
  const clients = declaredAs(root, CLIENT_TYPE);
  for (const declaration of descendants(root, new Set(['short_var_declaration', 'assignment_statement']))) {
    if (/\bredis\.New(Client|ClusterClient|UniversalClient|Ring)\(/.test(declaration.childForFieldName('right')?.text ?? '')) {
      const left = declaration.childForFieldName('left')?.namedChildren[0];
      if (left) clients.add(left.text);
    }
  }
  return clients;
}

function stringValue(node: Node): string | null {
  if (node.type === 'interpreted_string_literal' || node.type === 'raw_string_literal') return node.text.slice(1, -1);
  return null;
}

/** `%d`, `%s`, `%v` and the like become `{}`. */
const verbs = (format: string): string => format.replace(/%[-+# 0]*\d*(?:\.\d+)?[vdsxXqfgeEbcotT]/g, '{}');

const KEY_FORMS: KeyForms = {
  unwrap: (node) => node,
  template(node) {
    const literal = stringValue(node);
    if (literal !== null) return { template: literal, parts: [] };
    if (node.type === 'call_expression' && node.childForFieldName('function')?.text === 'fmt.Sprintf') {
      const [format, ...args] = argumentsOf(node);
      const text = format ? stringValue(format) : null;
      if (text !== null) return { template: verbs(text), parts: args.map((a) => a.text) };
    }
    return null;
  },
};

function keyTemplate(node: Node, locals: Map<string, Node>): KeyShape {
  return binaryKeyTemplate(node, locals, KEY_FORMS);
}

function argumentsOf(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is Node => n !== null && n.type !== 'comment');
}

/** go-redis takes a context first; the key comes after it. */
const withoutContext = (args: Node[]): Node[] => (args[0] && /(^ctx$|Context\(\)$|context\.\w+\(\))/.test(args[0].text) ? args.slice(1) : args);

/** Whether a write expires, and the expiration argument (`0` says it never does). */
function ttlOf(method: string, args: Node[]): { ttl: TtlState; argument: Node | null } {
  const name = method.toLowerCase();
  if (name === 'setex') return { ttl: 'present', argument: args[2] ?? null };
  if (name === 'set' || name === 'setnx') {
    const expiration = args[2] ?? null;
    return { ttl: !expiration || expiration.text === '0' ? 'none' : 'present', argument: expiration };
  }
  return { ttl: 'absent', argument: null };
}

const LOOP_SYNTAX: LoopSyntax = {
  functions: FUNCTIONS,
  loops: LOOPS,
  // `for {`: a body and nothing else.
  endless: (loop) => loop.namedChildren.length === 1,
  exits: new Set(['break_statement', 'return_statement']),
  conditionals: new Set(['if_statement']),
};

const STATEMENT_CONTAINERS = new Set(['statement_list', 'block', 'source_file']);
const statementOf = (node: Node): Node => statementIn(node, STATEMENT_CONTAINERS);

/** Calls on `tx` from `db.Begin()` or `db.BeginTx(...)` are uncommitted until `tx.Commit()`. */
function transactionOf(receiver: string, body: Node): Place['transaction'] {
  const begin = descendants(body, new Set(['short_var_declaration', 'assignment_statement'])).find((d) => d.childForFieldName('left')?.namedChildren[0]?.text === receiver && /\.Begin(Tx)?\(/.test(d.childForFieldName('right')?.text ?? ''));
  if (!begin) return null;
  const commit = descendants(body, CALL).find((c) => c.childForFieldName('function')?.text === `${receiver}.Commit`);
  const end = commit ?? body;
  return { ...rangeOf(begin), end: end.endIndex, endLine: end.endPosition.row, endColumn: end.endPosition.column };
}

/** Where a call sits, in the transaction of `receiver` when it is a `tx`. */
const placeOf = (call: Node, receiver: string, body: Node): Place => ({ range: rangeOf(call), statement: rangeOf(statementOf(call)), transaction: transactionOf(receiver, body) });

const ASSIGNMENT_SYNTAX: AssignmentSyntax = {
  types: new Set(['short_var_declaration', 'assignment_statement', 'var_spec']),
  sides(assignment) {
    const list = (node: Node | null): Node[] => (node?.type === 'expression_list' ? node.namedChildren.filter((n): n is Node => n !== null) : node ? [node] : []);
    if (assignment.type === 'var_spec') return { names: assignment.childrenForFieldName('name').filter((n): n is Node => n !== null), values: list(assignment.childForFieldName('value')) };
    if (assignment.childForFieldName('operator')?.text !== '=' && assignment.type === 'assignment_statement') return { names: [], values: [] };
    return { names: list(assignment.childForFieldName('left')), values: list(assignment.childForFieldName('right')) };
  },
};

/** A guard: a call by its name, or `Do` on a singleflight.Group, whatever its name. */
function guard(call: Node, singleFlights: Set<string>): GuardOp | null {
  const fn = call.childForFieldName('function');
  if (!fn) return null;
  const onGroup = fn.type === 'selector_expression' && singleFlights.has(fn.childForFieldName('operand')?.text.split('.').at(-1) ?? '') && /^Do(Chan)?$/.test(fn.childForFieldName('field')?.text ?? '');
  return onGroup ? guardOperation(fn.text, call, 'single-flight') : guardOperation(fn.text, call);
}

/** Inside a loop over items: an endless `for {}` retry or worker loop does not count. */
function inItemLoop(call: Node): boolean {
  for (let current = call.parent; current && !FUNCTIONS.has(current.type); current = current.parent) if (LOOPS.has(current.type) && !LOOP_SYNTAX.endless(current)) return true;
  return false;
}

const SQL_TEXT = new Set(['interpreted_string_literal', 'raw_string_literal', 'binary_expression', 'identifier']);

/** The query each argument that is SQL text runs if the callee runs it, the arguments after it bound to its placeholders. */
function queriesPassed(call: Node, place: Place, locals: Map<string, Node>): (DbOp | null)[] {
  const text = (arg: Node): string | null => (SQL_TEXT.has(arg.type) ? keyTemplate(arg, locals).template : null);
  return passedQueries(argumentsOf(call), place, text, (after) => after.map((arg) => arg.text));
}

function operation(call: Node, clients: Set<string>, locals: Map<string, Node>, body: Node, wrappers: CacheWrappers): Operation | null {
  const fn = call.childForFieldName('function');
  if (!fn) return null;
  const name = fn.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn.text;
  if (name && wrappers.has(name)) {
    const keys = keyArguments(withoutContext(argumentsOf(call)), (arg) => keyTemplate(arg, locals));
    const receiver = fn.type === 'selector_expression' ? (fn.childForFieldName('operand')?.text ?? '') : '';
    return wrapperOperation(wrappers, name, receiver, keys, { ...placeOf(call, receiver, body), inLoop: inItemLoop(call) });
  }
  if (fn.type === 'identifier') return callSite(fn.text, rangeOf(call), queriesPassed(call, placeWhenUsed(() => placeOf(call, '', body)), locals));
  if (fn.type !== 'selector_expression') return null;
  const operand = fn.childForFieldName('operand');
  const receiver = operand?.text ?? '';
  const method = fn.childForFieldName('field')?.text ?? '';
  const args = withoutContext(argumentsOf(call));
  const place = placeWhenUsed(() => placeOf(call, receiver, body));
  const lastName = receiver.split('.').at(-1)!;
  if (operand?.type !== 'call_expression' && (clients.has(lastName) || looksLikeCache(receiver))) {
    const inLoop = inItemLoop(call);
    const statement = statementOf(call);
    const { ttl, argument } = ttlOf(method, args);
    const cache = cacheOperation({
      client: 'go-redis' satisfies CacheClientKind,
      receiver,
      method,
      keyArguments: keyArguments(args, (arg) => keyTemplate(arg, locals)),
      ttl,
      ttlArgument: argument,
      onlyIfAbsent: /^setnx$/i.test(method),
      inLoop,
      retriedUntilSuccess: retriedUntilSuccess(call, statement, LOOP_SYNTAX),
      assignedTo: assignedLocal(call, statement, body, FUNCTIONS, ASSIGNMENT_SYNTAX),
      // go-redis puts the value before the expiration, SetEx included.
      value: valueArgument(method, args, false),
      locals,
      ...place,
    });
    if (cache) return cache;
  }
  const db = sqlOperation(method, place, () => {
    // The SQL is the first argument with text; the ones after it are bound to its placeholders.
    const texts = args.map((arg) => stringValue(arg) ?? keyTemplate(arg, locals).template);
    const sqlIndex = texts.findIndex((text) => text !== null);
    return { sql: texts[sqlIndex] ?? null, bound: args.slice(sqlIndex + 1).map((arg) => arg.text) };
  });
  if (db) return db;
  // s.invalidate(ctx, id): a method of the receiver, followed by name like any call.
  return operand?.type === 'identifier' ? callSite(method, rangeOf(call), queriesPassed(call, place, locals)) : null;
}

/** Adds import paths to the file's import block, or a block after its package clause. */
function importEdit(text: string, paths: string[]): SourceEdit {
  const lines = paths.map((path) => `\t"${path}"\n`).join('');
  const block = /^import \($/m.exec(text);
  if (block) return insertAt(text, block.index + block[0].length + 1, lines);
  const packageClause = /^package \w+.*$/m.exec(text);
  const after = packageClause ? packageClause.index + packageClause[0].length : 0;
  return insertAt(text, after, `\n\nimport (\n${lines})`);
}

function functionName(fn: Node): string {
  const name = fn.childForFieldName('name')?.text ?? routeOf(fn) ?? '<func>';
  if (fn.type !== 'method_declaration') return name;
  const receiverType = fn.childForFieldName('receiver')?.text.match(/\*?\s*(\w+)\s*\)$/)?.[1];
  return receiverType ? `${receiverType}.${name}` : name;
}

function parameterNames(fn: Node): string[] {
  return (fn.childForFieldName('parameters')?.namedChildren ?? []).flatMap((parameter) => parameter?.childrenForFieldName('name').map((n) => n?.text ?? '').filter(Boolean) ?? []);
}

function localAssignments(body: Node): Map<string, Node> {
  const locals = new Map<string, Node>();
  for (const declaration of descendants(body, new Set(['short_var_declaration']), FUNCTIONS)) {
    const names = declaration.childForFieldName('left')?.namedChildren ?? [];
    const values = declaration.childForFieldName('right')?.namedChildren ?? [];
    if (names.length === 1 && values.length === 1 && names[0] && values[0]) locals.set(names[0].text, values[0]);
  }
  return locals;
}

export const go: LanguageSupport = {
  id: 'go',
  extensions: ['.go'],
  editorLanguages: ['go'],
  lineComment: '//',
  grammarFor: () => 'tree-sitter-go.wasm',
  commentTypes: ['comment'],
  registeredHandlers,
  extractFunctions(root, text, reuse, wrappers) {
    const clients = fileClients(root);
    const singleFlights = declaredAs(root, SINGLE_FLIGHT_TYPE);
    return reuse.functions(root, text, JSON.stringify([[...clients], [...singleFlights]]), descendants(root, FUNCTIONS), (fn) => {
      const body = fn.childForFieldName('body');
      const list = body?.namedChildren.length === 1 && body.namedChildren[0]?.type === 'statement_list' ? body.namedChildren[0] : body;
      const statements = (list?.namedChildren ?? []).filter((n): n is Node => n !== null && n.type !== 'comment');
      const locals = body ? localAssignments(body) : new Map<string, Node>();
      const calls = body ? descendants(body, CALL, FUNCTIONS) : [];
      const operations = body ? calls.flatMap((call) => [operation(call, clients, locals, body, wrappers), guard(call, singleFlights)]).filter((op): op is Operation => op !== null) : [];
      const parameters = parameterNames(fn);
      // database/sql's methods take a context first, then the SQL.
      const runsSql = sqlParameters(parameters, calls, (call) => call.childForFieldName('function')?.childForFieldName('field')?.text, (call) => withoutContext(argumentsOf(call))[0]?.text);
      return functionFacts(fn, { name: functionName(fn), parameters, indent: statements[0] ? lineIndent(text, statements[0]) : '\t', ...(runsSql.length > 0 ? { sqlParameters: runsSql } : {}), handlesRequests: handlesRequests(fn) }, statements, operations);
    });
  },
  renderKey(template, parts) {
    return parts.length === 0 ? JSON.stringify(template) : `fmt.Sprintf(${JSON.stringify(template.replace(/%/g, '%%').replace(/\{\}/g, '%v'))}, ${parts.join(', ')})`;
  },
  renderDelete(like, key) {
    return `${like.receiver}.Del(ctx, ${key})`;
  },
  renderStatement: (_like, call) => call,
  ttlExpression: (_like, seconds) => (seconds % 60 === 0 ? `${seconds / 60}*time.Minute` : `${seconds}*time.Second`),
  jitter(ttl, text) {
    const tenth = /^[\w.]+$/.test(ttl) ? `${ttl}/10` : `(${ttl})/10`;
    const missing = ['math/rand', 'time'].filter((path) => !text.includes(`"${path}"`));
    return { expression: `${ttl} + time.Duration(rand.Int63n(int64(${tenth})))`, edits: missing.length ? [importEdit(text, missing)] : [] };
  },
  expiryEdits(op, ttl, text) {
    if (op.ttlRange) return [{ range: op.ttlRange, newText: ttl }];
    const append = appendArgument(op.range, text, ttl);
    return append ? [append] : null;
  },
};
