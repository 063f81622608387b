import { parseArgs } from 'node:util';
import { strategies } from '../../sim/strategies';
import { defaultStrategyConfig, simulateStrategies, type StrategyRunConfig } from '../../sim/strategies/simulateStrategies';
import { strategyTradeoffs } from '../../sim/strategies/tradeoffs';
import { formatTable, UsageError, wrapList, type CliCommand } from '../io';
import { latencyFlag, latencyText, listFlag, numberFlag } from '../options';

const d = defaultStrategyConfig;

const usage = `Usage: cache-lab strategies [options]

Simulates write strategies side by side on one seeded workload of reads and writes, with cache
and database latencies, a database connection pool and a cache node crash, and prints hit ratio,
DB load, read and write latency, stale reads, how warm writes leave the cache, and lost writes.

Options:
  --strategy LIST        strategies, comma-separated (default: all):
${wrapList(strategies.map((s) => s.id), 25)}
  --keys N               distinct keys (default ${d.keys})
  --alpha A              Zipf exponent of key popularity (default ${d.alpha})
  --write-percent P      share of requests that are writes (default ${d.writePercent})
  --rate R               requests per second, Poisson arrivals (default ${d.rate})
  --requests N           requests to simulate (default ${d.requests})
  --concurrency N        app workers; requests beyond wait for one (default ${d.concurrency})
  --ttl S                seconds a cached value lives, or 'none' (default ${d.ttl})
  --cache-latency L      fixed:MS, uniform:MIN:MAX or lognormal:MEDIAN:P99 in ms (default ${latencyText(d.cacheLatency)})
  --db-latency L         the same for a DB query (default ${latencyText(d.dbLatency)})
  --db-connections N     DB queries at once; more wait (default ${d.dbConnections})
  --crash-at S           second at which the cache node crashes and restarts empty, or 'none' (default ${d.crashAt})
  --lost-invalidations P        percent of DELs lost on the way to the cache (default ${d.lostInvalidationPercent})
  --duplicated-invalidations P  percent of DELs delivered twice (default ${d.duplicatedInvalidationPercent})
  --flush-interval S     write-behind: seconds between flushes (default ${d.flushInterval})
  --batch-size N         write-behind: writes per flush query (default ${d.batchSize})
  --refresh-threshold F  refresh-ahead: refresh a hit with less than this share of its TTL left (default ${d.refreshThreshold})
  --seed N               seed of the workload and the latencies (default ${d.seed})
  --json                 print one JSON object
  -h, --help             show this help
`;

function orNone(name: string, value: string | undefined, fallback: number | undefined, max: number): number | undefined {
  if (value === 'none') return undefined;
  return numberFlag(name, value, fallback ?? NaN, 0, max);
}

export const strategiesCommand: CliCommand = {
  name: 'strategies',
  summary: 'compare write strategies: hit ratio, DB load, latency, stale reads, lost writes',
  run(args, io) {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        strategy: { type: 'string' },
        keys: { type: 'string' },
        alpha: { type: 'string' },
        'write-percent': { type: 'string' },
        rate: { type: 'string' },
        requests: { type: 'string' },
        concurrency: { type: 'string' },
        ttl: { type: 'string' },
        'cache-latency': { type: 'string' },
        'db-latency': { type: 'string' },
        'db-connections': { type: 'string' },
        'crash-at': { type: 'string' },
        'lost-invalidations': { type: 'string' },
        'duplicated-invalidations': { type: 'string' },
        'flush-interval': { type: 'string' },
        'batch-size': { type: 'string' },
        'refresh-threshold': { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const flag = (name: keyof typeof values): string | undefined => values[name] as string | undefined;
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    const ttl = orNone('ttl', flag('ttl'), d.ttl, 1e9);
    const crashAt = orNone('crash-at', flag('crash-at'), d.crashAt, 1e9);
    const config: StrategyRunConfig = {
      strategies: flag('strategy') === undefined ? d.strategies : listFlag('strategy', flag('strategy')!),
      keys: numberFlag('keys', flag('keys'), d.keys, 1, 10_000_000, true),
      alpha: numberFlag('alpha', flag('alpha'), d.alpha, 0, 5),
      writePercent: numberFlag('write-percent', flag('write-percent'), d.writePercent, 0, 100),
      rate: numberFlag('rate', flag('rate'), d.rate, Number.MIN_VALUE, 10_000_000),
      requests: numberFlag('requests', flag('requests'), d.requests, 1, 5_000_000, true),
      concurrency: numberFlag('concurrency', flag('concurrency'), d.concurrency, 1, 1_000_000, true),
      ttl: ttl === undefined || ttl === 0 ? Infinity : ttl,
      cacheLatency: latencyFlag('cache-latency', flag('cache-latency'), d.cacheLatency),
      dbLatency: latencyFlag('db-latency', flag('db-latency'), d.dbLatency),
      dbConnections: numberFlag('db-connections', flag('db-connections'), d.dbConnections, 1, 1_000_000, true),
      ...(crashAt === undefined ? {} : { crashAt }),
      lostInvalidationPercent: numberFlag('lost-invalidations', flag('lost-invalidations'), d.lostInvalidationPercent, 0, 100),
      duplicatedInvalidationPercent: numberFlag('duplicated-invalidations', flag('duplicated-invalidations'), d.duplicatedInvalidationPercent, 0, 100),
      flushInterval: numberFlag('flush-interval', flag('flush-interval'), d.flushInterval, Number.MIN_VALUE, 1e6),
      batchSize: numberFlag('batch-size', flag('batch-size'), d.batchSize, 1, 1_000_000, true),
      refreshThreshold: numberFlag('refresh-threshold', flag('refresh-threshold'), d.refreshThreshold, 0, 0.999),
      seed: numberFlag('seed', flag('seed'), d.seed, 0, 2 ** 32 - 1, true),
    };
    let results;
    try {
      results = simulateStrategies(config);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const tradeoffs = strategyTradeoffs(results, config.crashAt);
    if (values.json) {
      io.stdout(JSON.stringify({ config: { ...config, ttl: config.ttl === Infinity ? null : config.ttl }, results, tradeoffs }, null, 2) + '\n');
      return 0;
    }
    const ms = (value: number): string => value.toFixed(2);
    const count = (value: number): string => value.toLocaleString('en-US');
    const headers = ['strategy', 'hit ratio', 'DB reads', 'DB writes', 'read p50 ms', 'read p99 ms', 'write p50 ms', 'write p99 ms', 'stale reads', 'lost writes'];
    const rows = results.map((r) => [
      r.strategy, `${(r.hitRatio * 100).toFixed(2)}%`, count(r.dbReads), count(r.dbWrites), ms(r.readLatency.p50), ms(r.readLatency.p99),
      ms(r.writeLatency.p50), ms(r.writeLatency.p99), count(r.staleReads), count(r.lostWrites),
    ]);
    io.stdout(
      `${count(config.requests)} requests, ${config.writePercent}% writes, Zipf(${config.alpha}) over ${count(config.keys)} keys at ${count(config.rate)}/s; ` +
        `TTL ${config.ttl === Infinity ? 'none' : `${config.ttl} s`}; ${config.crashAt === undefined ? 'no crash' : `cache node crash at ${config.crashAt} s`}; seed ${config.seed}\n\n` +
        formatTable(headers, rows, headers.map((_, i) => i > 0)) +
        '\n' +
        formatTable(
          ['strategy', 'write latency', 'stale data', 'warm on write', 'data loss'],
          tradeoffs.map((t) => [t.strategy, t.writeLatency, t.staleData, t.warmOnWrite, t.dataLoss]),
          [false, false, false, false, false],
        ),
    );
    return 0;
  },
};
