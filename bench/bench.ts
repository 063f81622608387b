/** `npm run bench`: the simulator's throughput, printed; never asserted. */
import { formatTable } from '../src/cli/io';
import { policies } from '../src/sim/policies';
import { simulate } from '../src/sim/simulate';
import type { SimulationConfig } from '../src/sim/types';

const REQUESTS = 1_000_000;
const KEYS = 100_000;
const RUNS = 3;

function best(config: SimulationConfig): { seconds: number; hitRatio: number } {
  simulate({ ...config, requests: 100_000 }); // warm-up: let the JIT compile the hot loop
  let seconds = Infinity;
  let hitRatio = 0;
  for (let run = 0; run < RUNS; run++) {
    const result = simulate(config);
    seconds = Math.min(seconds, result.seconds);
    hitRatio = result.hitRatio;
  }
  return { seconds, hitRatio };
}

const scenarios: { name: string; config: (policy: string) => SimulationConfig }[] = [
  {
    name: 'zipf 0.9',
    config: (policy) => ({ workload: { kind: 'zipf', keys: KEYS, alpha: 0.9 }, policy, capacity: KEYS / 10, requests: REQUESTS, seed: 42, requestRate: 100_000 }),
  },
  {
    name: 'zipf 0.9, TTL 5 s',
    config: (policy) => ({
      workload: { kind: 'zipf', keys: KEYS, alpha: 0.9 }, policy, capacity: KEYS / 10, requests: REQUESTS, seed: 42,
      requestRate: 100_000, ttl: { seconds: 5, activeExpiry: true },
    }),
  },
];

console.log(`Simulator throughput: ${REQUESTS.toLocaleString('en-US')} requests over ${KEYS.toLocaleString('en-US')} keys, ` +
  `cache of 10%, best of ${RUNS} runs (Node ${process.version})\n`);
const rows: string[][] = [];
for (const scenario of scenarios) {
  for (const policy of policies) {
    const { seconds, hitRatio } = best(scenario.config(policy.id));
    rows.push([scenario.name, policy.id, `${(REQUESTS / seconds / 1e6).toFixed(2)}`, `${(seconds * 1000).toFixed(1)}`, `${(hitRatio * 100).toFixed(2)}%`]);
  }
}
console.log(formatTable(['workload', 'policy', 'M requests/s', 'ms', 'hit ratio'], rows, [false, false, true, true, true]));
