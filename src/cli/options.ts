import type { LatencySpec } from '../sim/des/latency';
import { UsageError } from './io';

/** Parses a flag's value as a number in [min, max], or says exactly what is wrong with it. */
export function numberFlag(name: string, value: string | undefined, fallback: number, min: number, max: number, integer = false): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`--${name} expects a number, got '${value}'`);
  if (integer && !Number.isInteger(parsed)) throw new UsageError(`--${name} expects a whole number, got '${value}'`);
  if (parsed < min || parsed > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${value}`);
  return parsed;
}

/** Splits a comma list, rejecting empty items. */
export function listFlag(name: string, value: string): string[] {
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new UsageError(`--${name} has an empty item in '${value}'`);
  return items;
}

/** Parses a latency distribution, fixed:MS, uniform:MIN:MAX or lognormal:MEDIAN:P99, in milliseconds. */
export function latencyFlag(name: string, value: string | undefined, fallback: LatencySpec): LatencySpec {
  if (value === undefined) return fallback;
  const [kind, ...numbers] = value.split(':');
  const parts = numbers.map((part) => numberFlag(name, part, NaN, 0, 3_600_000));
  if (kind === 'fixed' && parts.length === 1) return { kind, ms: parts[0]! };
  if (kind === 'uniform' && parts.length === 2) return { kind, minMs: parts[0]!, maxMs: parts[1]! };
  if (kind === 'lognormal' && parts.length === 2) return { kind, medianMs: parts[0]!, p99Ms: parts[1]! };
  throw new UsageError(`--${name} expects fixed:MS, uniform:MIN:MAX or lognormal:MEDIAN:P99 (ms), got '${value}'`);
}

/** Formats a latency distribution the way latencyFlag reads it. */
export function latencyText(spec: LatencySpec): string {
  return spec.kind === 'fixed' ? `fixed:${spec.ms}` : spec.kind === 'uniform' ? `uniform:${spec.minMs}:${spec.maxMs}` : `lognormal:${spec.medianMs}:${spec.p99Ms}`;
}
