import { parseArgs } from 'node:util';
import type { LatencySpec } from '../../sim/des/latency';
import { createRng } from '../../sim/rng';
import { protections } from '../../sim/stampede';
import { expirationsPerSecond } from '../../sim/stampede/jitter';
import { defaultStampedeConfig, simulateStampede, type StampedeConfig } from '../../sim/stampede/simulateStampede';
import { formatTable, UsageError, wrapList, type CliCommand } from '../io';
import { latencyFlag, listFlag, numberFlag } from '../options';

const d = defaultStampedeConfig;

const usage = `Usage: cache-lab stampede [options]

Simulates a hot key expiring under load, with each protection against the same arrivals, and prints
recomputations per expiry, the DB's peak concurrency, client latency while the key is refreshed,
timeouts, stale reads and early refreshes.

Options:
  --protection LIST    comma-separated (default ${d.protections.join(',')}):
${wrapList(protections.map((p) => p.id), 23)}
  --rate R             requests per second, Poisson arrivals (default ${d.rate})
  --clients N          instead, a burst of N concurrent requests at the expiry (default ${d.clients} with --burst)
  --burst              use the burst instead of Poisson arrivals
  --delta S            seconds a recomputation takes, or fixed:MS, uniform:MIN:MAX or lognormal:MEDIAN:P99 in ms (default 1)
  --ttl S              seconds the key lives (default ${d.ttl})
  --duration S         seconds simulated with Poisson arrivals (default ${d.duration})
  --beta B             XFetch's beta (default ${d.beta})
  --servers N          app servers; coalescing and stale-while-revalidate work per server (default ${d.servers})
  --db-connections N   DB queries at once; more queue (default ${d.dbConnections})
  --timeout S          seconds before a client gives up (default ${d.clientTimeout})
  --lock-ttl S         the mutex's lock expiry (default ${d.lockTtl})
  --retries N          the mutex's retries before recomputing anyway (default ${d.retries})
  --backoff S          the mutex's first sleep, doubling per retry (default ${d.backoff})
  --grace S            stale-while-revalidate: how long a stale value may be served (default ${d.staleGrace})
  --jitter J           TTL jitter share for the jitter protection and the bulk-load figure (default ${d.jitter})
  --keys N             also show how N keys written at once expire, with and without the jitter
  --seed N             seed of arrivals and coin flips (default ${d.seed})
  --json               print one JSON object
  -h, --help           show this help
`;

/** Seconds for a fixed recomputation time, or a distribution in milliseconds. */
function deltaFlag(value: string | undefined): LatencySpec {
  if (value !== undefined && /^[\d.]+$/.test(value)) return { kind: 'fixed', ms: numberFlag('delta', value, 1, Number.MIN_VALUE, 3600) * 1000 };
  return latencyFlag('delta', value, d.delta);
}

export const stampedeCommand: CliCommand = {
  name: 'stampede',
  summary: 'a hot key expiring under load: recomputations, DB load and latency per protection',
  run(args, io) {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        protection: { type: 'string' },
        rate: { type: 'string' },
        clients: { type: 'string' },
        burst: { type: 'boolean' },
        delta: { type: 'string' },
        ttl: { type: 'string' },
        duration: { type: 'string' },
        beta: { type: 'string' },
        servers: { type: 'string' },
        'db-connections': { type: 'string' },
        timeout: { type: 'string' },
        'lock-ttl': { type: 'string' },
        retries: { type: 'string' },
        backoff: { type: 'string' },
        grace: { type: 'string' },
        jitter: { type: 'string' },
        keys: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    const config: StampedeConfig = {
      ...d,
      protections: values.protection === undefined ? d.protections : listFlag('protection', values.protection),
      arrival: values.burst || values.clients !== undefined ? 'burst' : 'poisson',
      rate: numberFlag('rate', values.rate, d.rate, Number.MIN_VALUE, 1_000_000),
      clients: numberFlag('clients', values.clients, d.clients, 1, 1_000_000, true),
      delta: deltaFlag(values.delta),
      ttl: numberFlag('ttl', values.ttl, d.ttl, Number.MIN_VALUE, 31_536_000),
      duration: numberFlag('duration', values.duration, d.duration, Number.MIN_VALUE, 31_536_000),
      beta: numberFlag('beta', values.beta, d.beta, Number.MIN_VALUE, 100),
      servers: numberFlag('servers', values.servers, d.servers, 1, 10_000, true),
      dbConnections: numberFlag('db-connections', values['db-connections'], d.dbConnections, 1, 1_000_000, true),
      clientTimeout: numberFlag('timeout', values.timeout, d.clientTimeout, Number.MIN_VALUE, 3600),
      lockTtl: numberFlag('lock-ttl', values['lock-ttl'], d.lockTtl, Number.MIN_VALUE, 3600),
      retries: numberFlag('retries', values.retries, d.retries, 0, 10_000, true),
      backoff: numberFlag('backoff', values.backoff, d.backoff, Number.MIN_VALUE, 3600),
      staleGrace: numberFlag('grace', values.grace, d.staleGrace, 0, 31_536_000),
      jitter: numberFlag('jitter', values.jitter, d.jitter, 0, 0.99),
      seed: numberFlag('seed', values.seed, d.seed, 0, 2 ** 32 - 1, true),
    };
    const keys = values.keys === undefined ? undefined : numberFlag('keys', values.keys, 1, 1, 10_000_000, true);
    let results;
    try {
      results = simulateStampede(config);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const bulk = keys === undefined ? undefined : {
      keys,
      ttl: config.ttl,
      jitter: config.jitter,
      peakWithoutJitter: Math.max(...expirationsPerSecond(keys, config.ttl, 0, createRng(config.seed))),
      peakWithJitter: Math.max(...expirationsPerSecond(keys, config.ttl, config.jitter, createRng(config.seed))),
    };
    if (values.json) {
      io.stdout(JSON.stringify({ config, results, ...(bulk ? { bulk } : {}) }, null, 2) + '\n');
      return 0;
    }
    const count = (value: number): string => value.toLocaleString('en-US');
    const ms = (value: number): string => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);
    const headers = ['protection', 'recomputations per expiry', 'worst wave', 'peak DB queries', 'p50 at expiry', 'p99 at expiry', 'timeouts', 'stale served', 'early refreshes', 'mean lead'];
    const rows = results.map((r) => [
      r.protection, r.recomputationsPerExpiry.toFixed(2), count(r.worstWave), count(r.peakDbConcurrency), ms(r.latencyDuringRefresh.p50), ms(r.latencyDuringRefresh.p99),
      count(r.timeouts), count(r.staleServed), count(r.earlyRefreshes), r.leads.length === 0 ? '-' : `${(r.leads.reduce((a, b) => a + b, 0) / r.leads.length).toFixed(2)} s`,
    ]);
    const arrivals = config.arrival === 'burst' ? `a burst of ${count(config.clients)} requests at the expiry` : `${count(config.rate)} requests/s for ${config.duration} s`;
    const deltaText = config.delta.kind === 'fixed' ? `${config.delta.ms / 1000} s` : JSON.stringify(config.delta);
    io.stdout(
      `Hot key, TTL ${config.ttl} s, recomputation ${deltaText}, ${arrivals}, ${config.servers} app server(s), ${count(config.dbConnections)} DB connections; seed ${config.seed}\n\n` +
        formatTable(headers, rows, headers.map((_, i) => i > 0)) +
        '\n' +
        results.map((r) => `${r.protection}: ${count(r.worstWave)} DB ${r.worstWave === 1 ? 'query' : 'queries'} at the worst expiry, p99 ${ms(r.latencyDuringRefresh.p99)}`).join('; ') +
        '\n' +
        (bulk
          ? `\n${count(bulk.keys)} keys written at once with a ${bulk.ttl} s TTL: ${count(bulk.peakWithoutJitter)} expire in the same second without jitter; ` +
            `with ±${bulk.jitter * 100}% jitter, at most ${count(bulk.peakWithJitter)} a second.\n`
          : ''),
    );
    return 0;
  },
};
