/** What the Compare Write Strategies form means to the simulator. Pure: no vscode import. */
import type { StrategySettings } from './shared/protocol';
import { strategies } from './sim/strategies';
import { defaultStrategyConfig, type StrategyRunConfig } from './sim/strategies/simulateStrategies';

export const strategyCatalog = strategies.map(({ id, label, description }) => ({ id, label, description }));

export function defaultStrategySettings(seed: number): StrategySettings {
  const d = defaultStrategyConfig;
  const lognormal = (spec: typeof d.dbLatency): { medianMs: number; p99Ms: number } =>
    spec.kind === 'lognormal' ? { medianMs: spec.medianMs, p99Ms: spec.p99Ms } : { medianMs: 1, p99Ms: 1 };
  return {
    strategies: [...d.strategies],
    keys: d.keys,
    alpha: d.alpha,
    writePercent: d.writePercent,
    rate: d.rate,
    requests: d.requests,
    concurrency: d.concurrency,
    ttl: d.ttl,
    cacheLatency: lognormal(d.cacheLatency),
    dbLatency: lognormal(d.dbLatency),
    dbConnections: d.dbConnections,
    crashAt: d.crashAt ?? null,
    lostInvalidationPercent: d.lostInvalidationPercent,
    duplicatedInvalidationPercent: d.duplicatedInvalidationPercent,
    flushInterval: d.flushInterval,
    batchSize: d.batchSize,
    refreshThreshold: d.refreshThreshold,
    seed,
  };
}

export function strategyRunConfig(settings: StrategySettings): StrategyRunConfig {
  const { ttl, crashAt, cacheLatency, dbLatency, ...rest } = settings;
  return {
    ...rest,
    ttl: ttl ?? Infinity,
    cacheLatency: { kind: 'lognormal', ...cacheLatency },
    dbLatency: { kind: 'lognormal', ...dbLatency },
    ...(crashAt === null ? {} : { crashAt }),
  };
}
