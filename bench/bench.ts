/** `npm run bench [simulator] [analyzer]`: the simulator's and the analyzer's speed, printed; never asserted. */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTable } from '../src/cli/io';
import { memorySource } from '../src/sim/memorySource';
import { policies } from '../src/sim/policies';
import { replay, simulate } from '../src/sim/simulate';
import { RequestChunk } from '../src/sim/source';
import type { SimulationConfig } from '../src/sim/types';
import { workloadSource } from '../src/sim/workloads/source';
import { analyzerBench } from './analyzer';

const RUNS = 3;

/** The replay loop alone: a Zipf(1.0) trace already in memory, as the issue's yardstick trace. */
const LOOP = { requests: 10_000_000, keys: 1_000_000, alpha: 1.0, capacities: [10_000, 100_000] };
/**
 * Whole `cache-lab` processes on the same trace written as an oracleGeneral file, beside the wall
 * time of libCacheSim's `cachesim` on these 2-core machines (process start to exit, capacities of
 * 10,000 to 100,000 objects), as measured for the engine's issue.
 */
const END_TO_END: readonly { policy: string; cachesim: string }[] = [
  { policy: 'lru', cachesim: '1.6-3.1' },
  { policy: 'fifo', cachesim: '1.3-2.2' },
  { policy: 'clock', cachesim: '1.5-3.1' },
  { policy: 'sieve', cachesim: '1.3-2.0' },
  { policy: 'arc', cachesim: '1.6-3.4' },
  { policy: 's3fifo', cachesim: '4.0-7.0' },
  { policy: 'wtinylfu', cachesim: '3.6-6.0' },
  { policy: '2q', cachesim: '3.6-10.8' },
  { policy: 'lirs', cachesim: '4.4-9.2' },
  { policy: 'opt', cachesim: '' },
];
const CLI = join(__dirname, 'cli.js');

/** Generation and replay together, with and without TTLs, as the Hit Rate Lab runs them. */
const GENERATED = { requests: 1_000_000, keys: 100_000 };

function loopKeys(): Int32Array {
  const source = workloadSource({ kind: 'zipf', keys: LOOP.keys, alpha: LOOP.alpha }, 42, LOOP.requests);
  const keys = new Int32Array(LOOP.requests);
  const chunk = new RequestChunk();
  let filled = 0;
  for (let count = source.read(chunk); count > 0; count = source.read(chunk)) {
    keys.set(chunk.keys.subarray(0, count), filled);
    filled += count;
  }
  return keys;
}

interface Measurement {
  readonly seconds: number;
  readonly hitRatio: number;
}

function bestOf(run: () => Measurement): Measurement {
  let best: Measurement = { seconds: Infinity, hitRatio: 0 };
  for (let i = 0; i < RUNS; i++) {
    const { seconds, hitRatio } = run();
    if (seconds < best.seconds) best = { seconds, hitRatio };
  }
  return best;
}

function generatedConfig(policy: string, ttl: boolean): SimulationConfig {
  return {
    workload: { kind: 'zipf', keys: GENERATED.keys, alpha: 0.9 }, policy, capacity: GENERATED.keys / 10, requests: GENERATED.requests,
    seed: 42, requestRate: 100_000, ...(ttl ? { ttl: { seconds: 5, activeExpiry: true } } : {}),
  };
}

/** One policy's figures, measured in this process: the JSON the parent process reads. */
function measure(policy: string): Record<string, Measurement> {
  const keys = loopKeys();
  const figures: Record<string, Measurement> = {};
  for (const capacity of LOOP.capacities) {
    const source = memorySource('zipf trace', keys, LOOP.keys);
    figures[`loop ${capacity}`] = bestOf(() => replay(source, { policy, capacity, seed: 42, requestRate: 100_000 }));
  }
  for (const ttl of [false, true]) {
    simulate({ ...generatedConfig(policy, ttl), requests: 100_000 }); // let the JIT compile the loop first
    figures[ttl ? 'generated ttl' : 'generated'] = bestOf(() => simulate(generatedConfig(policy, ttl)));
  }
  return figures;
}

const SECTIONS: Readonly<Record<string, () => void | Promise<void>>> = { simulator: simulatorBench, analyzer: analyzerBench };

// Each policy runs in its own process, as a `cache-lab simulate` run would: its call sites stay
// monomorphic and one policy cannot warm or pollute another's JIT.
const args = process.argv.slice(2);
if (args[0] === '--policy') console.log(JSON.stringify(measure(args[1]!)));
else void runSections(args);

/** The sections named (`npm run bench -- analyzer`), or every one. */
async function runSections(names: readonly string[]): Promise<void> {
  const unknown = names.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) {
    console.error(`No bench section ${unknown.join(', ')}; the sections are ${Object.keys(SECTIONS).join(', ')}.`);
    process.exitCode = 2;
    return;
  }
  for (const [name, run] of Object.entries(SECTIONS)) if (names.length === 0 || names.includes(name)) await run();
}

function simulatorBench(): void {
  console.log(`Cache Lab bench, Node ${process.version}, best of ${RUNS} runs, each policy in its own process.\n`);
  console.log(`Replay loop: ${LOOP.requests.toLocaleString('en-US')} Zipf(${LOOP.alpha}) requests over ${LOOP.keys.toLocaleString('en-US')} keys held in memory.`);
  console.log(`Generated: ${GENERATED.requests.toLocaleString('en-US')} Zipf(0.9) requests over ${GENERATED.keys.toLocaleString('en-US')} keys generated during the replay, cache of 10%, without and with a 5 s TTL.\n`);
  const rows: string[][] = [];
  for (const policy of policies) {
    if (policy.needsFuture) continue; // OPT reads the future first: measured end to end below
    const figures = JSON.parse(execFileSync(process.execPath, [__filename, '--policy', policy.id], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Record<string, Measurement>;
    const rate = (name: string, requests: number): string => (requests / figures[name]!.seconds / 1e6).toFixed(2);
    rows.push([
      policy.id,
      ...LOOP.capacities.flatMap((capacity) => [rate(`loop ${capacity}`, LOOP.requests), `${(figures[`loop ${capacity}`]!.hitRatio * 100).toFixed(2)}%`]),
      rate('generated', GENERATED.requests),
      rate('generated ttl', GENERATED.requests),
    ]);
  }
  const headers = ['policy', ...LOOP.capacities.flatMap((c) => [`loop M req/s @${c / 1000}k`, `hit ratio @${c / 1000}k`]), 'generated M req/s', 'with TTL M req/s'];
  console.log(formatTable(headers, rows, headers.map((_, i) => i > 0)));
  endToEnd();
}

function seconds(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

function endToEnd(): void {
  const trace = join(tmpdir(), `cache-lab-bench-zipf${LOOP.alpha}-${LOOP.keys}-${LOOP.requests}.oracleGeneral`);
  if (!existsSync(trace) || statSync(trace).size !== LOOP.requests * 24) {
    const written = seconds(() =>
      execFileSync(process.execPath, [CLI, 'trace', 'generate', '--workload', 'zipf', '--alpha', String(LOOP.alpha), '--keys', String(LOOP.keys),
        '--requests', String(LOOP.requests), '--seed', '42', '--output', trace]),
    );
    console.log(`\nWrote ${trace} with cache-lab trace generate in ${written.toFixed(2)} s.`);
  }
  console.log(`\nEnd to end: one cache-lab process per run (start, trace read, replay, exit), wall seconds, best of ${RUNS}.`);
  const rows = END_TO_END.map(({ policy, cachesim }) => [
    policy,
    ...LOOP.capacities.map((capacity) => {
      const args = [CLI, 'simulate', '--trace', trace, '--policy', policy, '--size', String(capacity), '--json'];
      return Math.min(...Array.from({ length: RUNS }, () => seconds(() => execFileSync(process.execPath, args, { maxBuffer: 1 << 20 })))).toFixed(2);
    }),
    cachesim,
  ]);
  const headers = ['policy', ...LOOP.capacities.map((c) => `s @${c / 1000}k`), 'cachesim s'];
  console.log(formatTable(headers, rows, headers.map((_, i) => i > 0 && i <= LOOP.capacities.length)));
  console.log(`\nMiss-ratio curves over the same file, whole cache-lab mrc processes, wall seconds, best of ${RUNS}.`);
  const mrc = (extra: string[]): string =>
    Math.min(...Array.from({ length: RUNS }, () => seconds(() => execFileSync(process.execPath, [CLI, 'mrc', '--trace', trace, '--json', ...extra], { maxBuffer: 1 << 26 })))).toFixed(2);
  console.log(formatTable(['curve', 'seconds'], [['exact LRU, every size', mrc([])], ['SHARDS, 1% sample', mrc(['--sample', '0.01'])]], [false, true]));
}
