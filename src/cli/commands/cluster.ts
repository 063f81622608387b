import { parseArgs } from 'node:util';
import { defaultFailoverConfig, simulateFailover, type FailoverConfig } from '../../sim/distribution/cluster/failover';
import { defaultReshardConfig, simulateResharding, type ReshardConfig } from '../../sim/distribution/cluster/resharding';
import { formatTable, UsageError, type CliCommand } from '../io';
import { latencyFlag, latencyText, listFlag, numberFlag } from '../options';

const r = defaultReshardConfig;
const f = defaultFailoverConfig;

const usage = `Usage: cache-lab cluster reshard [options]
       cache-lab cluster failover [options]

reshard: primaries join a Redis Cluster and redis-cli --cluster rebalance migrates slots to them
while clients keep sending requests; counts the MOVED and ASK redirects clients with a stale slot
map get, and the extra round trips.
  --primaries N        primaries before (default ${r.primaries})
  --join N             primaries joining (default ${r.joining})
  --keys N             keys in the cluster (default ${r.keys})
  --alpha A            Zipf exponent of the requests (default ${r.alpha})
  --rate R             requests per second (default ${r.rate})
  --clients N          client connections, each with its own slot map (default ${r.clients})
  --pipeline N         keys per MIGRATE (default ${r.pipeline})
  --migrate-ms MS      milliseconds per MIGRATE (default ${r.migrateMs})
  --setslot-ms MS      milliseconds of SETSLOT calls per slot (default ${r.slotSetupMs})
  --refresh slot|map   on MOVED, update that slot or fetch the whole map (default ${r.refresh})

failover: a primary fails at --crash-at; its replica is promoted once the failure is detected
(after cluster-node-timeout) and an election won. Compares node timeouts side by side: seconds
without a primary, writes that failed meanwhile, and acknowledged writes lost because replication
is asynchronous.
  --primaries N        primaries, each with a replica (default ${f.primaries})
  --write-rate R       writes per second over the cluster (default ${f.writeRate})
  --crash-at S         when the primary fails (default ${f.crashAt})
  --node-timeout LIST  cluster-node-timeout settings in seconds (default ${f.nodeTimeouts.join(',')}; Redis's default is 15)
  --lag SPEC           replication lag: fixed:MS, uniform:MIN:MAX or lognormal:MEDIAN:P99 (default ${latencyText(f.replicationLag)})

Both:
  --seed N             seed (default ${r.seed})
  --json               print one JSON object
  -h, --help           show this help
`;

const options = {
  primaries: { type: 'string' },
  join: { type: 'string' },
  keys: { type: 'string' },
  alpha: { type: 'string' },
  rate: { type: 'string' },
  clients: { type: 'string' },
  pipeline: { type: 'string' },
  'migrate-ms': { type: 'string' },
  'setslot-ms': { type: 'string' },
  refresh: { type: 'string' },
  'write-rate': { type: 'string' },
  'crash-at': { type: 'string' },
  'node-timeout': { type: 'string' },
  lag: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

const count = (value: number): string => value.toLocaleString('en-US');
const seconds = (value: number): string => `${value.toFixed(2)} s`;

function onlyFlags(values: Values, allowed: readonly string[], mode: string): void {
  const stray = Object.keys(values).filter((name) => !allowed.includes(name) && !['seed', 'json', 'help'].includes(name));
  if (stray.length > 0) throw new UsageError(`--${stray[0]} does not apply to ${mode}`);
}

function reshard(values: Values): { json: object; text: string } {
  onlyFlags(values, ['primaries', 'join', 'keys', 'alpha', 'rate', 'clients', 'pipeline', 'migrate-ms', 'setslot-ms', 'refresh'], 'reshard');
  if (values.refresh !== undefined && values.refresh !== 'slot' && values.refresh !== 'map') throw new UsageError(`--refresh expects slot or map, got '${values.refresh}'`);
  const config: ReshardConfig = {
    ...r,
    primaries: numberFlag('primaries', values.primaries, r.primaries, 1, 1000, true),
    joining: numberFlag('join', values.join, r.joining, 1, 1000, true),
    keys: numberFlag('keys', values.keys, r.keys, 1, 10_000_000, true),
    alpha: numberFlag('alpha', values.alpha, r.alpha, 0, 5),
    rate: numberFlag('rate', values.rate, r.rate, Number.MIN_VALUE, 1_000_000),
    clients: numberFlag('clients', values.clients, r.clients, 1, 100_000, true),
    pipeline: numberFlag('pipeline', values.pipeline, r.pipeline, 1, 100_000, true),
    migrateMs: numberFlag('migrate-ms', values['migrate-ms'], r.migrateMs, 0, 60_000),
    slotSetupMs: numberFlag('setslot-ms', values['setslot-ms'], r.slotSetupMs, 0, 60_000),
    refresh: (values.refresh as 'slot' | 'map' | undefined) ?? r.refresh,
    seed: numberFlag('seed', values.seed, r.seed, 0, 2 ** 32 - 1, true),
  };
  const result = simulateResharding(config);
  const text =
    `${config.primaries} primaries, ${config.joining} joining: ${count(result.movedSlots)} slots and ${count(result.movedKeys)} keys migrate in ${seconds(result.migrationSeconds)}; ` +
    `${count(config.clients)} clients, ${count(config.rate)} requests/s, slot map refreshed per ${config.refresh === 'slot' ? 'slot' : 'MOVED with CLUSTER SLOTS'}\n\n` +
    formatTable(['requests', 'MOVED', 'ASK', 'extra round trips', 'redirected'], [[count(result.requests), count(result.movedRedirects), count(result.askRedirects), count(result.extraRoundTrips), `${(result.redirectedShare * 100).toFixed(2)}%`]], [true, true, true, true, true]);
  return { json: { config, result }, text };
}

function failover(values: Values): { json: object; text: string } {
  onlyFlags(values, ['primaries', 'write-rate', 'crash-at', 'node-timeout', 'lag'], 'failover');
  const config: FailoverConfig = {
    ...f,
    primaries: numberFlag('primaries', values.primaries, f.primaries, 3, 1000, true),
    writeRate: numberFlag('write-rate', values['write-rate'], f.writeRate, Number.MIN_VALUE, 10_000_000),
    crashAt: numberFlag('crash-at', values['crash-at'], f.crashAt, 0, 3600),
    nodeTimeouts: values['node-timeout'] === undefined ? f.nodeTimeouts : listFlag('node-timeout', values['node-timeout']).map((t) => numberFlag('node-timeout', t, 15, 0.01, 3600)),
    replicationLag: latencyFlag('lag', values.lag, f.replicationLag),
    seed: numberFlag('seed', values.seed, f.seed, 0, 2 ** 32 - 1, true),
  };
  const results = simulateFailover(config);
  const headers = ['node timeout', 'FAIL at', 'promoted at', 'no primary for', 'failed writes', 'lost writes'];
  const rows = results.map((x) => [seconds(x.nodeTimeout), seconds(x.failAt), seconds(x.promotedAt), seconds(x.unavailableSeconds), count(x.failedWrites), count(x.lostWrites)]);
  const text =
    `${config.primaries} primaries with a replica each, ${count(config.writeRate)} writes/s; one primary fails at ${seconds(config.crashAt)}; replication lag ${latencyText(config.replicationLag)} ms\n\n` +
    formatTable(headers, rows, headers.map(() => true));
  return { json: { config, results }, text };
}

export const clusterCommand: CliCommand = {
  name: 'cluster',
  summary: 'Redis Cluster: MOVED and ASK during a resharding, and a primary failing over',
  run(args, io) {
    const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    const [mode, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
    if (mode !== 'reshard' && mode !== 'failover') throw new UsageError(mode === undefined ? 'give reshard or failover' : `unknown mode '${mode}': expected reshard or failover`);
    let output;
    try {
      output = mode === 'reshard' ? reshard(values) : failover(values);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError((error as Error).message);
    }
    io.stdout(values.json ? JSON.stringify(output.json, null, 2) + '\n' : output.text);
    return 0;
  },
};
