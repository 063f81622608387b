const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return integer.format(value);
}

/** A ratio (0..1) as a percentage with two decimals, e.g. 0.4567 -> "45.67%". */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(2)}%`;
}

/** Queries or requests per second, compact above ten thousand: 1,234/s, 56.7k/s, 1.2M/s. */
export function formatRate(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(value >= 1e7 ? 0 : 1)}M/s`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(value >= 1e5 ? 0 : 1)}k/s`;
  return `${integer.format(value)}/s`;
}
