import { workloads } from '../sim/workloads';
import type { WorkloadSpec } from '../sim/workloads/workload';
import { UsageError } from './io';
import { numberFlag } from './options';

/** parseArgs options for choosing a built-in workload; shared by every command that generates requests. */
export const workloadOptions = {
  workload: { type: 'string' },
  alpha: { type: 'string' },
  keys: { type: 'string' },
  'hot-requests': { type: 'string' },
  'hot-keys': { type: 'string' },
} as const;

/** Help lines for `workloadOptions`. */
export const workloadUsage = `  --workload NAME      ${workloads.map((w) => w.kind).join(', ')} (default zipf)
  --alpha A            Zipf exponent for zipf and shift (default 0.9)
  --keys N             distinct keys, the working set (default 100000)
  --hot-requests P     hotspot: percent of requests that go to the hot keys (default 80)
  --hot-keys P         hotspot: percent of keys that are hot (default 20)`;

/** The workload the flags describe. */
export function workloadSpec(values: Record<string, string | boolean | undefined>): WorkloadSpec {
  const str = (name: string): string | undefined => values[name] as string | undefined;
  const keys = numberFlag('keys', str('keys'), 100_000, 1, 100_000_000, true);
  const alpha = numberFlag('alpha', str('alpha'), 0.9, 0, 5);
  const kind = str('workload') ?? 'zipf';
  switch (kind) {
    case 'zipf':
    case 'shift':
      return { kind, keys, alpha };
    case 'uniform':
    case 'scan':
      return { kind, keys };
    case 'hotspot':
      return {
        kind,
        keys,
        hotRequestPercent: numberFlag('hot-requests', str('hot-requests'), 80, 0, 100),
        hotKeyPercent: numberFlag('hot-keys', str('hot-keys'), 20, 0.000001, 100),
      };
    default:
      throw new UsageError(`unknown workload '${kind}' (choose from ${workloads.map((w) => w.kind).join(', ')})`);
  }
}
