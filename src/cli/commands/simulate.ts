import { parseArgs } from 'node:util';
import { policies, requirePolicy } from '../../sim/policies';
import { capacityForPercent, simulate } from '../../sim/simulate';
import type { SimulationResult } from '../../sim/types';
import { formatTable, UsageError, type CliCommand } from '../io';
import { listFlag, numberFlag } from '../options';
import { workloadOptions, workloadSpec, workloadUsage } from '../workloadFlags';

const usage = `Usage: cache-lab simulate [options]

Replays a seeded workload through one or more eviction policies and cache sizes.

Options:
  --policy LIST        policies, comma-separated: ${policies.map((p) => p.id).join(', ')} (default lru)
  --size LIST          cache sizes in objects (10000) or as a share of the keys (10%), comma-separated (default 10%)
${workloadUsage}
  --requests N         requests to replay (default 1000000)
  --seed N             seed for every random choice (default 42)
  --rate R             requests per second of virtual time, for TTLs (default 100000)
  --ttl SECONDS        give every key this TTL, expired as Redis does (default: none)
  --no-active-expiry   with --ttl: expire lazily on access only
  --json               print one JSON array, an object per (policy, size)
  -h, --help           show this help
`;

function capacity(size: string, keys: number): number {
  if (size.endsWith('%')) return capacityForPercent(keys, numberFlag('size', size.slice(0, -1), 0, 0.000001, 100));
  return numberFlag('size', size, 0, 1, Number.MAX_SAFE_INTEGER, true);
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'replay a workload through eviction policies and report hit ratios',
  usage,
  run(args, io) {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        policy: { type: 'string' },
        size: { type: 'string' },
        ...workloadOptions,
        requests: { type: 'string' },
        seed: { type: 'string' },
        rate: { type: 'string' },
        ttl: { type: 'string' },
        'no-active-expiry': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    const workload = workloadSpec(values);
    const policyIds = listFlag('policy', values.policy ?? 'lru');
    for (const id of policyIds) {
      try {
        requirePolicy(id);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    }
    const capacities = listFlag('size', values.size ?? '10%').map((size) => capacity(size, workload.keys));
    const requests = numberFlag('requests', values.requests, 1_000_000, 0, Number.MAX_SAFE_INTEGER, true);
    const seed = numberFlag('seed', values.seed, 42, 0, 2 ** 32 - 1, true);
    const requestRate = numberFlag('rate', values.rate, 100_000, Number.MIN_VALUE, 1e12);
    if (values['no-active-expiry'] && values.ttl === undefined) throw new UsageError('--no-active-expiry needs --ttl');
    const ttl =
      values.ttl === undefined
        ? undefined
        : { seconds: numberFlag('ttl', values.ttl, 0, Number.MIN_VALUE, 1e12), activeExpiry: !values['no-active-expiry'] };

    const results: SimulationResult[] = [];
    for (const policy of policyIds) {
      for (const size of capacities) {
        results.push(simulate({ workload, policy, capacity: size, requests, seed, requestRate, ...(ttl ? { ttl } : {}) }));
      }
    }
    if (values.json) {
      const rows = results.map((r) => ({
        policy: r.policy,
        size: r.capacity,
        requests: r.requests,
        hits: r.hits,
        misses: r.misses,
        hitRatio: r.hitRatio,
        evictions: r.evictions,
        expirations: r.expirations,
        seconds: r.seconds,
      }));
      io.stdout(JSON.stringify(rows, null, 2) + '\n');
      return 0;
    }
    const count = new Intl.NumberFormat('en-US');
    const headers = ['policy', 'size', 'requests', 'hits', 'misses', 'hit ratio', 'evictions', ...(ttl ? ['expirations'] : []), 'seconds'];
    const rows = results.map((r) => [
      r.policy,
      count.format(r.capacity),
      count.format(r.requests),
      count.format(r.hits),
      count.format(r.misses),
      `${(r.hitRatio * 100).toFixed(2)}%`,
      count.format(r.evictions),
      ...(ttl ? [count.format(r.expirations)] : []),
      r.seconds.toFixed(3),
    ]);
    io.stdout(formatTable(headers, rows, headers.map((_, column) => column > 0)));
    return 0;
  },
};
