/**
 * SQLAlchemy's ORM, and Flask-SQLAlchemy's `Model.query`: the reads and writes of a session, and
 * the mapper events that run on an instance's flush. A receiver counts as a session only when it
 * plausibly is one, so that an HTTP session's `get(url)` or a set's `add(item)` is no database operation.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { ColumnBinding, DbOp, DbVerb, ModelHook } from '../../facts';
import { dbOperation, type Columns, type Place } from '../../operations';
import { entityName } from '../../sql';
import { descendants } from '../../syntax';
import { callArguments, NESTED, savedFields } from './syntax';

/** What a function knows about its sessions and model instances. */
export interface OrmScope {
  /** Names bound to a session in the function, besides those named like one (`session`, `db.session`). */
  readonly sessions: ReadonlySet<string>;
  /** Names assigned once in the function, to what. */
  readonly locals: ReadonlyMap<string, Node>;
  readonly body: Node;
  readonly placeOf: (call: Node) => Place;
}

/** A model instance held in a local: built by its constructor (new), or read by a session (loaded). */
interface Instance {
  readonly model: string;
  readonly loaded: boolean;
}

/** A receiver named like a session: `session`, `db.session`, `self._session`, `db_session`. */
const NAMED_SESSION = /(^|\.)_?(\w+_)?session$/i;
/** A call that opens a session: `Session()`, `SessionLocal()`, `async_session()`, `Session.begin()`; not an HTTP client's. */
const SESSION_FACTORY = /(^|\.)\w*session\w*(\(.*\))?$/i;
const HTTP_SESSION = /^(requests|aiohttp|httpx)\.|Client/;
/** A session annotation: `Session`, `orm.Session`, `AsyncSession`, `scoped_session`, `Annotated[Session, Depends(get_db)]`. */
const SESSION_TYPE = /\b(Async)?Session\b|\bscoped_session\b/;
/** A class by its name (`User`, `models.User`): capitalised, and not a constant (`API_URL`). */
const MODEL = /^(?:\w+\.)*([A-Z](?=\w*[a-z])\w*)$/;
/** Query methods that give one row: the instance itself. */
const ONE_ROW = new Set(['get', 'get_one', 'get_or_404', 'first', 'first_or_404', 'one', 'one_or_none', 'one_or_404', 'scalar', 'scalar_one', 'scalar_one_or_none']);
const STATEMENTS = new Set(['select', 'update', 'delete', 'insert']);
/** The mapper events that run on an instance's flush, by the ORM write that flushes it. */
const MAPPER_EVENTS = new Map<string, DbVerb>([['before_insert', 'insert'], ['after_insert', 'insert'], ['before_update', 'save'], ['after_update', 'save'], ['before_delete', 'delete'], ['after_delete', 'delete']]);

const methodOf = (call: Node): string => call.childForFieldName('function')?.childForFieldName('attribute')?.text ?? '';

function receiverOf(call: Node): Node | null {
  const receiver = call.childForFieldName('function')?.type === 'attribute' ? call.childForFieldName('function')!.childForFieldName('object') : null;
  return receiver && unwrapped(receiver);
}

/** `node` without the `await` or parentheses around it. */
function unwrapped(node: Node): Node {
  let inner = node;
  while ((inner.type === 'await' || inner.type === 'parenthesized_expression') && inner.namedChildren[0]) inner = inner.namedChildren[0];
  return inner;
}

/** The expression holding `node` inside any `await` or parentheses: `(await session.execute(q))` for the call. */
function wrapped(node: Node): Node {
  let outer = node;
  while (outer.parent?.type === 'await' || outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
  return outer;
}

/** The model a class reference or one of its columns names: `User`, `models.User`, `User.email`. */
const modelNamed = (node: Node | undefined): string | null => MODEL.exec(node?.type === 'attribute' && /^[a-z_]/.test(node.childForFieldName('attribute')?.text ?? '') ? (node.childForFieldName('object')?.text ?? '') : (node?.text ?? ''))?.[1] ?? null;

function isSessionFactory(call: Node): boolean {
  const callee = (call.childForFieldName('function')?.text ?? '').replace(/\.begin$/, '');
  return SESSION_FACTORY.test(callee) && !HTTP_SESSION.test(callee);
}

/** The names `fn` binds to a session: parameters annotated as one, `with Session() as s`, `s = SessionLocal()`. */
export function sessionsIn(fn: Node, body: Node): Set<string> {
  const sessions = new Set<string>();
  for (const parameter of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const name = parameter?.type === 'typed_parameter' ? parameter.namedChildren.find((c) => c?.type === 'identifier') : parameter?.childForFieldName('name');
    const type = parameter?.childForFieldName('type')?.text ?? '';
    if (name && SESSION_TYPE.test(type) && !HTTP_SESSION.test(type)) sessions.add(name.text);
  }
  for (const node of descendants(body, new Set(['assignment', 'as_pattern']), NESTED)) {
    const [name, value] = node.type === 'assignment' ? [node.childForFieldName('left'), node.childForFieldName('right')] : [node.childForFieldName('alias'), node.namedChildren[0]];
    const opened = value && unwrapped(value);
    if (name && opened?.type === 'call' && isSessionFactory(opened)) sessions.add(name.text);
  }
  return sessions;
}

/** A session by its name or how the function got it; a web request's session (`request.session`) is a dictionary. */
const isSession = (receiver: Node | null, scope: OrmScope): boolean => !!receiver && (scope.sessions.has(receiver.text) || (NAMED_SESSION.test(receiver.text) && !/(^|\.)request\.session$/.test(receiver.text)));

/** The calls chained on `call` (`.filter_by(...).first()`), and the outermost, whose range the operation takes. */
function chainAbove(call: Node): { readonly links: Node[]; readonly outermost: Node } {
  const links = [call];
  let outermost = call;
  for (let attribute = wrapped(call).parent; attribute?.type === 'attribute' && attribute.parent?.type === 'call' && attribute.parent.childForFieldName('function')?.id === attribute.id; attribute = wrapped(outermost).parent) {
    outermost = attribute.parent;
    links.push(outermost);
  }
  return { links, outermost };
}

/** A condition's equalities: `User.email == email`, both sides of an `and_(...)`. */
function equalities(condition: Node): ColumnBinding[] {
  if (condition.type === 'call' && /(^|\.)and_$/.test(condition.childForFieldName('function')?.text ?? '')) return callArguments(condition).positional.flatMap(equalities);
  const operators = condition.type === 'comparison_operator' ? condition.childrenForFieldName('operators') : [];
  const [left, right] = condition.namedChildren;
  if (operators.length !== 1 || operators[0]?.text !== '==' || !left || !right) return [];
  const [column, value] = modelNamed(left) && left.type === 'attribute' ? [left, right] : modelNamed(right) && right.type === 'attribute' ? [right, left] : [];
  return column && value ? [{ column: column.childForFieldName('attribute')!.text.toLowerCase(), argument: value.text }] : [];
}

/** What `.values(name=x)`, `.update({User.name: x})` or `.update({"name": x})` assigns. */
function assigned(call: Node): ColumnBinding[] {
  const { positional, keywords } = callArguments(call);
  const pairs = positional[0]?.type === 'dictionary' ? positional[0].namedChildren.filter((pair): pair is Node => pair?.type === 'pair') : [];
  return [
    ...[...keywords].map(([column, value]) => ({ column: column.toLowerCase(), argument: value.text })),
    ...pairs.flatMap((pair) => {
      const key = pair.childForFieldName('key');
      const column = key?.type === 'attribute' ? key.childForFieldName('attribute')?.text : key?.type === 'string' ? key.namedChildren.find((c) => c?.type === 'string_content')?.text : undefined;
      const value = pair.childForFieldName('value');
      return column && value ? [{ column: column.toLowerCase(), argument: value.text }] : [];
    }),
  ];
}

/** A query's verb and columns from the calls chained on it: `.filter_by(...)`, `.where(...)`, `.values(...)`, a bulk `.update(...)` or `.delete()`. */
function chainedQuery(links: readonly Node[], verb: DbVerb | null): { verb: DbVerb; columns: Columns } {
  let found = verb;
  const filters: ColumnBinding[] = [];
  const assigns: ColumnBinding[] = [];
  for (const link of links) {
    const method = methodOf(link);
    const args = callArguments(link);
    if (method === 'filter_by') filters.push(...[...args.keywords].map(([column, value]) => ({ column: column.toLowerCase(), argument: value.text })));
    else if (method === 'filter' || method === 'where') filters.push(...args.positional.flatMap(equalities));
    else if (method === 'values' || (method === 'update' && !verb)) assigns.push(...assigned(link));
    else if ((method === 'get' || method === 'get_or_404') && args.positional[0]) filters.push({ column: 'id', argument: args.positional[0].text });
    if (!verb && (method === 'update' || method === 'delete')) found = method;
  }
  return { verb: found ?? 'select', columns: { assigns, filters, instance: null } };
}

/** An ORM operation anchored at `call`: what it does, to which model, and the call whose range it takes. */
interface Query {
  readonly verb: DbVerb;
  readonly model: string;
  readonly columns: Columns;
  readonly outermost: Node;
  /** The method that gives its result: `first` for `.filter_by(...).first()`. */
  readonly result: string;
}

/** The statement a session runs: `select(User).where(...)`, `update(User).values(...)`, or a local assigned one. */
function statementQuery(node: Node | undefined, scope: OrmScope): Omit<Query, 'outermost' | 'result'> | null {
  const statement = node?.type === 'identifier' ? scope.locals.get(node.text) : node;
  let root = statement;
  while (root?.type === 'call' && receiverOf(root)?.type === 'call') root = receiverOf(root)!;
  const kind = root?.type === 'call' ? (root.childForFieldName('function')?.text ?? '').split('.').at(-1)! : '';
  const model = root && STATEMENTS.has(kind) ? modelNamed(callArguments(root).positional[0]) : null;
  if (!root || !model) return null;
  return { model, ...chainedQuery(chainAbove(root).links.slice(1), kind as DbVerb) };
}

/** A session's query, or Flask-SQLAlchemy's `Model.query`, anchored at `call`; null for any other call. */
function queryAt(call: Node, scope: OrmScope): Query | null {
  const receiver = receiverOf(call);
  const flask = receiver ? /^([A-Z]\w*)\.query$/.exec(receiver.text) : null;
  // Most calls are on neither: say so before walking the chain around the call.
  if (!flask && !isSession(receiver, scope)) return null;
  const method = methodOf(call);
  const { links, outermost } = chainAbove(call);
  const result = methodOf(outermost);
  if (flask) return { model: flask[1]!, ...chainedQuery(links, null), outermost, result };
  const [first, second] = callArguments(call).positional;
  if (method === 'get' || method === 'get_one') {
    // An HTTP session's get(url) takes no model class.
    const model = MODEL.exec(first?.text ?? '')?.[1];
    return model ? { verb: 'select', model, columns: { assigns: [], filters: second ? [{ column: 'id', argument: second.text }] : [], instance: null }, outermost, result } : null;
  }
  if (method === 'query') {
    const model = modelNamed(first);
    return model ? { model, ...chainedQuery(links.slice(1), null), outermost, result } : null;
  }
  if (method === 'execute' || method === 'scalars' || method === 'scalar') {
    const statement = statementQuery(first, scope);
    return statement && { ...statement, outermost, result };
  }
  return null;
}

/** The instance `value` gives: one its model's constructor builds, or one a session reads. */
function instanceOf(value: Node | undefined, scope: OrmScope): Instance | null {
  const call = value && unwrapped(value);
  if (call?.type !== 'call') return null;
  const constructed = MODEL.exec(call.childForFieldName('function')?.text ?? '')?.[1];
  if (constructed) return { model: constructed, loaded: false };
  for (let link: Node | null = call; link?.type === 'call'; link = receiverOf(link)) {
    const query = queryAt(link, scope);
    if (query) return query.outermost.id === call.id && query.verb === 'select' && ONE_ROW.has(query.result) ? { model: query.model, loaded: true } : null;
  }
  return null;
}

/** The instance a session writes: a local holding one, or one given in place (`session.merge(User(id=1, name=n))`). */
function writtenInstance(node: Node | undefined, scope: OrmScope): (Instance & { readonly columns: Columns }) | null {
  const local = node?.type === 'identifier' ? node.text : null;
  const instance = instanceOf(local === null ? node : scope.locals.get(local), scope);
  return instance && { ...instance, columns: { assigns: local === null && !instance.loaded ? assigned(unwrapped(node!)) : [], filters: [], instance: local } };
}

/** A session's `add`, `merge` or `delete` of an instance, or the instances a `commit` or `flush` saves; null when the receiver is no session. */
function instanceWrites(call: Node, scope: OrmScope): DbOp[] | null {
  const method = methodOf(call);
  if (!isSession(receiverOf(call), scope)) return null;
  const [first] = callArguments(call).positional;
  const place = scope.placeOf(call);
  if (method === 'delete') {
    const instance = writtenInstance(first, scope);
    return instance ? [{ ...dbOperation('delete', instance.model, place, instance.columns), runsHooks: true }] : [];
  }
  if (method === 'add' || method === 'merge') {
    const instance = writtenInstance(first, scope);
    if (!instance) return [];
    // A new instance added is an insert; merged, it may update the row with its key.
    if (!instance.loaded && method === 'add') return [dbOperation('insert', instance.model, place, instance.columns)];
    const columns = instance.columns.instance ? savedFields(instance.columns.instance, call, scope.body) : instance.columns;
    return [{ ...dbOperation('save', instance.model, place, columns), runsHooks: true }];
  }
  if (method !== 'commit' && method !== 'flush') return [];
  // A loaded instance whose fields were changed is saved by the flush, unless an add or merge already said so.
  const added = new Set(descendants(scope.body, new Set(['call']), NESTED).filter((other) => /^(add|merge)$/.test(methodOf(other)) && isSession(receiverOf(other), scope)).map((other) => callArguments(other).positional[0]?.text));
  return [...scope.locals.keys()].flatMap((name) => {
    const instance = added.has(name) ? null : instanceOf(scope.locals.get(name), scope);
    const columns = instance?.loaded ? savedFields(name, call, scope.body) : null;
    return instance && columns && columns.assigns.length > 0 ? [{ ...dbOperation('save', instance.model, place, columns), runsHooks: true }] : [];
  });
}

/**
 * The SQLAlchemy operations of `call`: a query's read or bulk write (which runs no mapper events),
 * or an instance's save or delete; none for another call of a session, and null for any other call.
 */
export function sqlalchemyOperations(call: Node, scope: OrmScope): DbOp[] | null {
  const query = queryAt(call, scope);
  if (query) return [dbOperation(query.verb, query.model, scope.placeOf(query.outermost), query.columns)];
  return instanceWrites(call, scope);
}

/** The writes a mapper event listener runs on: `@event.listens_for(User, "after_update")`, or `event.listen(User, "after_update", fn)`. */
export function mapperHooks(registration: Node): ModelHook[] {
  if (!/(^|\.)(listens_for|listen)$/.test(registration.childForFieldName('function')?.text ?? '')) return [];
  const [target, event] = callArguments(registration).positional;
  const model = target?.type === 'identifier' || target?.type === 'attribute' ? MODEL.exec(target.text)?.[1] : undefined;
  const verb = event?.type === 'string' ? MAPPER_EVENTS.get(event.namedChildren.find((c) => c?.type === 'string_content')?.text ?? '') : undefined;
  return model && verb ? [{ entity: entityName(model), verb }] : [];
}

/** Functions of the module registered by `event.listen(Model, "after_update", fn)` at its top level, and the writes that run them. */
export function moduleListeners(root: Node): Map<string, ModelHook[]> {
  const listeners = new Map<string, ModelHook[]>();
  for (const statement of root.namedChildren) {
    const call = statement?.type === 'expression_statement' ? statement.namedChildren[0] : null;
    if (call?.type !== 'call' || !/(^|\.)listen$/.test(call.childForFieldName('function')?.text ?? '')) continue;
    const listener = callArguments(call).positional[2];
    const hooks = mapperHooks(call);
    if (listener?.type === 'identifier' && hooks.length > 0) listeners.set(listener.text, [...(listeners.get(listener.text) ?? []), ...hooks]);
  }
  return listeners;
}
