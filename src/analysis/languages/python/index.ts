/**
 * Python: redis-py, django.core.cache, Flask-Caching and aiocache clients; SQL run through
 * cursor.execute and friends; Django's ORM managers and model saves; SQLAlchemy (sqlalchemy.ts).
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import { looksLikeCache } from '../../clients';
import { appendArgument, expiryEdits, insertAt, numericTtl } from '../../edits';
import type { CacheClientKind, CacheOp, ColumnBinding, DbOp, DbVerb, GuardOp, KeyShape, ModelHook, Operation, TtlState } from '../../facts';
import { cacheOperation, callSite, dbOperation, guardOperation, passedQueries, placeWhenUsed, sqlOperation, sqlParameters, valueArgument, wrapperOperation, type CacheWrappers, type Columns, type Place } from '../../operations';
import { entityName } from '../../sql';
import { assignedLocal, concatenated, descendants, functionFacts, keyArguments, lineIndent, rangeOf, retriedUntilSuccess, statementIn, type AssignmentSyntax, type LoopSyntax } from '../../syntax';
import type { LanguageSupport } from '../language';
import { handlesRequests, registeredHandlers } from './requests';
import { mapperHooks, moduleListeners, sessionsIn, sqlalchemyOperations, type OrmScope } from './sqlalchemy';
import { ASSIGNMENT, callArguments, NESTED, savedFields, type Arguments } from './syntax';

const FUNCTION = new Set(['function_definition']);
const CALL_OR_WITH_ITEM = new Set(['call', 'with_item']);
const ORM_WRITES = new Set(['update', 'delete', 'create', 'bulk_create', 'bulk_update', 'get_or_create', 'update_or_create']);
const ORM_READS = new Set(['get', 'filter', 'all', 'first', 'last', 'values', 'values_list', 'exclude', 'get_object_or_404']);
const TTL_KEYWORDS = new Set(['ex', 'px', 'exat', 'pxat', 'keepttl', 'timeout', 'ttl', 'expire']);

type Clients = Map<string, CacheClientKind>;

/** Module-level names bound to cache clients: assignments from their constructors, and imports. */
function moduleClients(root: Node): Clients {
  const clients: Clients = new Map();
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    if (statement.type === 'import_from_statement') {
      const module = statement.childForFieldName('module_name')?.text ?? '';
      for (const name of statement.childrenForFieldName('name')) {
        const imported = (name?.type === 'aliased_import' ? name.childForFieldName('alias') : name)?.text;
        if (!imported) continue;
        if (module === 'django.core.cache' && (imported === 'cache' || imported === 'caches')) clients.set(imported, 'django-cache');
      }
    }
    const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : null;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left')?.text;
    const right = assignment.childForFieldName('right');
    if (!left || right?.type !== 'call') continue;
    const constructor = right.childForFieldName('function')?.text ?? '';
    if (/(^|\.)(Strict)?Redis(\.from_url)?$|redis\.from_url$|RedisCluster$/.test(constructor)) clients.set(left, 'redis-py');
    else if (/^(flask_caching\.)?Cache$/.test(constructor)) clients.set(left, 'flask-caching');
    else if (/aiocache|^(Simple|Redis|Memcached)Cache$/.test(constructor)) clients.set(left, 'aiocache');
  }
  return clients;
}

/** The literal text and interpolated parts of a string node; null if it is not a string. */
function stringTemplate(node: Node): { template: string; parts: string[] } | null {
  if (node.type === 'concatenated_string') {
    let template = '';
    const parts: string[] = [];
    for (const piece of node.namedChildren) {
      const reduced = piece ? stringTemplate(piece) : null;
      if (!reduced) return null;
      template += reduced.template;
      parts.push(...reduced.parts);
    }
    return { template, parts };
  }
  if (node.type !== 'string') return null;
  let template = '';
  const parts: string[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'string_content') template += child.text;
    else if (child.type === 'interpolation') {
      template += '{}';
      parts.push(child.childForFieldName('expression')?.text ?? child.text.slice(1, -1));
    } else if (child.type === 'escape_sequence') template += child.text;
  }
  return { template, parts };
}

/** `%s`, `%d`, `{}` and `{name}` placeholders become `{}`. */
function placeholders(format: string): string {
  return format.replace(/%[-#0 +]*\d*(?:\.\d+)?[sdifr]/g, '{}').replace(/\{[^{}]*\}/g, '{}');
}

/** Reduces a key expression to a template, following local assignments and key helpers. */
function keyTemplate(node: Node, scope: Scope, depth = 0): KeyShape {
  const direct = stringTemplate(node);
  if (direct) return direct;
  if (node.type === 'binary_operator') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const operator = node.childForFieldName('operator')?.text;
    if (left && right && operator === '+') {
      return concatenated(left, keyTemplate(left, scope, depth), right, keyTemplate(right, scope, depth));
    }
    if (left && right && operator === '%') {
      const format = stringTemplate(left);
      if (format) return { template: placeholders(format.template), parts: right.type === 'tuple' ? right.namedChildren.filter((n): n is Node => n !== null).map((n) => n.text) : [right.text] };
    }
  }
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const args = callArguments(node).positional;
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
      const format = fn.childForFieldName('object');
      const reduced = format ? stringTemplate(format) : null;
      if (reduced) return { template: placeholders(reduced.template), parts: args.map((a) => a.text) };
    }
    // A small key helper defined in the file: def user_key(user_id): return f"user:{user_id}".
    const helper = fn?.type === 'identifier' ? scope.helpers.get(fn.text) : undefined;
    if (helper && depth < 2) {
      const inner = keyTemplate(helper.returns, { ...scope, locals: new Map() }, depth + 1);
      const substitute = (part: string): string => {
        const index = helper.parameters.indexOf(part);
        return index >= 0 && args[index] ? args[index]!.text : part;
      };
      return { template: inner.template, parts: inner.parts.map(substitute) };
    }
  }
  if (node.type === 'identifier') {
    const assigned = scope.locals.get(node.text);
    if (assigned && depth < 2) return keyTemplate(assigned, scope, depth + 1);
  }
  return { template: null, parts: [node.text] };
}

interface Helper {
  readonly parameters: string[];
  readonly returns: Node;
}

interface Scope extends OrmScope {
  readonly clients: Clients;
  readonly helpers: Map<string, Helper>;
  /** Names assigned once in the function, to follow `key = f"..."; r.get(key)`. */
  readonly locals: Map<string, Node>;
  /** The function's body. */
  readonly body: Node;
  readonly wrappers: CacheWrappers;
  /** Whether the file can use SQLAlchemy at all (it mentions a session or a query). */
  readonly orm: boolean;
}

function parameterNames(fn: Node): string[] {
  const names: string[] = [];
  for (const parameter of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!parameter) continue;
    const name = parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? parameter.namedChildren.find((c) => c?.type === 'identifier'));
    if (name && name.text !== 'self' && name.text !== 'cls') names.push(name.text);
  }
  return names;
}

/** Functions whose body is a single `return <key expression>`. */
/**
 * Every function definition in the file, in source order: found from each `def` keyword in the
 * text, where a walk of the whole tree would visit every node. While someone types, this runs on
 * each keystroke, and the walk took most of its time in a large module.
 */
export function functionDefinitions(root: Node, text: string): Node[] {
  const found: Node[] = [];
  for (let at = text.indexOf('def'); at !== -1; at = text.indexOf('def', at + 3)) {
    const keyword = root.descendantForIndex(at, at + 3);
    if (keyword?.type === 'def' && keyword.parent && FUNCTION.has(keyword.parent.type)) found.push(keyword.parent);
  }
  return found;
}

function keyHelpers(functions: readonly Node[]): Map<string, Helper> {
  const helpers = new Map<string, Helper>();
  for (const fn of functions) {
    const body = fn.childForFieldName('body')?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment' && !(n.type === 'expression_statement' && n.namedChildren[0]?.type === 'string')) ?? [];
    const only = body.length === 1 && body[0]!.type === 'return_statement' ? body[0]!.namedChildren[0] : null;
    const name = fn.childForFieldName('name')?.text;
    if (only && name && (only.type === 'string' || only.type === 'binary_operator' || only.type === 'call')) helpers.set(name, { parameters: parameterNames(fn), returns: only });
  }
  return helpers;
}

/** What a function's facts depend on outside its top-level statement: the module's clients and the key helpers. */
const contextKey = (clients: Clients, helpers: ReadonlyMap<string, Helper>, listeners: ReadonlyMap<string, readonly ModelHook[]>): string =>
  JSON.stringify([[...clients], [...helpers].map(([name, helper]) => [name, helper.parameters, helper.returns.text]), [...listeners]]);

function ttlState(client: CacheClientKind, method: string, args: Arguments): TtlState {
  const name = method.toLowerCase();
  if (name === 'setex' || name === 'psetex') return 'present';
  for (const [keyword, value] of args.keywords) {
    if (!TTL_KEYWORDS.has(keyword)) continue;
    if (value.text === 'None') return client === 'django-cache' || client === 'flask-caching' ? 'none' : 'absent';
    if (client === 'flask-caching' && value.text === '0') return 'none';
    return 'present';
  }
  // Django and Flask-Caching take the timeout as the third argument.
  if ((client === 'django-cache' || client === 'flask-caching') && args.positional.length >= 3) return args.positional[2]!.text === 'None' ? 'none' : 'present';
  // A Redis SET without EX or PX never expires.
  return client === 'redis-py' || client === 'cache' ? 'none' : 'absent';
}

const STATEMENT_CONTAINERS = new Set(['block', 'module']);
const statementOf = (node: Node): Node => statementIn(node, STATEMENT_CONTAINERS);

const LOOPS = new Set(['for_statement', 'while_statement', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const TRANSACTION = /\b(atomic|transaction|begin)\b/;

/** The call's range, statement and transaction block: `with transaction.atomic():` or an @transaction.atomic function. */
const LOOP_SYNTAX: LoopSyntax = {
  functions: NESTED,
  loops: new Set(['for_statement', 'while_statement']),
  endless: (loop) => loop.type === 'while_statement' && /^(True|1)$/.test(loop.childForFieldName('condition')?.text ?? ''),
  exits: new Set(['break_statement', 'return_statement', 'raise_statement']),
  conditionals: new Set(['if_statement', 'elif_clause']),
};

function placeOf(call: Node): Place & { inLoop: boolean; retriedUntilSuccess: boolean } {
  let inLoop = false;
  let transaction: Node | null = null;
  let current = call.parent;
  for (; current && current.type !== 'function_definition'; current = current.parent) {
    if (LOOPS.has(current.type) && !LOOP_SYNTAX.endless(current)) inLoop = true;
    if (!transaction && current.type === 'with_statement' && TRANSACTION.test(current.namedChildren.find((c) => c?.type === 'with_clause')?.text ?? '')) transaction = current;
  }
  // The walk up stops at the call's function.
  const fn = current;
  if (!transaction && fn?.parent?.type === 'decorated_definition' && fn.parent.namedChildren.some((d) => d?.type === 'decorator' && TRANSACTION.test(d.text))) transaction = fn.childForFieldName('body');
  const statement = statementOf(call);
  return { range: rangeOf(call), statement: rangeOf(statement), transaction: transaction ? rangeOf(transaction) : null, inLoop, retriedUntilSuccess: retriedUntilSuccess(call, statement, LOOP_SYNTAX) };
}

function ancestor(node: Node, type: string): Node | null {
  let current = node.parent;
  while (current && current.type !== type) current = current.parent;
  return current;
}

function ttlArgument(client: CacheClientKind, method: string, args: Arguments): Node | null {
  for (const keyword of ['ex', 'px', 'exat', 'pxat', 'timeout', 'ttl', 'expire']) {
    const value = args.keywords.get(keyword);
    if (value) return value;
  }
  if (/^p?setex$/i.test(method)) return args.positional[1] ?? null;
  if (client === 'django-cache' || client === 'flask-caching') return args.positional[2] ?? null;
  return null;
}

const ASSIGNMENT_SYNTAX: AssignmentSyntax = {
  types: new Set(['assignment', 'named_expression']),
  sides(assignment) {
    const left = assignment.childForFieldName('left') ?? assignment.childForFieldName('name');
    const right = assignment.childForFieldName('right') ?? assignment.childForFieldName('value');
    const unpacked = left?.type === 'pattern_list' || left?.type === 'tuple_pattern';
    return { names: left ? (unpacked ? left.namedChildren.filter((n): n is Node => n !== null) : [left]) : [], values: right ? (right.type === 'expression_list' ? right.namedChildren.filter((n): n is Node => n !== null) : [right]) : [] };
  },
};

function pythonCacheOperation(call: Node, receiver: string, method: string, scope: Scope): CacheOp | null {
  const client = scope.clients.get(receiver) ?? (looksLikeCache(receiver) ? (receiver === 'cache' ? 'django-cache' : 'cache') : undefined);
  if (!client) return null;
  const args = callArguments(call);
  return cacheOperation({
    client,
    receiver,
    method,
    keyArguments: keyArguments(args.positional, (node) => keyTemplate(node, scope)),
    ttl: ttlState(client, method, args),
    ttlArgument: ttlArgument(client, method, args),
    onlyIfAbsent: args.keywords.get('nx')?.text === 'True' || (client === 'django-cache' && method === 'add'),
    assignedTo: assignedLocal(call, statementOf(call), scope.body, NESTED, ASSIGNMENT_SYNTAX),
    value: valueArgument(method, args.positional),
    locals: scope.locals,
    ...placeOf(call),
  });
}

/** The arguments bound to an SQL statement's placeholders, when passed as a list or tuple. */
const boundArguments = (node: Node | undefined): string[] => (node?.type === 'list' || node?.type === 'tuple' ? node.namedChildren.filter((n): n is Node => n !== null).map((n) => n.text) : []);

/** A Django lookup's column: `email` and `email__exact` compare for equality; other lookups (`__iexact`, `__in`) do not. */
function lookupColumn(keyword: string): string | null {
  const [column, lookup, ...rest] = keyword.split('__');
  return rest.length === 0 && (lookup === undefined || lookup === 'exact') ? column!.toLowerCase() : null;
}

/** What a manager call chain filters by (its `get` and `filter` keywords) and, for `update`, assigns. */
function managerColumns(call: Node, method: string): Columns {
  const filters: ColumnBinding[] = [];
  for (let link: Node | null = call; link?.type === 'call'; link = link.childForFieldName('function')?.childForFieldName('object') ?? null) {
    const name = link.childForFieldName('function')?.childForFieldName('attribute')?.text;
    if (name !== 'get' && name !== 'filter') continue;
    for (const [keyword, value] of callArguments(link).keywords) {
      const column = lookupColumn(keyword);
      if (column) filters.push({ column, argument: value.text });
    }
  }
  const assigns = method === 'update' ? [...callArguments(call).keywords].map(([column, value]) => ({ column: column.toLowerCase(), argument: value.text })) : [];
  return { assigns, filters, instance: null };
}

/** A guard: a call by its name, or a `with` on a lock object (`with self._lock:`), which covers the whole statement. */
function guard(node: Node): GuardOp | null {
  const named = node.type === 'call' ? node.childForFieldName('function') : node.childForFieldName('value');
  if (!named || (node.type === 'with_item' && named.type === 'call')) return null;
  return guardOperation(named.text, node.type === 'call' ? node : (ancestor(node, 'with_statement') ?? node));
}

/** The SQL a call runs: its argument, or the argument of SQLAlchemy's `text(...)` in its place. */
const sqlArgument = (node: Node): Node => (node.type === 'call' && /(^|\.)text$/.test(node.childForFieldName('function')?.text ?? '') && callArguments(node).positional[0]) || node;

const SQL_TEXT = new Set(['string', 'concatenated_string', 'binary_operator', 'identifier']);

/** The query each argument that is SQL text runs if the callee runs it, the list or tuple after it bound to its placeholders. */
function queriesPassed(call: Node, scope: Scope): (DbOp | null)[] {
  // Only text can be SQL: a string, strings joined, a local holding one, or SQLAlchemy's text(...).
  const text = (arg: Node): string | null => {
    const sql = sqlArgument(arg);
    return SQL_TEXT.has(sql.type) ? keyTemplate(sql, scope).template : null;
  };
  return passedQueries(callArguments(call).positional, placeWhenUsed(() => placeOf(call)), text, (after) => boundArguments(after[0]));
}

/** The operation of a call, or several: a session's commit saves every changed instance. */
function operation(call: Node, scope: Scope): Operation | readonly Operation[] | null {
  const fn = call.childForFieldName('function');
  if (!fn) return null;
  const name = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.text;
  if (name && scope.wrappers.has(name)) {
    const keys = keyArguments(callArguments(call).positional, (node) => keyTemplate(node, scope));
    return wrapperOperation(scope.wrappers, name, fn.type === 'attribute' ? (fn.childForFieldName('object')?.text ?? '') : '', keys, placeOf(call));
  }
  if (fn.type === 'identifier') return callSite(fn.text, rangeOf(call), queriesPassed(call, scope));
  if (fn.type !== 'attribute') return null;
  const receiver = fn.childForFieldName('object')?.text ?? '';
  const method = fn.childForFieldName('attribute')?.text ?? '';
  const cache = pythonCacheOperation(call, receiver, method, scope);
  if (cache) return cache;
  const place = placeWhenUsed(() => placeOf(call));
  const sql = sqlOperation(method, place, () => {
    const [first, second] = callArguments(call).positional;
    return { sql: first ? keyTemplate(sqlArgument(first), scope).template : null, bound: boundArguments(second) };
  });
  if (sql) return sql;
  const sqlalchemy = scope.orm ? sqlalchemyOperations(call, scope) : null;
  if (sqlalchemy) return sqlalchemy;
  // Django: Model.objects.filter(...).update(...), Model.objects.get(...).
  const manager = /^([A-Z]\w*)\.objects\b/.exec(receiver);
  if (manager && (ORM_WRITES.has(method) || ORM_READS.has(method))) {
    const write = dbOperation(ORM_WRITES.has(method) ? (method === 'delete' ? 'delete' : method === 'update' ? 'update' : 'insert') : 'select', manager[1]!, place, managerColumns(call, method));
    // A queryset's delete() sends each object's delete signals; its update() sends none.
    return method === 'delete' ? { ...write, runsHooks: true } : write;
  }
  // A model instance saved or deleted: user.save().
  if ((method === 'save' || method === 'delete') && /^[a-z_]\w*$/.test(receiver) && receiver !== 'self') {
    return { ...(method === 'save' ? dbOperation('save', receiver, place, savedFields(receiver, call, scope.body)) : dbOperation('delete', receiver, place)), runsHooks: true };
  }
  if (receiver === 'self' || receiver === 'cls') return callSite(method, rangeOf(call), queriesPassed(call, scope));
  return null;
}

const DJANGO_SIGNALS = new Map<string, DbVerb>([['pre_save', 'save'], ['post_save', 'save'], ['pre_delete', 'delete'], ['post_delete', 'delete']]);

/**
 * The ORM writes that run `fn`: Django's `@receiver(post_save, sender=User)` (one signal or a
 * list), SQLAlchemy's `@event.listens_for(User, "after_update")`, or for a function of the module,
 * `event.listen(User, "after_update", fn)` there (`listeners`).
 */
function modelHooks(fn: Node, listeners: ReadonlyMap<string, readonly ModelHook[]>): ModelHook[] {
  const definition = fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
  const decorated = definition.namedChildren.filter((d): d is Node => d?.type === 'decorator').flatMap((decorator): ModelHook[] => {
    const call = decorator.namedChildren[0];
    if (call?.type !== 'call') return [];
    if (!/(^|\.)receiver$/.test(call.childForFieldName('function')?.text ?? '')) return mapperHooks(call);
    const args = callArguments(call);
    const signals = args.positional[0]?.type === 'list' ? args.positional[0].namedChildren.filter((n): n is Node => n !== null) : args.positional.slice(0, 1);
    const sender = args.keywords.get('sender');
    return sender ? signals.flatMap((signal) => {
      const verb = DJANGO_SIGNALS.get(signal.text.replace(/^signals\./, ''));
      return verb ? [{ entity: entityName(sender.text.split('.').at(-1)!), verb }] : [];
    }) : [];
  });
  const registered = definition.parent?.type === 'module' ? (listeners.get(fn.childForFieldName('name')?.text ?? '') ?? []) : [];
  return [...decorated, ...registered];
}

function functionName(fn: Node): string {
  const name = fn.childForFieldName('name')?.text ?? '<lambda>';
  let parent = fn.parent;
  while (parent && parent.type !== 'class_definition') parent = parent.parent;
  const owner = parent?.childForFieldName('name')?.text;
  return owner ? `${owner}.${name}` : name;
}

/** `pipe = r.pipeline()` and `with r.pipeline() as pipe:` make `pipe` a client of r's kind. */
function withPipelines(clients: Clients, body: Node): Clients {
  let scoped: Clients | undefined;
  const alias = (name: string | undefined, value: Node | null | undefined): void => {
    const receiver = value?.type === 'call' ? value.childForFieldName('function') : null;
    if (!name || receiver?.type !== 'attribute' || receiver.childForFieldName('attribute')?.text !== 'pipeline') return;
    const kind = clients.get(receiver.childForFieldName('object')?.text ?? '');
    if (kind) (scoped ??= new Map(clients)).set(name, kind);
  };
  for (const node of descendants(body, new Set(['assignment', 'as_pattern']), NESTED)) {
    if (node.type === 'assignment') alias(node.childForFieldName('left')?.text, node.childForFieldName('right'));
    else alias(node.childForFieldName('alias')?.text, node.namedChildren[0]);
  }
  return scoped ?? clients;
}

function localAssignments(body: Node): Map<string, Node> {
  const locals = new Map<string, Node>();
  const counts = new Map<string, number>();
  for (const assignment of descendants(body, ASSIGNMENT, NESTED)) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    counts.set(left.text, (counts.get(left.text) ?? 0) + 1);
    locals.set(left.text, right);
  }
  // Only names assigned once: a reassigned name could hold anything.
  for (const [name, count] of counts) if (count > 1) locals.delete(name);
  return locals;
}

export const python: LanguageSupport = {
  id: 'python',
  extensions: ['.py', '.pyi'],
  editorLanguages: ['python'],
  lineComment: '#',
  grammarFor: () => 'tree-sitter-python.wasm',
  commentTypes: ['comment'],
  registeredHandlers,
  extractFunctions(root, text, reuse, wrappers, path) {
    const clients = moduleClients(root);
    const functions = functionDefinitions(root, text);
    const helpers = keyHelpers(functions);
    const listeners = moduleListeners(root);
    // SQLAlchemy's sessions are named like one, typed as one or made by a factory, and Flask-SQLAlchemy reads through Model.query.
    const orm = /session|\.query\b/i.test(text);
    return reuse.functions(root, text, contextKey(clients, helpers, listeners), functions, (fn) => {
      const body = fn.childForFieldName('body')!;
      const scope: Scope = { clients: withPipelines(clients, body), helpers, locals: localAssignments(body), body, wrappers, orm, sessions: orm ? sessionsIn(fn, body) : new Set(), placeOf };
      const nodes = descendants(body, CALL_OR_WITH_ITEM, NESTED);
      const operations = nodes.flatMap((node) => [...(node.type === 'call' ? [operation(node, scope)].flat() : []), guard(node)]).filter((op): op is Operation => op !== null);
      const statements = body.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
      const hookFor = modelHooks(fn, listeners);
      const parameters = parameterNames(fn);
      const runsSql = sqlParameters(parameters, nodes.filter((node) => node.type === 'call'), (call) => call.childForFieldName('function')?.childForFieldName('attribute')?.text, (call) => {
        const first = callArguments(call).positional[0];
        return first && sqlArgument(first).text;
      });
      return functionFacts(fn, { name: functionName(fn), parameters, indent: statements[0] ? lineIndent(text, statements[0]) : '    ', ...(hookFor.length > 0 ? { hookFor } : {}), ...(runsSql.length > 0 ? { sqlParameters: runsSql } : {}), handlesRequests: handlesRequests(fn, parameters, path) }, statements, operations);
    });
  },
  renderKey(template, parts) {
    let index = 0;
    const literal = template.replace(/[{}]/g, (brace) => brace + brace).replace(/\{\{\}\}/g, () => `{${parts[index++] ?? ''}}`);
    return `f"${literal.replace(/"/g, '\\"')}"`;
  },
  renderDelete(like, key) {
    return `${like.receiver}.delete(${key})`;
  },
  renderStatement: (_like, call) => call,
  ttlExpression: (_like, seconds) => String(seconds),
  jitter(ttl, text) {
    const seconds = numericTtl(ttl);
    const expression = seconds === null ? `${ttl} + random.randint(0, ${ttl} // 10)` : `random.randint(${seconds}, ${seconds + Math.round(seconds / 10)})`;
    if (/^import[ \t]+(\w+[ \t]*,[ \t]*)*random\b/m.test(text)) return { expression, edits: [] };
    // Before the first top-level import, or at the top of a file without one.
    const firstImport = /^(import|from)[ \t]/m.exec(text)?.index ?? 0;
    return { expression, edits: [insertAt(text, firstImport, 'import random\n')] };
  },
  expiryEdits(op, ttl, text) {
    const keyword = op.client === 'django-cache' || op.client === 'flask-caching' ? 'timeout' : op.client === 'aiocache' ? 'ttl' : 'ex';
    return expiryEdits(op, ttl, text, (setnx) => appendArgument(op.range, text, setnx ? `nx=True, ${keyword}=${ttl}` : `${keyword}=${ttl}`));
  },
};

