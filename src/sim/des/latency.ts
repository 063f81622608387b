import type { Rng } from '../rng';

/** How long an operation takes, in milliseconds. */
export type LatencySpec =
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly minMs: number; readonly maxMs: number }
  /** Log-normal with the given median and 99th percentile: a long right tail, as real latencies have. */
  | { readonly kind: 'lognormal'; readonly medianMs: number; readonly p99Ms: number };

/** The standard normal's 99th percentile. */
const Z99 = 2.3263478740408408;

/** Returns a sampler of seconds for `spec`, drawing from `rng`; throws naming a bad field. */
export function latencySampler(spec: LatencySpec, rng: Rng): () => number {
  switch (spec.kind) {
    case 'fixed':
      requireNonNegative('ms', spec.ms);
      return () => spec.ms / 1000;
    case 'uniform':
      requireNonNegative('minMs', spec.minMs);
      if (!(spec.maxMs >= spec.minMs)) throw new Error(`maxMs must be at least minMs (${spec.minMs}), not ${spec.maxMs}`);
      return () => (spec.minMs + (spec.maxMs - spec.minMs) * rng.next()) / 1000;
    case 'lognormal': {
      if (!(spec.medianMs > 0)) throw new Error(`medianMs must be above 0, not ${spec.medianMs}`);
      if (!(spec.p99Ms >= spec.medianMs)) throw new Error(`p99Ms must be at least medianMs (${spec.medianMs}), not ${spec.p99Ms}`);
      const mu = Math.log(spec.medianMs);
      const sigma = (Math.log(spec.p99Ms) - mu) / Z99;
      return () => Math.exp(mu + sigma * standardNormal(rng)) / 1000;
    }
  }
}

/** Box-Muller, from two uniforms (the first kept away from 0). */
function standardNormal(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function requireNonNegative(name: string, value: number): void {
  if (!(value >= 0) || !Number.isFinite(value)) throw new Error(`${name} must be a number of at least 0, not ${value}`);
}
