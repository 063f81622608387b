/**
 * CL006: KEYS, or FLUSHALL / FLUSHDB, in a request path: one blocks Redis, the other empties it,
 * whenever a request comes. A flush in a management command, migration, script or job is left alone.
 */
import { isCacheOp, type CacheOp, type FunctionFacts } from '../facts';
import type { Finding, RelatedLocation } from '../findings';
import type { Rule, WorkspaceView } from '../rule';

type Located = ReturnType<WorkspaceView['functionsNamed']>[number];
type Registered = ReturnType<WorkspaceView['registrationsOf']>[number];

const TEST_FILE = /(^|[\\/])(tests?|__tests__|spec)[\\/]|[._-](test|spec)\.[a-z]+$|(^|[\\/])test_[^\\/]*$/i;
/** Calls from a handler that still make a request path: the handler calls one, which calls one, which calls the function. */
const MAX_CALLS = 3;

/**
 * The request handler nearest to `start` that reaches it through the workspace's functions, or
 * `start` itself when it handles requests; with the registration that makes it one, for a function
 * a file registers by name (tests' registrations do not count). A call by name reaches `start`
 * unless the caller's own file has another function of that name, which the call means instead.
 */
function handlerReaching(start: Located, workspace: WorkspaceView): { handler: Located; registered?: Registered } | null {
  const seen = new Set<FunctionFacts>([start.function]);
  let level = [start];
  for (let calls = 0; level.length > 0; calls++) {
    for (const handler of level) {
      if (handler.function.handlesRequests) return { handler };
      const registered = workspace.registrationsOf(handler.path, handler.function).find(({ path }) => !TEST_FILE.test(path));
      if (registered) return { handler, registered };
    }
    if (calls === MAX_CALLS) return null;
    const callers: Located[] = [];
    for (const callee of level) {
      const name = callee.function.name.split('.').at(-1)!;
      const namesakes = workspace.functionsNamed(name);
      for (const caller of workspace.callersOf(name)) {
        const callsOwn = caller.path !== callee.path && namesakes.some((other) => other.path === caller.path && other.function !== caller.function);
        if (seen.has(caller.function) || callsOwn || TEST_FILE.test(caller.path)) continue;
        seen.add(caller.function);
        callers.push(caller);
      }
    }
    level = callers;
  }
  return null;
}

const isKeysOrFlush = (op: CacheOp): boolean => op.kind === 'keys' || (op.kind === 'flush' && op.client !== 'lru-cache' && op.client !== 'caffeine');

export const keysOrFlush: Rule = {
  code: 'CL006',
  name: 'keys-or-flush',
  title: 'KEYS or a whole-cache flush in a request path',
  defaultSeverity: 'warning',
  check({ file, workspace }) {
    if (TEST_FILE.test(file.path)) return [];
    const findings: Finding[] = [];
    for (const fn of file.functions) {
      const ops = fn.operations.filter(isCacheOp).filter(isKeysOrFlush);
      const reached = ops.length > 0 ? handlerReaching({ path: file.path, function: fn }, workspace) : null;
      if (!reached) continue;
      const { handler, registered } = reached;
      const indirect = handler.function !== fn;
      const who = indirect ? `${fn.name}, called from ${handler.function.name},` : registered ? `${fn.name}, the handler of ${registered.registration.route},` : fn.name;
      const related: RelatedLocation[] = [
        ...(indirect ? [{ path: handler.path, range: handler.function.nameRange, message: `${handler.function.name} handles requests and reaches ${fn.name}` }] : []),
        ...(registered ? [{ path: registered.path, range: registered.registration.range, message: `registers ${handler.function.name} for ${registered.registration.route}` }] : []),
      ];
      for (const op of ops) {
        findings.push({
          code: 'CL006',
          severity: 'warning',
          message:
            op.kind === 'keys'
              ? `${who} calls KEYS ${op.keys[0]?.text ?? ''}: it walks the whole keyspace in one blocking command, stalling every other client while it runs. Use SCAN in batches (and UNLINK to delete).`
              : `${who} empties the whole cache (${op.method}): every key of every feature is gone at once and the database takes the full load. Delete the keys this code owns instead.`,
          path: file.path,
          range: op.range,
          related,
          fixes: [],
        });
      }
    }
    return findings;
  },
};
