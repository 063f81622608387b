import { UsageError } from './io';

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** One `--size` item: a count of capacity units (10000, 64MiB, 1GB) or a share of the working set (10%). */
export type SizeSpec = { readonly percent: number } | { readonly units: number };

export function parseSize(text: string): SizeSpec {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) {
    const value = Number(percent[1]);
    if (!(value > 0 && value <= 100)) throw new UsageError(`--size percentage must be above 0 and at most 100, got '${text}'`);
    return { percent: value };
  }
  const absolute = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text);
  const unit = absolute ? UNITS[absolute[2]!.toLowerCase()] : undefined;
  if (!absolute || unit === undefined) {
    throw new UsageError(`--size expects a number of objects or bytes (10000, 64MiB, 1GB) or a percentage (10%), got '${text}'`);
  }
  const units = Math.round(Number(absolute[1]) * unit);
  if (units < 1 || !Number.isSafeInteger(units)) throw new UsageError(`--size must be at least 1, got '${text}'`);
  return { units };
}

/** The capacity a size names, given the working set in the same units (keys, or bytes). */
export function resolveSize(size: SizeSpec, workingSet: number): number {
  return 'units' in size ? size.units : Math.max(1, Math.round((workingSet * size.percent) / 100));
}
