/** What the Stampede Lab form means to the simulator. Pure: no vscode import. */
import type { StampedeOutcome, StampedeSettings } from './shared/protocol';
import { protections } from './sim/stampede';
import { defaultStampedeConfig, simulateStampede, type StampedeConfig } from './sim/stampede/simulateStampede';

export const protectionCatalog = protections.map(({ id, label, description }) => ({ id, label, description }));

/** Points on the timeline: about 400, never finer than 0.1 s. */
const TIMELINE_POINTS = 400;

export function defaultStampedeSettings(seed: number): StampedeSettings {
  const d = defaultStampedeConfig;
  return {
    protections: [...d.protections],
    arrival: d.arrival,
    rate: d.rate,
    clients: d.clients,
    ttl: d.ttl,
    delta: d.delta.kind === 'fixed' ? d.delta.ms / 1000 : 1,
    duration: d.duration,
    beta: d.beta,
    servers: d.servers,
    dbConnections: d.dbConnections,
    clientTimeout: d.clientTimeout,
    lockTtl: d.lockTtl,
    staleGrace: d.staleGrace,
    jitter: d.jitter,
    seed,
  };
}

export function stampedeRunConfig(settings: StampedeSettings): StampedeConfig {
  const span = settings.arrival === 'burst' ? settings.ttl + 2 * settings.clientTimeout : settings.duration;
  const { delta, ...rest } = settings;
  return { ...defaultStampedeConfig, ...rest, delta: { kind: 'fixed', ms: delta * 1000 }, bucket: Math.max(0.1, span / TIMELINE_POINTS) };
}

/** Runs the lab's settings: every protection, and the timeline's bucket width. */
export function runStampedeLab(settings: StampedeSettings): StampedeOutcome {
  const config = stampedeRunConfig(settings);
  return { bucket: config.bucket, results: simulateStampede(config) };
}
