/**
 * What files give each other's rules (fills by entity, functions by name), kept one file at a
 * time, and what each file's rules read of it: when a file changes, only the files that read
 * something it now gives differently need their rules run again.
 */
import type { FileFacts, FunctionFacts } from './facts';
import { happensAt, isCacheOp, isDbOp } from './facts';
import type { Fill, WorkspaceView } from './rule';

type NamedFunction = ReturnType<WorkspaceView['functionsNamed']>[number];

/** Items that files give under keys, each key's listed in the order the files were added, as one pass over them would list them. */
class KeyedItems<T> {
  /** Per key, each giving file's items. */
  private readonly byKey = new Map<string, Map<string, readonly T[]>>();
  private readonly merged = new Map<string, readonly T[]>();
  private readonly keysOf = new Map<string, readonly string[]>();
  /** Per key, the files whose findings read it; and per file, the keys it read. */
  private readonly readers = new Map<string, Set<string>>();
  private readonly readBy = new Map<string, Set<string>>();

  /** `functionOf`: the function an item comes from, the same object while its facts are reused. */
  constructor(private readonly rank: ReadonlyMap<string, number>, private readonly functionOf: (item: T) => FunctionFacts) {}

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
      // Reused facts are the same objects, moved ones start elsewhere, and facts read again may still be equal.
      return a === b || (a.range.start === b.range.start && a.range.end === b.range.end && JSON.stringify(item) === JSON.stringify(after[i]));
    });
  }
}

export class WorkspaceIndex {
  private readonly rank = new Map<string, number>();
  private nextRank = 0;
  private readonly fills = new KeyedItems<Fill>(this.rank, (fill) => fill.function);
  private readonly functions = new KeyedItems<NamedFunction>(this.rank, (named) => named.function);
  private readonly hooks = new KeyedItems<NamedFunction>(this.rank, (named) => named.function);
  /** A function's fills, kept with it while its facts are reused. */
  private readonly fillsOfFunction = new WeakMap<FunctionFacts, readonly Fill[]>();

  /** Sets what `path` gives from its facts (nothing once it is removed); returns the files whose findings read something that changed. */
  set(path: string, facts: FileFacts | undefined): Set<string> {
    if (facts) {
      if (!this.rank.has(path)) this.rank.set(path, this.nextRank++);
    } else {
      this.rank.delete(path);
      this.fills.forgetReads(path);
      this.functions.forgetReads(path);
      this.hooks.forgetReads(path);
    }
    const fills = new Map<string, Fill[]>();
    const functions = new Map<string, NamedFunction[]>();
    const hooks = new Map<string, NamedFunction[]>();
    for (const fn of facts?.functions ?? []) {
      const shortName = fn.name.split('.').at(-1)!;
      (functions.get(shortName) ?? functions.set(shortName, []).get(shortName)!).push({ path, function: fn });
      for (const entity of fn.hookFor ?? []) (hooks.get(entity) ?? hooks.set(entity, []).get(entity)!).push({ path, function: fn });
      let own = this.fillsOfFunction.get(fn);
      if (!own) this.fillsOfFunction.set(fn, (own = fillsIn(path, fn)));
      for (const fill of own) for (const entity of fill.entities) (fills.get(entity) ?? fills.set(entity, []).get(entity)!).push(fill);
    }
    const stale = new Set<string>();
    this.fills.replace(path, fills, stale);
    this.functions.replace(path, functions, stale);
    this.hooks.replace(path, hooks, stale);
    return stale;
  }

  /** The workspace as `path`'s rules see it; what they read through it is noted, so that a change to it makes `path` stale. */
  viewFor(path: string): WorkspaceView {
    this.fills.forgetReads(path);
    this.functions.forgetReads(path);
    this.hooks.forgetReads(path);
    return { fillsOf: (entity) => this.fills.read(entity, path), functionsNamed: (name) => this.functions.read(name, path), hooksFor: (entity) => this.hooks.read(entity, path) };
  }
}

/** A cache-aside read in `fn`: a GET of template T, a database read, then a SET of T. */
export function fillsIn(path: string, fn: FunctionFacts): Fill[] {
  const fills: Fill[] = [];
  const reads = fn.operations.filter(isDbOp).filter((op) => op.verb === 'select');
  if (reads.length === 0) return fills;
  const cacheOps = fn.operations.filter(isCacheOp);
  for (const set of cacheOps) {
    const key = set.keys[0];
    if (set.kind !== 'set' || !key?.template || set.onlyIfAbsent) continue;
    const readBefore = reads.filter((read) => read.range.start < happensAt(set));
    const gotFirst = cacheOps.some((op) => op.kind === 'get' && happensAt(op) < happensAt(set) && op.keys.some((k) => k.template === key.template));
    if (readBefore.length === 0 || !gotFirst) continue;
    fills.push({ template: key.template, parts: key.parts, entities: [...new Set(readBefore.map((read) => read.entity))], path, function: fn, set });
  }
  return fills;
}
