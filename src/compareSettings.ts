/** What the Compare Eviction Policies panel starts with. Pure: no vscode import, so tests use it directly. */
import type { SimulationPreferences } from './lab';
import { policies } from './sim/policies';
import type { CompareSettings } from './shared/protocol';

/** Policies compared by default: the classic, modern and Redis ones, but not Redis's refuse-writes variants. */
const DEFAULT_POLICIES = ['lru', 'fifo', 'lfu', 'clock', 'sieve', 'arc', 's3fifo', 'wtinylfu', 'lirs', '2q', 'allkeys-lru', 'allkeys-lfu'];

export function defaultCompareSettings(preferences: SimulationPreferences): CompareSettings {
  const known = new Set(policies.map((policy) => policy.id));
  return {
    source: { kind: 'workload', workload: { kind: 'zipf', keys: 10_000, alpha: 1.0 }, requests: 200_000 },
    policies: DEFAULT_POLICIES.filter((id) => known.has(id)),
    sizePercents: [1, 2, 5, 10, 20, 50],
    seed: preferences.seed,
    requestRate: preferences.requestRate,
    ignoreObjectSize: false,
  };
}

/** Names the first policy in `settings` the simulator does not know, if any. */
export function unknownComparedPolicy(settings: CompareSettings): string | undefined {
  const known = new Set(policies.map((policy) => policy.id));
  return settings.policies.find((id) => !known.has(id));
}
