/**
 * CL010: a cache-aside fill of one key that every request reads (no varying part), with nothing on
 * its miss path to stop the requests that miss together from all going to the database.
 */
import { happensAt, isCacheOp, type GuardKind } from '../facts';
import type { Finding } from '../findings';
import type { Rule } from '../rule';
import { guarded } from './concurrency';

const STAMPEDE_PROTECTION: ReadonlySet<GuardKind> = new Set(['lock', 'single-flight', 'early-refresh', 'stale-while-revalidate', 'refresh-ahead']);

export const hotKeyWithoutStampedeProtection: Rule = {
  code: 'CL010',
  name: 'hot-key-without-stampede-protection',
  title: 'One key every request reads, refilled with no stampede protection',
  defaultSeverity: 'info',
  check({ file, workspace }) {
    const findings: Finding[] = [];
    for (const fn of file.functions) {
      // Only a function that sets a key can fill one: the others need not look through their calls.
      if (!fn.operations.some((op) => isCacheOp(op) && op.kind === 'set')) continue;
      const reads = workspace.readsOf(fn);
      const fills = new Set(reads.flatMap((read) => workspace.fillsOf(read.entity)).filter((fill) => fill.function === fn));
      for (const fill of fills) {
        // A key that never expires is only missing after a delete; CL005 speaks to it.
        if (fill.parts.length > 0 || fill.set.ttl === 'none' || guarded(fn, file, STAMPEDE_PROTECTION)) continue;
        const get = fn.operations.filter(isCacheOp).find((op) => op.kind === 'get' && happensAt(op) < happensAt(fill.set) && op.keys.some((key) => workspace.keyOf(key).template === fill.template));
        // The query on the miss path: after the read of the key, before the refill.
        const query = get && reads.find((read) => happensAt(read) > happensAt(get) && happensAt(read) < happensAt(fill.set));
        if (!get || !query) continue;
        findings.push({
          code: 'CL010',
          severity: 'info',
          message: `${fn.name} fills ${fill.template}, one key that every request reads, with no stampede protection: when it expires, every request that arrives before it is refilled misses and runs this query at once. Let one request refill it while the others wait or use the old value: ${fill.set.client === 'spring-cache' ? '@Cacheable(sync = true) does this for one JVM; across instances, ' : ''}a lock (SET NX with an expiry), single-flight, early probabilistic refresh (XFetch), stale-while-revalidate or refresh-ahead. Cache Lab's Stampede Lab (Cache Lab: Open Stampede Lab) compares them.`,
          path: file.path,
          range: query.range,
          related: [
            { path: file.path, range: get.range, message: `every request reads ${fill.template} here` },
            { path: file.path, range: fill.set.range, message: `${fill.template} is refilled here` },
          ],
          fixes: [],
        });
      }
    }
    return findings;
  },
};
