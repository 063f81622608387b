import { parseArgs } from 'node:util';
import { policies, requirePolicy } from '../../sim/policies';
import { defaultRedisParameters, type RedisParameters } from '../../sim/policies/policy';
import { replay } from '../../sim/simulate';
import type { RequestSource } from '../../sim/source';
import type { SimulationResult, TtlConfig } from '../../sim/types';
import { workingSetBytes } from '../../sim/workingSet';
import { workloadSource } from '../../sim/workloads/source';
import { openTrace } from '../../sim/trace';
import { fileProgress, formatTable, UsageError, wrapList, type CliCommand } from '../io';
import { listFlag, numberFlag } from '../options';
import { parseSize, resolveSize } from '../sizes';
import { traceOptions, traceSpecFromFlags, traceUsage } from '../traceFlags';
import { workloadOptions, workloadSpec, workloadUsage } from '../workloadFlags';

const usage = `Usage: cache-lab simulate [options]

Replays a seeded workload, or a trace file, through one or more eviction policies and cache sizes.

Options:
  --policy LIST        policies, comma-separated (default lru):
${wrapList(policies.map((p) => p.id), 23)}
  --size LIST          cache sizes, comma-separated: objects (10000), bytes when objects have
                       sizes (64MiB, 1GB), or a share of the working set (10%) (default 10%)
${workloadUsage}
  --requests N         requests to replay (default 1000000)
${traceUsage}
  --seed N             seed for every random choice (default 42)
  --warmup N           requests that fill the cache before counting starts (default 0)
  --rate R             requests per second of virtual time, for TTLs and Redis's clocks, when the
                       requests have no timestamps (default 100000)
  --ttl SECONDS        give every key this TTL, expired as Redis does (default: none)
  --no-active-expiry   with --ttl: expire lazily on access only
  --ignore-obj-size    count every object as size 1, so sizes are in objects
  --maxmemory-samples N    Redis policies: keys sampled per eviction (default ${defaultRedisParameters.maxmemorySamples})
  --lfu-log-factor N       Redis LFU: counter growth factor (default ${defaultRedisParameters.lfuLogFactor})
  --lfu-decay-time N       Redis LFU: minutes per counter decay, 0 for none (default ${defaultRedisParameters.lfuDecayTime})
  --json               print one JSON array, an object per (policy, size)
  -h, --help           show this help
`;

function redisParameters(values: Record<string, string | boolean | undefined>): RedisParameters {
  const str = (name: string): string | undefined => values[name] as string | undefined;
  return {
    maxmemorySamples: numberFlag('maxmemory-samples', str('maxmemory-samples'), defaultRedisParameters.maxmemorySamples, 1, 64, true),
    lfuLogFactor: numberFlag('lfu-log-factor', str('lfu-log-factor'), defaultRedisParameters.lfuLogFactor, 0, 1e6, true),
    lfuDecayTime: numberFlag('lfu-decay-time', str('lfu-decay-time'), defaultRedisParameters.lfuDecayTime, 0, 65535, true),
  };
}

/** The JSON object for one run, with the fields documented in the README. */
function jsonRow(r: SimulationResult): Record<string, string | number> {
  return {
    policy: r.policy,
    size: r.capacity,
    requests: r.requests,
    hits: r.hits,
    misses: r.misses,
    hitRatio: r.hitRatio,
    byteHitRatio: r.byteHitRatio,
    evictions: r.evictions,
    expirations: r.expirations,
    oomErrors: r.oomErrors,
    seconds: r.seconds,
  };
}

function table(results: readonly SimulationResult[], showExpirations: boolean): string {
  const count = new Intl.NumberFormat('en-US');
  const percent = (ratio: number): string => `${(ratio * 100).toFixed(2)}%`;
  const sized = results.some((r) => r.sized);
  const showOom = results.some((r) => r.oomErrors > 0);
  const headers = [
    'policy',
    sized ? 'size (bytes)' : 'size',
    'requests',
    'hits',
    'misses',
    'hit ratio',
    ...(sized ? ['byte hit ratio'] : []),
    'evictions',
    ...(showExpirations ? ['expirations'] : []),
    ...(showOom ? ['OOM errors'] : []),
    'seconds',
  ];
  const rows = results.map((r) => [
    r.policy,
    count.format(r.capacity),
    count.format(r.requests),
    count.format(r.hits),
    count.format(r.misses),
    percent(r.hitRatio),
    ...(sized ? [percent(r.byteHitRatio)] : []),
    count.format(r.evictions),
    ...(showExpirations ? [count.format(r.expirations)] : []),
    ...(showOom ? [count.format(r.oomErrors)] : []),
    r.seconds.toFixed(3),
  ]);
  return formatTable(headers, rows, headers.map((_, column) => column > 0));
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'replay a workload through eviction policies and report hit ratios',
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
        ...traceOptions,
        seed: { type: 'string' },
        warmup: { type: 'string' },
        rate: { type: 'string' },
        ttl: { type: 'string' },
        'no-active-expiry': { type: 'boolean' },
        'ignore-obj-size': { type: 'boolean' },
        'maxmemory-samples': { type: 'string' },
        'lfu-log-factor': { type: 'string' },
        'lfu-decay-time': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    const policyIds = listFlag('policy', values.policy ?? 'lru');
    for (const id of policyIds) {
      try {
        requirePolicy(id);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    }
    const sizes = listFlag('size', values.size ?? '10%').map(parseSize);
    const seed = numberFlag('seed', values.seed, 42, 0, 2 ** 32 - 1, true);
    const requestRate = numberFlag('rate', values.rate, 100_000, Number.MIN_VALUE, 1e12);
    const warmup = numberFlag('warmup', values.warmup, 0, 0, Number.MAX_SAFE_INTEGER, true);
    if (values['no-active-expiry'] && values.ttl === undefined) throw new UsageError('--no-active-expiry needs --ttl');
    const ttl: TtlConfig | undefined =
      values.ttl === undefined
        ? undefined
        : { seconds: numberFlag('ttl', values.ttl, 0, Number.MIN_VALUE, 1e12), activeExpiry: !values['no-active-expiry'] };
    const redis = redisParameters(values);
    const ignoreObjectSize = values['ignore-obj-size'] === true;

    const trace = traceSpecFromFlags(values);
    let source: RequestSource;
    if (trace) {
      const ignored = [...Object.keys(workloadOptions), 'requests'].find((name) => values[name as keyof typeof values] !== undefined);
      if (ignored) throw new UsageError(`--${ignored} does not apply to a trace (--trace replays the file's requests)`);
      source = openTrace(trace, fileProgress(io, `reading ${trace.path}`));
    } else {
      source = workloadSource(workloadSpec(values), seed, numberFlag('requests', values.requests, 1_000_000, 0, Number.MAX_SAFE_INTEGER, true));
    }
    try {
      const sized = source.has.sizes && !ignoreObjectSize;
      const needsWorkingSet = sizes.some((size) => 'percent' in size);
      const workingSet = !needsWorkingSet ? 0 : sized ? workingSetBytes(source) : source.keys;
      const results: SimulationResult[] = [];
      for (const policy of policyIds) {
        for (const size of sizes) {
          const capacity = resolveSize(size, workingSet);
          results.push(replay(source, { policy, capacity, seed, requestRate, warmup, ignoreObjectSize, redis, ...(ttl ? { ttl } : {}) }));
        }
      }
      io.stdout(values.json ? JSON.stringify(results.map(jsonRow), null, 2) + '\n' : table(results, ttl !== undefined || source.has.ttls));
    } finally {
      source.close();
    }
    return 0;
  },
};
