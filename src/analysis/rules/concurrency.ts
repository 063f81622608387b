/** What the concurrency rules share: whether a function's work runs under a guard of some kind. */
import { isCacheOp, isCallSite, isGuardOp, type FileFacts, type FunctionFacts, type GuardKind } from '../facts';

/** Whether `fn` holds a guard of `kinds` (a SET NX counts as a lock), or the file calls it from one: inside a guarded call (a callback given to `mutex.runExclusive`) or from a function holding one. */
export function guarded(fn: FunctionFacts, file: FileFacts, kinds: ReadonlySet<GuardKind>): boolean {
  const guards = (holder: FunctionFacts) => holder.operations.filter((op) => (isGuardOp(op) && kinds.has(op.kind)) || (isCacheOp(op) && op.onlyIfAbsent && kinds.has('lock')));
  const name = fn.name.split('.').at(-1);
  return file.functions.some((holder) => {
    const held = guards(holder);
    if (held.length === 0) return false;
    if (holder === fn || held.some((guard) => guard.range.start <= fn.range.start && fn.range.end <= guard.range.end)) return true;
    return holder.operations.some((op) => isCallSite(op) && op.name === name);
  });
}
