/**
 * JavaScript and TypeScript (TSX too): ioredis, node-redis and lru-cache clients; SQL through
 * pg, mysql2 and friends (`db.query(...)`); Prisma's model delegates.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import { looksLikeCache } from '../../clients';
import { appendArgument, appendOption, expiryEdits, numericTtl } from '../../edits';
import type { CacheClientKind, CacheOp, ColumnBinding, DbOp, KeyShape, Operation, TtlState } from '../../facts';
import { cacheOperation, callSite, dbOperation, guardOperation, passedQueries, placeWhenUsed, sqlOperation, sqlParameters, valueArgument, wrapperOperation, type CacheWrappers, type Columns, type Place } from '../../operations';
import { assignedLocal, binaryKeyTemplate, descendants, functionFacts, keyArguments, lineIndent, rangeOf, retriedUntilSuccess, statementIn, type AssignmentSyntax, type LoopSyntax } from '../../syntax';
import type { LanguageSupport } from '../language';
import { handlerNames, handlesRequests, registeredHandlers, registration } from './requests';

const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration']);
const CALL = new Set(['call_expression']);
const DECLARATORS = new Set(['variable_declarator', 'public_field_definition']);
const FUNCTIONS_AND_DECLARATORS = new Set([...FUNCTIONS, ...DECLARATORS]);
const PRISMA_WRITES: Record<string, 'update' | 'delete' | 'insert'> = { update: 'update', updateMany: 'update', upsert: 'update', delete: 'delete', deleteMany: 'delete', create: 'insert', createMany: 'insert' };
const PRISMA_READS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany']);
const TTL_ARGUMENTS = new Set(['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL']);

type Clients = Map<string, CacheClientKind>;

/** Names bound anywhere in the file to a cache client's constructor. */
function fileClients(declarators: readonly Node[]): Clients {
  const clients: Clients = new Map();
  for (const declarator of declarators) {
    const name = (declarator.childForFieldName('name') ?? declarator.childForFieldName('property'))?.text;
    let value = declarator.childForFieldName('value');
    if (value?.type === 'await_expression') value = value.namedChildren[0] ?? null;
    if (!name || !value) continue;
    const constructor = (value.type === 'new_expression' ? value.childForFieldName('constructor') : value.type === 'call_expression' ? value.childForFieldName('function') : null)?.text ?? '';
    if (/(^|\.)(Redis|IORedis|Cluster)$/.test(constructor) && value.type === 'new_expression') clients.set(name, 'ioredis');
    else if (/(^|\.)(createClient|createCluster)$/.test(constructor)) clients.set(name, 'node-redis');
    else if (/(^|\.)(LRUCache|LRU)$/.test(constructor)) clients.set(name, 'lru-cache');
  }
  return clients;
}

/** The literal text and substituted parts of a string or template literal; null otherwise. */
function stringTemplate(node: Node): { template: string; parts: string[] } | null {
  if (node.type === 'string') return { template: node.namedChildren.map((c) => c?.text ?? '').join(''), parts: [] };
  if (node.type !== 'template_string') return null;
  let template = '';
  const parts: string[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'template_substitution') {
      template += '{}';
      parts.push(child.namedChildren[0]?.text ?? '');
    } else template += child.text;
  }
  return { template, parts };
}

function unwrap(node: Node): Node {
  let current = node;
  while ((current.type === 'parenthesized_expression' || current.type === 'as_expression' || current.type === 'non_null_expression' || current.type === 'satisfies_expression') && current.namedChildren[0]) current = current.namedChildren[0];
  return current;
}

function keyTemplate(node: Node, locals: Map<string, Node>): KeyShape {
  return binaryKeyTemplate(node, locals, { unwrap, template: stringTemplate });
}

function ttlState(client: CacheClientKind, method: string, args: Node[]): TtlState {
  if (/^p?setex$/i.test(method)) return 'present';
  const rest = args.slice(2);
  if (client === 'ioredis' || client === 'cache') {
    return rest.some((arg) => arg.type === 'string' && TTL_ARGUMENTS.has(arg.text.slice(1, -1).toUpperCase())) ? 'present' : 'none';
  }
  if (client === 'node-redis') {
    return rest.some((arg) => arg.type === 'object' && /\b(EX|PX|EXAT|PXAT|KEEPTTL|expiration)\b/.test(arg.text)) ? 'present' : 'none';
  }
  return rest.some((arg) => arg.type === 'object' && /\bttl\b/.test(arg.text)) ? 'present' : 'absent';
}

const STATEMENT_CONTAINERS = new Set(['statement_block', 'program', 'class_body']);
const statementOf = (node: Node): Node => statementIn(node, STATEMENT_CONTAINERS);

function argumentsOf(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is Node => n !== null && n.type !== 'comment');
}

const LOOPS = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);

/** The call's range, statement, and transaction: the body of a callback given to `.transaction(...)` or `$transaction(...)`. */
const LOOP_SYNTAX: LoopSyntax = {
  functions: FUNCTIONS,
  loops: LOOPS,
  endless: (loop) => /^(\(\s*(true|1)\s*\)|;)$/.test(loop.childForFieldName('condition')?.text ?? ''),
  exits: new Set(['break_statement', 'return_statement', 'throw_statement']),
  conditionals: new Set(['if_statement', 'ternary_expression']),
};

function placeOf(call: Node): Place & { inLoop: boolean; retriedUntilSuccess: boolean } {
  let inLoop = false;
  let transaction: Node | null = null;
  for (let current = call.parent; current; current = current.parent) {
    if (LOOPS.has(current.type) && !LOOP_SYNTAX.endless(current)) inLoop = true;
    if (FUNCTIONS.has(current.type)) {
      const outer = current.parent?.type === 'arguments' ? current.parent.parent : null;
      const callee = outer?.childForFieldName('function');
      if (callee?.type === 'member_expression' && /^\$?transaction$/i.test(callee.childForFieldName('property')?.text ?? '')) transaction = current.childForFieldName('body');
      break;
    }
  }
  const statement = statementOf(call);
  return { range: rangeOf(call), statement: rangeOf(statement), transaction: transaction ? rangeOf(transaction) : null, inLoop, retriedUntilSuccess: retriedUntilSuccess(call, statement, LOOP_SYNTAX) };
}

/** The TTL as written: the argument after 'EX' (ioredis), or the EX / ttl property (node-redis, lru-cache). */
function ttlArgument(method: string, args: Node[]): Node | null {
  // setex(key, seconds, value)
  if (/^p?setex$/i.test(method)) return args[1] ?? null;
  const rest = args.slice(2);
  const flag = rest.findIndex((arg) => arg.type === 'string' && TTL_ARGUMENTS.has(arg.text.slice(1, -1).toUpperCase()));
  if (flag >= 0) return rest[flag + 1] ?? null;
  for (const arg of rest) {
    if (arg.type !== 'object') continue;
    for (const pair of arg.namedChildren) {
      const key = pair?.childForFieldName('key')?.text;
      if (pair?.type === 'pair' && key && /^(EX|PX|EXAT|PXAT|ttl)$/.test(key)) return pair.childForFieldName('value');
    }
  }
  return null;
}

const ASSIGNMENT_SYNTAX: AssignmentSyntax = {
  types: new Set(['variable_declarator', 'assignment_expression']),
  sides(assignment) {
    const name = assignment.childForFieldName('name') ?? assignment.childForFieldName('left');
    const value = assignment.childForFieldName('value') ?? assignment.childForFieldName('right');
    return { names: name ? [name] : [], values: value ? [value] : [] };
  },
};

/** The called function or method, as written. */
function callee(call: Node): Node | null {
  const fn = call.childForFieldName('function');
  // `await db.query<Row>(...)` parses as a call of the awaited member.
  return fn?.type === 'await_expression' ? (fn.namedChildren[0] ?? null) : fn;
}

/** The arguments bound to an SQL statement's placeholders, when passed as an array. */
const boundArguments = (node: Node | undefined): string[] => (node?.type === 'array' ? node.namedChildren.filter((n): n is Node => n !== null).map((n) => n.text) : []);

const SQL_TEXT = new Set(['string', 'template_string', 'binary_expression', 'identifier']);

/** The query each argument that is SQL text runs if the callee runs it, the array after it bound to its placeholders. */
function queriesPassed(call: Node, locals: Map<string, Node>): (DbOp | null)[] {
  const text = (arg: Node): string | null => (SQL_TEXT.has(unwrap(arg).type) ? keyTemplate(arg, locals).template : null);
  return passedQueries(argumentsOf(call), placeWhenUsed(() => placeOf(call)), text, (after) => boundArguments(after[0]));
}

/** The columns of an object of Prisma's (`{ email }`, `{ email: newEmail }`); a nested filter (`{ contains: x }`) has no one argument, and OR or NOT leaves no equalities to go by. */
function objectBindings(object: Node | null | undefined): ColumnBinding[] {
  if (object?.type !== 'object') return [];
  const entries = object.namedChildren.filter((n): n is Node => n !== null);
  if (entries.some((entry) => /^(OR|NOT)$/.test(entry.childForFieldName('key')?.text ?? ''))) return [];
  return entries.flatMap((entry): ColumnBinding[] => {
    if (entry.type === 'shorthand_property_identifier') return [{ column: entry.text.toLowerCase(), argument: entry.text }];
    const key = entry.type === 'pair' ? entry.childForFieldName('key') : null;
    const value = entry.childForFieldName('value');
    return key && value ? [{ column: key.text.replace(/^["']|["']$/g, '').toLowerCase(), argument: value.type === 'object' ? null : value.text }] : [];
  });
}

/** What a delegate call assigns (`data`) and looks up by (`where`). */
function prismaColumns(options: Node | undefined): Columns {
  const property = (name: string): Node | null | undefined => (options?.type === 'object' ? options.namedChildren.find((p) => p?.type === 'pair' && p.childForFieldName('key')?.text === name)?.childForFieldName('value') : undefined);
  return { assigns: objectBindings(property('data')), filters: objectBindings(property('where')), instance: null };
}

function operation(call: Node, clients: Clients, locals: Map<string, Node>, body: Node, wrappers: CacheWrappers): Operation | null {
  const fn = callee(call);
  if (!fn) return null;
  const name = fn.type === 'member_expression' ? fn.childForFieldName('property')?.text : fn.text;
  if (name && wrappers.has(name)) {
    const keys = keyArguments(argumentsOf(call), (arg) => keyTemplate(arg, locals));
    return wrapperOperation(wrappers, name, fn.type === 'member_expression' ? (fn.childForFieldName('object')?.text ?? '') : '', keys, placeOf(call));
  }
  if (fn.type === 'identifier') return callSite(fn.text, rangeOf(call), queriesPassed(call, locals));
  if (fn.type !== 'member_expression') return null;
  const receiver = fn.childForFieldName('object')?.text ?? '';
  const method = fn.childForFieldName('property')?.text ?? '';
  const args = argumentsOf(call);
  const client = clients.get(receiver) ?? clients.get(receiver.replace(/^this\./, '')) ?? (looksLikeCache(receiver) ? 'cache' : undefined);
  if (client) {
    const { inLoop, retriedUntilSuccess, ...place } = placeOf(call);
    const cache: CacheOp | null = cacheOperation({
      client,
      receiver,
      method,
      keyArguments: keyArguments(args.filter((arg) => arg.type !== 'spread_element'), (arg) => keyTemplate(arg, locals)),
      ttl: ttlState(client, method, args),
      ttlArgument: ttlArgument(method, args),
      onlyIfAbsent: args.slice(2).some((arg) => /^["'`]NX["'`]$/i.test(arg.text) || (arg.type === 'object' && /\bNX\s*:\s*true\b/.test(arg.text))),
      inLoop,
      retriedUntilSuccess,
      // A read that is not awaited is in-process (a Map, lru-cache): nothing runs between it and a write.
      assignedTo: call.parent?.type === 'await_expression' ? assignedLocal(call, statementOf(call), body, FUNCTIONS, ASSIGNMENT_SYNTAX) : null,
      value: valueArgument(method, args),
      locals,
      ...place,
    });
    if (cache) return cache;
  }
  const place = placeWhenUsed(() => placeOf(call));
  const sql = sqlOperation(method, place, () => ({ sql: args[0] ? keyTemplate(args[0], locals).template : null, bound: boundArguments(args[1]) }));
  if (sql) return sql;
  // Prisma: prisma.user.update(...), prisma.user.findUnique(...).
  const delegate = /^(?:this\.)?\w*prisma\w*\.(\w+)$/i.exec(receiver);
  if (delegate && (PRISMA_WRITES[method] || PRISMA_READS.has(method))) return dbOperation(PRISMA_WRITES[method] ?? 'select', delegate[1]!, place, prismaColumns(args[0]));
  if (receiver === 'this') return callSite(method, rangeOf(call), queriesPassed(call, locals));
  return null;
}

/** A function's name: declared, assigned, a class method, or the route it handles. */
function functionName(fn: Node): string {
  const own = fn.childForFieldName('name')?.text;
  const parent = fn.parent;
  if (fn.type === 'method_definition') {
    const owner = parent?.parent?.childForFieldName('name')?.text;
    return owner ? `${owner}.${own}` : (own ?? '<method>');
  }
  if (own) return own;
  if (parent?.type === 'variable_declarator') return parent.childForFieldName('name')?.text ?? '<anonymous>';
  if (parent?.type === 'pair') return parent.childForFieldName('key')?.text ?? '<anonymous>';
  const call = parent?.type === 'arguments' ? parent.parent : null;
  const route = call ? registration(call) : null;
  return route ? `${route.method.toUpperCase()} ${route.path}` : '<anonymous>';
}

function parameterNames(fn: Node): string[] {
  const list = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!list) return [];
  if (list.type === 'identifier') return [list.text];
  return list.namedChildren.flatMap((parameter) => {
    const pattern = parameter?.childForFieldName('pattern') ?? parameter;
    return pattern?.type === 'identifier' ? [pattern.text] : [];
  });
}

function localAssignments(body: Node): Map<string, Node> {
  const locals = new Map<string, Node>();
  for (const declarator of descendants(body, new Set(['variable_declarator']), FUNCTIONS)) {
    const name = declarator.childForFieldName('name');
    const value = declarator.childForFieldName('value');
    if (name?.type === 'identifier' && value) locals.set(name.text, value);
  }
  return locals;
}

export const typescript: LanguageSupport = {
  id: 'typescript',
  extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
  editorLanguages: ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'],
  lineComment: '//',
  grammarFor: (extension) => (extension === '.tsx' || extension === '.jsx' ? 'tree-sitter-tsx.wasm' : extension === '.ts' || extension === '.mts' || extension === '.cts' ? 'tree-sitter-typescript.wasm' : 'tree-sitter-javascript.wasm'),
  commentTypes: ['comment'],
  registeredHandlers,
  extractFunctions(root, text, reuse, wrappers, path) {
    // One walk finds the functions and the declarations that name clients.
    const found = descendants(root, FUNCTIONS_AND_DECLARATORS);
    const clients = fileClients(found.filter((node) => DECLARATORS.has(node.type)));
    const functions = found.filter((node) => FUNCTIONS.has(node.type));
    const handlers = handlerNames(root, text, path);
    return reuse.functions(root, text, JSON.stringify([[...clients], [...handlers]]), functions, (fn) => {
      const body = fn.childForFieldName('body')!;
      const locals = localAssignments(body);
      const calls = descendants(body, CALL, FUNCTIONS);
      const operations = calls
        .flatMap((call) => {
          const name = callee(call);
          return [operation(call, clients, locals, body, wrappers), name ? guardOperation(name.text, call) : null];
        })
        .filter((op): op is Operation => op !== null);
      const statements = body.type === 'statement_block' ? body.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') : [body];
      const name = functionName(fn);
      const parameters = parameterNames(fn);
      const runsSql = sqlParameters(parameters, calls, (call) => callee(call)?.childForFieldName('property')?.text, (call) => argumentsOf(call)[0]?.text);
      return functionFacts(fn, { name, parameters, indent: statements[0] && body.type === 'statement_block' ? lineIndent(text, statements[0]) : '  ', ...(runsSql.length > 0 ? { sqlParameters: runsSql } : {}), handlesRequests: handlesRequests(fn, name.split('.').at(-1)!, handlers, path) }, statements, operations);
    });
  },
  renderKey(template, parts) {
    let index = 0;
    return `\`${template.replace(/[`\\]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${').replace(/\{\}/g, () => `\${${parts[index++] ?? ''}}`)}\``;
  },
  renderDelete(like, key) {
    return `${like.receiver}.${like.client === 'lru-cache' ? 'delete' : 'del'}(${key})`;
  },
  renderStatement(like, call) {
    return like.client === 'lru-cache' ? `${call};` : `await ${call};`;
  },
  // lru-cache counts milliseconds; ioredis and node-redis take EX in seconds.
  ttlExpression: (like, seconds) => String(like.client === 'lru-cache' ? seconds * 1000 : seconds),
  jitter(ttl) {
    const seconds = numericTtl(ttl);
    return { expression: `${ttl} + Math.floor(Math.random() * ${seconds === null ? `(${ttl} / 10)` : Math.round(seconds / 10)})`, edits: [] };
  },
  expiryEdits(op, ttl, text) {
    return expiryEdits(op, ttl, text, (setnx) =>
      op.client === 'lru-cache' ? appendOption(op.range, text, `ttl: ${ttl}`)
      : op.client === 'node-redis' ? appendOption(op.range, text, setnx ? `NX: true, EX: ${ttl}` : `EX: ${ttl}`)
      : appendArgument(op.range, text, setnx ? `'EX', ${ttl}, 'NX'` : `'EX', ${ttl}`),
    );
  },
};
