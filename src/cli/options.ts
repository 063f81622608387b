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
