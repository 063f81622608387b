/** What the Hit Rate Lab's settings mean to the simulator. Pure: no vscode import, so tests use it directly. */
import { capacityForPercent } from './sim/simulate';
import { policies } from './sim/policies';
import { workloads } from './sim/workloads';
import type { Catalog, LabSettings } from './shared/protocol';
import type { CurveConfig, SimulationConfig } from './sim/types';

/** Cache sizes on the hit-rate curve, as percentages of the working set. */
export const CURVE_SIZE_PERCENTS: readonly number[] = Array.from({ length: 19 }, (_, i) => 5 + 5 * i);

export const catalog: Catalog = {
  policies: policies.map(({ id, label, description }) => ({ id, label, description })),
  workloads: workloads.map(({ kind, label, description }) => ({ id: kind, label, description })),
};

/** The user's `cacheLab.simulation.*` settings that shape a new scenario. */
export interface SimulationPreferences {
  readonly policy: string;
  readonly requestRate: number;
  readonly seed: number;
}

export function defaultLabSettings(preferences: SimulationPreferences): LabSettings {
  return {
    workload: { kind: 'zipf', keys: 100, alpha: 0.9 },
    policy: preferences.policy,
    comparePolicies: policies.map((policy) => policy.id),
    sizePercent: 20,
    requests: 1000,
    requestRate: preferences.requestRate,
    seed: preferences.seed,
    ttl: null,
  };
}

/** Names the first policy in `settings` the simulator does not know, if any. */
export function unknownPolicy(settings: LabSettings): string | undefined {
  const known = new Set(policies.map((policy) => policy.id));
  return [settings.policy, ...settings.comparePolicies].find((id) => !known.has(id));
}

export function simulationConfig(settings: LabSettings, requests: number, requestLogSize: number): SimulationConfig {
  return {
    workload: settings.workload,
    policy: settings.policy,
    capacity: capacityForPercent(settings.workload.keys, settings.sizePercent),
    requests,
    seed: settings.seed,
    requestRate: settings.requestRate,
    ...(settings.ttl ? { ttl: settings.ttl } : {}),
    requestLogSize,
  };
}

export function curveConfig(settings: LabSettings): CurveConfig {
  return {
    workload: settings.workload,
    policies: settings.comparePolicies,
    sizePercents: CURVE_SIZE_PERCENTS,
    requests: settings.requests,
    seed: settings.seed,
    requestRate: settings.requestRate,
    ...(settings.ttl ? { ttl: settings.ttl } : {}),
  };
}
