/**
 * Java method calls as operations: cache clients (Jedis, Lettuce, RedisTemplate, Caffeine,
 * Spring's Cache), Spring Data repositories, EntityManager, SQL through JdbcTemplate and JDBC,
 * and calls of other methods.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { CacheClientKind, CacheOp, DbOp, DbVerb, GuardOp, KeyTemplate, Operation, TtlState } from '../../facts';
import { cacheOperation, callSite, dbOperation, guardOperation, passedQueries, placeWhenUsed, sqlOperation, valueArgument, wrapperOperation, type CacheWrappers, type Columns, type Place } from '../../operations';
import { entityName } from '../../sql';
import { assignedLocal, descendants, edgeOf, keyArguments, rangeOf, retriedUntilSuccess, statementIn, type AssignmentSyntax, type LoopSyntax } from '../../syntax';
import { CALL, declarationOf, isScalar, METHODS, typeName, type MethodScope } from './declarations';
import { argumentsOf, keyTemplate, stringValue } from './keys';
import { receiverOf, type Receiver } from './receivers';
import { cacheKey } from './spring';

const LOOPS = new Set(['for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement']);
const FUNCTIONS = new Set([...METHODS, 'lambda_expression']);

const LOOP_SYNTAX: LoopSyntax = {
  functions: FUNCTIONS,
  loops: LOOPS,
  // `while (true)`, `do { } while (true)`, `for (;;)`.
  endless: (loop) => (loop.type === 'for_statement' ? !loop.childForFieldName('condition') : loop.childForFieldName('condition')?.text === '(true)'),
  exits: new Set(['break_statement', 'return_statement', 'throw_statement']),
  conditionals: new Set(['if_statement']),
};

const ASSIGNMENT_SYNTAX: AssignmentSyntax = {
  types: new Set(['variable_declarator', 'assignment_expression']),
  sides(assignment) {
    if (assignment.type === 'variable_declarator') return { names: [assignment.childForFieldName('name')!], values: [assignment.childForFieldName('value')].filter((n): n is Node => n !== null) };
    // `+=` keeps deriving from the same value.
    if (assignment.childForFieldName('operator')?.text !== '=') return { names: [], values: [] };
    return { names: [assignment.childForFieldName('left')!], values: [assignment.childForFieldName('right')!] };
  },
};

/** The method a call is in, and what its whole body runs in. */
export interface CallContext {
  readonly scope: MethodScope;
  readonly body: Node;
  /** The method's body when @Transactional makes it one transaction. */
  readonly transaction: Node | null;
  readonly wrappers: CacheWrappers;
}

const STATEMENT_CONTAINERS = new Set(['block', 'constructor_body', 'switch_block_statement_group', 'class_body', 'program']);
const statementOf = (node: Node): Node => statementIn(node, STATEMENT_CONTAINERS);

/** The call that `lambda` is an argument of, when the called method's name matches. */
function lambdaArgumentOf(lambda: Node, methods: RegExp): Node | null {
  const call = lambda.parent?.type === 'argument_list' ? lambda.parent.parent : null;
  return call?.type === 'method_invocation' && methods.test(call.childForFieldName('name')?.text ?? '') ? call : null;
}

/** The call's range and statement; its transaction (the method's, or a TransactionTemplate callback's); whether it repeats. */
function placeOf(call: Node, context: CallContext): Place & { inLoop: boolean } {
  let inLoop = false;
  let transaction = context.transaction;
  for (let current = call.parent; current && !METHODS.has(current.type); current = current.parent) {
    if (LOOPS.has(current.type) && !LOOP_SYNTAX.endless(current)) inLoop = true;
    if (current.type !== 'lambda_expression') continue;
    if (lambdaArgumentOf(current, /^forEach$/)) inLoop = true;
    const execute = transaction ? null : lambdaArgumentOf(current, /^(execute|executeWithoutResult)$/);
    const template = execute?.childForFieldName('object');
    if (template && receiverOf(template, context.scope)?.role === 'transaction-template') transaction = current.childForFieldName('body');
  }
  return { range: rangeOf(call), statement: rangeOf(statementOf(call)), transaction: transaction ? rangeOf(transaction) : null, inLoop };
}

/** Whether the write expires, the argument saying so, and whether it only sets an absent key. */
function expiry(client: CacheClientKind, method: string, args: readonly Node[]): { ttl: TtlState; argument: Node | null; onlyIfAbsent: boolean } {
  const name = method.toLowerCase();
  if (client === 'jedis' || client === 'lettuce') {
    if (name === 'setex' || name === 'psetex') return { ttl: 'present', argument: args[1] ?? null, onlyIfAbsent: false };
    const options = args.slice(2);
    // Jedis 2's flags: set(key, value, "NX", "EX", 60).
    const flags = options.map((option) => stringValue(option)?.toUpperCase() ?? null);
    const flag = flags.findIndex((f) => f === 'EX' || f === 'PX');
    // SetParams.setParams().ex(60).nx(), SetArgs.Builder.ex(60), new SetArgs().px(500).
    const builders = options.flatMap((option) => descendants(option, CALL)).map((call) => [call.childForFieldName('name')?.text ?? '', call] as const);
    const setter = builders.find(([builder]) => /^(ex|px|exAt|pxAt|keepttl|keepTtl)$/.test(builder))?.[1];
    const onlyIfAbsent = flags.includes('NX') || builders.some(([builder]) => builder === 'nx');
    if (flag >= 0) return { ttl: 'present', argument: options[flag + 1] ?? null, onlyIfAbsent };
    if (setter) return { ttl: 'present', argument: argumentsOf(setter)[0] ?? null, onlyIfAbsent };
    return { ttl: 'none', argument: null, onlyIfAbsent };
  }
  if (client === 'redis-template' && /^(set|setifabsent|setifpresent|multiset)$/.test(name)) {
    const onlyIfAbsent = name === 'setifabsent';
    const timeout = name === 'multiset' ? undefined : args[2];
    if (!timeout) return { ttl: 'none', argument: null, onlyIfAbsent };
    // set(key, value, offset) overwrites from an offset and leaves the expiry alone.
    if (name === 'set' && args.length === 3 && timeout.type === 'decimal_integer_literal') return { ttl: 'absent', argument: null, onlyIfAbsent };
    return { ttl: 'present', argument: timeout, onlyIfAbsent };
  }
  // Caffeine's and Spring's caches expire as they were built or configured.
  return { ttl: 'absent', argument: null, onlyIfAbsent: false };
}

/** A key argument; in a Spring cache named by the call, `cacheName::key`, a bare scalar being the whole key. */
function keyArgument(arg: Node, receiver: Receiver & { role: 'cache' }, scope: MethodScope): KeyTemplate {
  const shape = keyTemplate(arg, scope.keys);
  const base = { text: arg.text, range: rangeOf(arg) };
  if (receiver.cacheName === undefined) return { ...shape, ...base };
  const declared = arg.type === 'identifier' ? declarationOf(scope, arg.text) : undefined;
  const template = shape.template ?? (!declared || isScalar(declared.type, scope.file) ? '{}' : null);
  return { template: template === null ? null : cacheKey(receiver.cacheName, template), parts: shape.parts, ...base };
}

function cacheOperations(call: Node, receiver: Receiver & { role: 'cache' }, context: CallContext, place: Place & { inLoop: boolean }): CacheOp[] {
  const method = call.childForFieldName('name')?.text ?? '';
  const args = argumentsOf(call);
  const { ttl, argument, onlyIfAbsent } = expiry(receiver.client, method, args);
  const statement = statementOf(call);
  const parts = {
    client: receiver.client,
    receiver: call.childForFieldName('object')!.text,
    method,
    keyArguments: args.map((arg) => keyArgument(arg, receiver, context.scope)),
    ttl,
    ttlArgument: argument,
    onlyIfAbsent,
    retriedUntilSuccess: retriedUntilSuccess(call, statement, LOOP_SYNTAX),
    assignedTo: assignedLocal(call, statement, context.body, FUNCTIONS, ASSIGNMENT_SYNTAX),
    value: valueArgument(method, args),
    locals: context.scope.keys.values,
    ...place,
  };
  // A named Spring cache's clear() or invalidate() deletes its keys, not everything in Redis.
  if (receiver.cacheName !== undefined && /^(clear|invalidate)$/.test(method) && args.length === 0) {
    return [{ ...cacheOperation({ ...parts, kind: 'delete' })!, keyPrefix: cacheKey(receiver.cacheName, '') }];
  }
  const op = cacheOperation(parts);
  if (!op) return [];
  // get(key, loader) of Caffeine and Spring's Cache: a miss runs the loader and stores what it returns.
  const loader = op.kind === 'get' && args.length === 2 && (args[1]!.type === 'lambda_expression' || args[1]!.type === 'method_reference');
  return loader ? [op, { ...cacheOperation({ ...parts, kind: 'set', value: null })!, effectAt: edgeOf(call, 'end') }] : [op];
}

/** A guard the call is by its name (`lock.lock()`, `redisson.getLock(...)`); a cache's loader runs once for concurrent misses of a key. */
function guard(call: Node, operations: readonly Operation[]): GuardOp | null {
  const object = call.childForFieldName('object');
  const name = `${object ? `${object.text}.` : ''}${call.childForFieldName('name')?.text ?? ''}`;
  const loads = operations.some((op) => op.type === 'cache' && op.effectAt !== undefined);
  return loads ? guardOperation(name, call, 'single-flight') : guardOperation(name, call);
}

/** A repository method's verb: Spring Data's CRUD methods and derived queries; `update...` is a custom @Modifying query. */
function repositoryVerb(method: string): DbVerb | null {
  if (/^(save|saveAll|saveAndFlush|saveAllAndFlush)$/.test(method)) return 'save';
  if (/^(delete|remove)/.test(method)) return 'delete';
  if (/^update/.test(method)) return 'update';
  return /^(find|get|read|query|search|stream|count|exists)/.test(method) ? 'select' : null;
}

/**
 * Spring Data's saves and deletes go through EntityManager persist, merge and remove, which run the
 * entity's JPA callbacks; the deletes ...InBatch and `update...` (@Modifying) queries are bulk JPQL, which do not.
 */
const runsCallbacks = (method: string, verb: DbVerb): boolean => verb === 'save' || (verb === 'delete' && !/InBatch$/.test(method));

const ENTITY_MANAGER_VERBS: Readonly<Record<string, DbVerb>> = { persist: 'insert', merge: 'save', remove: 'delete', find: 'select', getReference: 'select' };

/** The entity an EntityManager call is about: `Order.class`, `new Order(...)`, or an argument's declared type (else its name). */
function entityOf(arg: Node | undefined, scope: MethodScope): string | null {
  if (!arg) return null;
  if (arg.type === 'class_literal' || arg.type === 'object_creation_expression') return typeName(arg.type === 'class_literal' ? arg.namedChildren[0] ?? null : arg.childForFieldName('type'));
  const declared = arg.type === 'identifier' ? declarationOf(scope, arg.text)?.type : null;
  return typeName(declared && declared.text !== 'var' ? declared : null) ?? (arg.type === 'identifier' ? arg.text : null);
}

/** What a save or delete of one entity (`orders.save(order)`, `em.merge(order)`) writes: that instance. */
const instanceOf = (arg: Node | undefined): Columns => ({ assigns: [], filters: [], instance: arg?.type === 'identifier' ? arg.text : null });

function databaseOperation(method: string, receiver: Receiver | null, args: readonly Node[], scope: MethodScope, place: Place): DbOp | null {
  if (receiver?.role === 'repository') {
    const query = receiver.queries.get(method);
    if (query) return dbOperation(query.verb, query.table, place);
    const verb = repositoryVerb(method);
    if (verb) return { ...dbOperation(verb, receiver.entity, place, instanceOf(args[0])), ...(runsCallbacks(method, verb) ? { runsHooks: true } : {}) };
  }
  const db = sqlOperation(method, place, () => ({ sql: args[0] ? keyTemplate(args[0], scope.keys).template : null }));
  if (db || receiver?.role !== 'entity-manager') return db;
  const verb = ENTITY_MANAGER_VERBS[method];
  const entity = entityOf(args[0], scope);
  return verb && entity ? { ...dbOperation(verb, entity, place, instanceOf(args[0])), ...(verb === 'select' ? {} : { runsHooks: true }) } : null;
}

const SQL_TEXT = new Set(['string_literal', 'binary_expression', 'identifier']);

/**
 * A call of a method by name: unqualified or on `this` (the object itself), or on a field or variable
 * (another bean's `evictOrder(id)`), with the query each argument that is SQL text runs if the method runs it.
 */
function methodCall(call: Node, object: Node | null, context: CallContext): Operation | null {
  const name = call.childForFieldName('name')?.text;
  const self = !object || object.type === 'this';
  const byName = self || (object.type === 'identifier' && /^[a-z]/.test(object.text)) || (object.type === 'field_access' && object.childForFieldName('object')?.type === 'this');
  if (!name || !byName) return null;
  const text = (arg: Node): string | null => (SQL_TEXT.has(arg.type) ? keyTemplate(arg, context.scope.keys).template : null);
  const site = callSite(name, rangeOf(call), passedQueries(argumentsOf(call), placeWhenUsed(() => placeOf(call, context)), text));
  return self ? { ...site, self: true } : site;
}

export function callOperations(call: Node, context: CallContext): Operation[] {
  const operations = callFacts(call, context);
  const held = guard(call, operations);
  return held ? [...operations, held] : operations;
}

function callFacts(call: Node, context: CallContext): Operation[] {
  const name = call.childForFieldName('name')?.text ?? '';
  if (context.wrappers.has(name)) {
    const keys = keyArguments(argumentsOf(call), (arg) => keyTemplate(arg, context.scope.keys));
    const wrapped = wrapperOperation(context.wrappers, name, call.childForFieldName('object')?.text ?? '', keys, placeOf(call, context));
    if (wrapped) return [wrapped];
  }
  const object = call.childForFieldName('object');
  const receiver = object ? receiverOf(object, context.scope) : null;
  if (receiver?.role === 'cache') {
    const cache = cacheOperations(call, receiver, context, placeOf(call, context));
    if (cache.length > 0) return cache;
  }
  const db = databaseOperation(call.childForFieldName('name')?.text ?? '', receiver, argumentsOf(call), context.scope, placeWhenUsed(() => placeOf(call, context)));
  if (db) return [db];
  // A repository's other methods may have a @Query declared in another file, which the rules look up by name.
  if (receiver?.role === 'repository') return [{ type: 'call', name, range: rangeOf(call), repository: entityName(receiver.entity) }];
  // A client's other methods (`opsForValue()`, `orElseThrow()`) are not the user's code.
  const site = receiver ? null : methodCall(call, object, context);
  return site ? [site] : [];
}
