/** `npm run bench`: the simulator's speed, printed; never asserted. */
import { execFileSync } from 'node:child_process';
import { formatTable } from '../src/cli/io';
import { memorySource } from '../src/sim/memorySource';
import { policies } from '../src/sim/policies';
import { replay, simulate } from '../src/sim/simulate';
import { RequestChunk } from '../src/sim/source';
import type { SimulationConfig } from '../src/sim/types';
import { workloadSource } from '../src/sim/workloads/source';

const RUNS = 3;

/** The replay loop alone: a Zipf(1.0) trace already in memory, as the issue's yardstick trace. */
const LOOP = { requests: 10_000_000, keys: 1_000_000, alpha: 1.0, capacities: [10_000, 100_000] };
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

// Each policy runs in its own process, as a `cache-lab simulate` run would: its call sites stay
// monomorphic and one policy cannot warm or pollute another's JIT.
const [policyArg] = process.argv.slice(2);
if (policyArg !== undefined) {
  console.log(JSON.stringify(measure(policyArg)));
} else {
  console.log(`Cache Lab bench, Node ${process.version}, best of ${RUNS} runs, each policy in its own process.\n`);
  console.log(`Replay loop: ${LOOP.requests.toLocaleString('en-US')} Zipf(${LOOP.alpha}) requests over ${LOOP.keys.toLocaleString('en-US')} keys held in memory.`);
  console.log(`Generated: ${GENERATED.requests.toLocaleString('en-US')} Zipf(0.9) requests over ${GENERATED.keys.toLocaleString('en-US')} keys generated during the replay, cache of 10%, without and with a 5 s TTL.\n`);
  const rows: string[][] = [];
  for (const policy of policies) {
    if (policy.needsFuture) continue; // OPT reads the future: measured with the traces below
    const figures = JSON.parse(execFileSync(process.execPath, [__filename, policy.id], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Record<string, Measurement>;
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
}
