/**
 * What files give each other's rules (fills by entity, functions by name), kept one file at a
 * time, and what each file's rules read of it: when a file changes, only the files that read
 * something it now gives differently need their rules run again.
 */
import type { CallSite, DbOp, DbVerb, EntityListeners, FileFacts, FunctionFacts, HandlerRegistration, KeyShape } from './facts';
import { happensAt, isCacheOp, isCallSite, isDbOp } from './facts';
import type { Fill, WorkspaceView } from './rule';

type NamedFunction = ReturnType<WorkspaceView['functionsNamed']>[number];
type FunctionsNamed = WorkspaceView['functionsNamed'];
type Registered = ReturnType<WorkspaceView['registrationsOf']>[number];

/** Items that files give under keys, each key's listed in the order the files were added, as one pass over them would list them. */
class KeyedItems<T> {
  /** Per key, each giving file's items. */
  private readonly byKey = new Map<string, Map<string, readonly T[]>>();
  private readonly merged = new Map<string, readonly T[]>();
  private readonly keysOf = new Map<string, readonly string[]>();
  /** Per key, the files whose findings read it; and per file, the keys it read. */
  private readonly readers = new Map<string, Set<string>>();
  private readonly readBy = new Map<string, Set<string>>();

  /**
   * `functionOf`: the function an item comes from, the same object while its facts are reused (null
   * for a plain value, the same while it is equal); `identity`: what is the same object while the
   * item is unchanged (by default its function).
   */
  constructor(private readonly rank: ReadonlyMap<string, number>, private readonly functionOf: (item: T) => FunctionFacts | null, private readonly identity: (item: T) => object | null = functionOf) {}

  read(key: string, reader: string): readonly T[] {
    (this.readers.get(key) ?? this.readers.set(key, new Set()).get(key)!).add(reader);
    (this.readBy.get(reader) ?? this.readBy.set(reader, new Set()).get(reader)!).add(key);
    let items = this.merged.get(key);
    if (!items) {
      const files = [...(this.byKey.get(key) ?? [])].sort(([a], [b]) => this.rank.get(a)! - this.rank.get(b)!);
      items = files.flatMap(([, own]) => own);
      this.merged.set(key, items);
    }
    return items;
  }

  /** Forgets what `reader` read, before its rules run again or once it is removed. */
  forgetReads(reader: string): void {
    for (const key of this.readBy.get(reader) ?? []) this.readers.get(key)?.delete(reader);
    this.readBy.delete(reader);
  }

  /** Replaces what `path` gives; the readers of each key it now gives differently join `stale`. */
  replace(path: string, items: ReadonlyMap<string, readonly T[]>, stale: Set<string>): void {
    for (const key of new Set([...(this.keysOf.get(path) ?? []), ...items.keys()])) {
      const files = this.byKey.get(key);
      const before = files?.get(path) ?? [];
      const after = items.get(key) ?? [];
      if (this.same(before, after)) continue;
      if (after.length > 0) (files ?? this.byKey.set(key, new Map()).get(key)!).set(path, after);
      else if (files?.delete(path) && files.size === 0) this.byKey.delete(key);
      this.merged.delete(key);
      for (const reader of this.readers.get(key) ?? []) stale.add(reader);
    }
    if (items.size > 0) this.keysOf.set(path, [...items.keys()]);
    else this.keysOf.delete(path);
  }

  private same(before: readonly T[], after: readonly T[]): boolean {
    return before.length === after.length && before.every((item, i) => {
      const [a, b] = [this.functionOf(item), this.functionOf(after[i]!)];
      if (!a || !b) return JSON.stringify(item) === JSON.stringify(after[i]);
      // Reused facts are the same objects, moved ones start elsewhere, and facts read again may still be equal.
      return this.identity(item) === this.identity(after[i]!) || (a.range.start === b.range.start && a.range.end === b.range.end && JSON.stringify(item) === JSON.stringify(after[i]));
    });
  }
}

/** What a file's fills read through calls is noted under its path after a NUL, which no path has: a change to it finds the file's fills again. */
const FILLS_OF = '\u0000';

export class WorkspaceIndex {
  private readonly rank = new Map<string, number>();
  private nextRank = 0;
  private readonly functionsOf = new Map<string, readonly FunctionFacts[]>();
  // A fill is unchanged while it is the same object: one read through a call is found again when the called function changes.
  private readonly fills = new KeyedItems<Fill>(this.rank, (fill) => fill.function, (fill) => fill);
  private readonly functions = new KeyedItems<NamedFunction>(this.rank, (named) => named.function);
  private readonly hooks = new KeyedItems<NamedFunction>(this.rank, (named) => named.function);
  /** Per entity or mapped superclass, the listener classes it names in @EntityListeners (whose callbacks are hooks under `listenerKey`) and its superclass. */
  private readonly listeners = new KeyedItems<EntityListeners>(this.rank, () => null);
  private readonly callers = new KeyedItems<NamedFunction>(this.rank, (named) => named.function);
  /** Handlers registered by name, by that name. */
  private readonly registrations = new KeyedItems<Registered>(this.rank, () => null);
  /** A function's fills, kept with it while its facts are reused, when none reads through a call. */
  private readonly fillsOfFunction = new WeakMap<FunctionFacts, readonly Fill[]>();

  /** Sets what `path` gives from its facts (nothing once it is removed); returns the files whose findings read something that changed. */
  set(path: string, facts: FileFacts | undefined): Set<string> {
    if (facts) {
      if (!this.rank.has(path)) this.rank.set(path, this.nextRank++);
      this.functionsOf.set(path, facts.functions);
    } else {
      this.rank.delete(path);
      this.functionsOf.delete(path);
      this.fills.forgetReads(path);
      this.functions.forgetReads(path);
      this.hooks.forgetReads(path);
      this.callers.forgetReads(path);
      this.listeners.forgetReads(path);
      this.registrations.forgetReads(path);
    }
    const functions = new Map<string, NamedFunction[]>();
    const hooks = new Map<string, NamedFunction[]>();
    const callers = new Map<string, NamedFunction[]>();
    for (const fn of facts?.functions ?? []) {
      const shortName = fn.name.split('.').at(-1)!;
      (functions.get(shortName) ?? functions.set(shortName, []).get(shortName)!).push({ path, function: fn });
      for (const { entity, verb } of fn.hookFor ?? []) {
        const key = hookKey(entity, verb);
        (hooks.get(key) ?? hooks.set(key, []).get(key)!).push({ path, function: fn });
      }
      for (const verb of fn.listenerHook?.verbs ?? []) {
        const key = hookKey(listenerKey(fn.listenerHook!.listener), verb);
        (hooks.get(key) ?? hooks.set(key, []).get(key)!).push({ path, function: fn });
      }
      for (const name of new Set(fn.operations.filter(isCallSite).map((call) => call.name))) (callers.get(name) ?? callers.set(name, []).get(name)!).push({ path, function: fn });
    }
    const registrations = new Map<string, Registered[]>();
    for (const registration of facts?.registeredHandlers ?? []) (registrations.get(registration.name) ?? registrations.set(registration.name, []).get(registration.name)!).push({ path, registration });
    const stale = new Set<string>();
    const readers = new Set<string>();
    this.functions.replace(path, functions, readers);
    this.hooks.replace(path, hooks, stale);
    this.listeners.replace(path, new Map(Object.entries(facts?.entityListeners ?? {}).map(([entity, declared]) => [entity, [declared]])), stale);
    this.callers.replace(path, callers, stale);
    this.registrations.replace(path, registrations, stale);
    // The file's own fills, and those of the files whose fills read through a function that changed, are found again.
    const refill = new Set([path]);
    for (const reader of readers) {
      if (reader.startsWith(FILLS_OF)) refill.add(reader.slice(FILLS_OF.length));
      else stale.add(reader);
    }
    for (const filled of refill) this.fills.replace(filled, this.fillsByEntity(filled), stale);
    return stale;
  }

  /** The workspace as `path`'s rules see it; what they read through it is noted, so that a change to it makes `path` stale. */
  viewFor(path: string): WorkspaceView {
    this.fills.forgetReads(path);
    this.functions.forgetReads(path);
    this.hooks.forgetReads(path);
    this.callers.forgetReads(path);
    this.listeners.forgetReads(path);
    this.registrations.forgetReads(path);
    const functionsNamed: FunctionsNamed = (name) => this.functions.read(name, path);
    const hooksFor: WorkspaceView['hooksFor'] = (entity, verb) => this.callbacksFor(entity, verb, path);
    // Several rules ask for the same functions' writes: each is worked out once per check of the file.
    const writes = new Map<FunctionFacts, readonly DbOp[]>();
    const writesOfFunction = (fn: FunctionFacts): readonly DbOp[] => writes.get(fn) ?? writes.set(fn, writesOf(fn, functionsNamed)).get(fn)!;
    return { fillsOf: (entity) => this.fills.read(entity, path), functionsNamed, hooksFor, readsOf: (fn) => readsOf(fn, functionsNamed), keyOf: (key) => resolvedKey(key, functionsNamed), writesOf: writesOfFunction, callersOf: (name) => this.callers.read(name, path), registrationsOf: (declaredIn, fn) => this.registrations.read(fn.name.split('.').at(-1)!, path).filter(({ registration }) => registers(registration, declaredIn, fn)) };
  }

  /**
   * The hooks an entity's writes run: its own callbacks and its listeners', then, up its
   * superclasses, theirs; from below an @ExcludeSuperclassListeners, the superclasses' callbacks only.
   */
  private callbacksFor(entity: string, verb: DbVerb, reader: string, withListeners = true, depth = 0): NamedFunction[] {
    const declared = this.listeners.read(entity, reader);
    const listeners = withListeners ? declared.flatMap((own) => own.listeners) : [];
    // A superclass chain is short; the bound only stops a cycle of classes that do not compile.
    const superclasses = depth < 8 ? declared.filter((own) => own.superclass !== undefined) : [];
    return [
      ...this.hooks.read(hookKey(entity, verb), reader),
      ...listeners.flatMap((listener) => this.hooks.read(hookKey(listenerKey(listener), verb), reader)),
      ...superclasses.flatMap((own) => this.callbacksFor(own.superclass!, verb, reader, withListeners && !own.excludesSuperclassListeners, depth + 1)),
    ];
  }

  /** The fills of `path`'s functions, by entity, noting the functions they read through. */
  private fillsByEntity(path: string): Map<string, Fill[]> {
    const reader = FILLS_OF + path;
    this.functions.forgetReads(reader);
    const fills = new Map<string, Fill[]>();
    for (const fn of this.functionsOf.get(path) ?? []) {
      let own = this.fillsOfFunction.get(fn);
      if (!own) {
        let throughCalls = false;
        own = fillsIn(path, fn, (name) => {
          throughCalls = true;
          return this.functions.read(name, reader);
        });
        if (!throughCalls) this.fillsOfFunction.set(fn, own);
      }
      for (const fill of own) for (const entity of fill.entities) (fills.get(entity) ?? fills.set(entity, []).get(entity)!).push(fill);
    }
    return fills;
  }
}

const hookKey = (entity: string, verb: string): string => `${verb} ${entity}`;
/** A listener class's callbacks are hooks under its name after an `@`, which no normalised entity has. */
const listenerKey = (listener: string): string => `@${listener}`;

const segments = (path: string): string[] => path.split(/[\\/]+/).filter(Boolean);

/** Whether `path`'s segments end with `tail`'s; no segments are only the root's. */
const endsWith = (path: readonly string[], tail: readonly string[]): boolean => (tail.length === 0 ? path.length === 0 : path.slice(-tail.length).join('/') === tail.join('/'));

/**
 * Whether `registration` names `fn`, declared in the file at `path`: a function of its name (or
 * through an object, a method), in its module: the file's path without its extension, or its
 * folder, ends with the module's segments (`shop/views` is `backend/shop/views.py`, or a module of
 * the `shop/views/` package).
 */
function registers(registration: HandlerRegistration, path: string, fn: FunctionFacts): boolean {
  if (fn.name !== registration.name && !(registration.member && fn.name.endsWith(`.${registration.name}`))) return false;
  const file = segments(path.replace(/\.[^./\\]*$/, ''));
  const module = segments(registration.module);
  return endsWith(file, module) || endsWith(file.slice(0, -1), module);
}

/** The SQL text `call` passes for a parameter that one of `callees` runs as SQL (`_execute("UPDATE users ...")`): the queries it runs, at the call. */
function queriesRun(call: CallSite, callees: readonly FunctionFacts[]): DbOp[] {
  return (call.queries ?? []).filter(({ argument }) => callees.some((callee) => callee.sqlParameters?.includes(callee.parameters[argument] ?? ''))).map(({ query }) => query);
}

/**
 * The database reads of `fn`: its own, and at each call of a workspace function, what that function
 * reads, itself or through its own calls (`depth` calls deep), and the SQL text the call passes for a
 * parameter the function runs as SQL (`fetch_all("SELECT ... FROM plans")`). A read through a call
 * happens at the call, and none of the callee's columns is bound to the caller's values.
 */
export function readsOf(fn: FunctionFacts, functionsNamed: FunctionsNamed, depth = 2): DbOp[] {
  return fn.operations.flatMap((op): DbOp[] => {
    if (isDbOp(op)) return op.verb === 'select' ? [op] : [];
    if (!isCallSite(op) || depth === 0) return [];
    const callees = functionsNamed(op.name).map(({ function: callee }) => callee).filter((callee) => callee !== fn);
    const passed = queriesRun(op, callees).filter((query) => query.verb === 'select');
    const inner = callees.flatMap((callee) => readsOf(callee, functionsNamed, depth - 1)).map((read): DbOp => ({ ...read, assigns: [], filters: [], instance: null, range: op.range, statement: op.range, transaction: null }));
    return [...passed, ...inner];
  });
}

/** The database writes of `fn`: its own, and the SQL text it passes for a parameter that a workspace function runs as SQL (`_execute("UPDATE users ...")`), at the call. */
export function writesOf(fn: FunctionFacts, functionsNamed: FunctionsNamed): DbOp[] {
  const writes: DbOp[] = [];
  for (const op of fn.operations) {
    if (isDbOp(op)) {
      if (op.verb !== 'select') writes.push(op);
    } else if (isCallSite(op) && op.queries) {
      // Only a call passing SQL text looks its callee up.
      for (const query of queriesRun(op, functionsNamed(op.name).map(({ function: callee }) => callee))) if (query.verb !== 'select') writes.push(query);
    }
  }
  return writes;
}

/**
 * A key as the workspace knows it: a call of a key helper declared in another file (`CacheKeys.user(id)`)
 * is the key the helper returns, with the call's arguments for its parameters, when every function
 * the call may be (of its name, and of its class when it names one) is a helper returning that key.
 */
export function resolvedKey<K extends KeyShape>(key: K, functionsNamed: FunctionsNamed): K {
  const call = key.helperCall;
  if (!call) return key;
  const called = functionsNamed(call.name).map(({ function: fn }) => fn).filter((fn) => call.owner === null || fn.name === `${call.owner}.${call.name}`);
  const helper = called[0];
  if (!helper?.returnsKey || called.some((fn) => fn.returnsKey?.template !== helper.returnsKey!.template)) return key;
  const { template, parts } = helper.returnsKey;
  return { ...key, template, parts: parts.map((part) => call.arguments[helper.parameters.indexOf(part)] ?? part) };
}

/** A cache-aside read in `fn`: a GET of template T, a database read (its own, or through a call), then a SET of T. */
export function fillsIn(path: string, fn: FunctionFacts, functionsNamed: FunctionsNamed): Fill[] {
  const cacheOps = fn.operations.filter(isCacheOp);
  const template = (key: KeyShape): string | null => resolvedKey(key, functionsNamed).template;
  const sets = cacheOps.filter((set) => {
    const filled = set.kind === 'set' && !set.onlyIfAbsent && set.keys[0] ? template(set.keys[0]) : null;
    return filled && cacheOps.some((op) => op.kind === 'get' && happensAt(op) < happensAt(set) && op.keys.some((k) => template(k) === filled));
  });
  // Only a function that fills a key looks through its calls.
  const reads = sets.length > 0 ? readsOf(fn, functionsNamed) : [];
  return sets.flatMap((set): Fill[] => {
    const key = resolvedKey(set.keys[0]!, functionsNamed);
    const readBefore = reads.filter((read) => read.range.start < happensAt(set));
    return readBefore.length === 0 ? [] : [{ template: key.template!, parts: key.parts, entities: [...new Set(readBefore.map((read) => read.entity))], reads: readBefore, path, function: fn, set }];
  });
}
