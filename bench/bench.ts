/** `npm run bench`: the simulator's throughput, printed; never asserted. */
import { execFileSync } from 'node:child_process';
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

// Each measurement runs in its own process, as a `cache-lab simulate` run would: one policy per process
// keeps the replay loop's call sites monomorphic, and one run cannot warm or pollute another's JIT.
const [scenarioArg, policyArg] = process.argv.slice(2);
if (scenarioArg !== undefined && policyArg !== undefined) {
  console.log(JSON.stringify(best(scenarios[Number(scenarioArg)]!.config(policyArg))));
} else {
  console.log(`Simulator throughput: ${REQUESTS.toLocaleString('en-US')} requests over ${KEYS.toLocaleString('en-US')} keys, ` +
    `cache of 10%, workload generated on the fly, best of ${RUNS} runs (Node ${process.version})\n`);
  const rows: string[][] = [];
  scenarios.forEach((scenario, index) => {
    for (const policy of policies) {
      const output = execFileSync(process.execPath, [__filename, String(index), policy.id], { encoding: 'utf8' });
      const { seconds, hitRatio } = JSON.parse(output) as { seconds: number; hitRatio: number };
      rows.push([scenario.name, policy.id, (REQUESTS / seconds / 1e6).toFixed(2), (seconds * 1000).toFixed(1), `${(hitRatio * 100).toFixed(2)}%`]);
    }
  });
  console.log(formatTable(['workload', 'policy', 'M requests/s', 'ms', 'hit ratio'], rows, [false, false, true, true, true]));
}
