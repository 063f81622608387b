import { exactLruMrc, hitRatioAt, shardsMrc, errorAt } from './mrc/mrc';
import { replay } from './simulate';
import type { RequestSource } from './source';
import type { RedisParameters } from './policies/policy';
import { workingSetBytes } from './workingSet';

export interface ComparisonConfig {
  readonly policies: readonly string[];
  /** Cache sizes as percentages of the working set: keys, or bytes when objects have sizes. */
  readonly sizePercents: readonly number[];
  readonly seed: number;
  readonly requestRate: number;
  readonly ignoreObjectSize: boolean;
  readonly redis?: Partial<RedisParameters>;
}

export interface ComparisonRow {
  readonly policy: string;
  readonly sizePercent: number;
  readonly capacity: number;
  readonly hitRatio: number;
  readonly byteHitRatio: number;
  readonly evictions: number;
  readonly oomErrors: number;
  readonly seconds: number;
}

/** The exact LRU curve (or its SHARDS estimate) drawn under the policies' points. */
export interface ComparisonCurve {
  readonly sampleRate: number;
  readonly sizePercents: readonly number[];
  readonly hitRatios: readonly number[];
  /** Estimated error of each point; zeros when exact. */
  readonly errors: readonly number[];
}

/** Traces longer than this get a SHARDS curve at 1% instead of the exact one, to keep runs short. */
const EXACT_CURVE_LIMIT = 50_000_000;
/** Points on the curve: log-spaced from 0.1% to 100% of the working set. */
const CURVE_POINTS = 60;

export interface Comparison {
  readonly source: string;
  readonly requests: number;
  readonly keys: number;
  /** Whether capacities count bytes (objects have sizes) rather than objects. */
  readonly sized: boolean;
  /** The working set in capacity units: distinct keys, or their bytes. */
  readonly workingSet: number;
  readonly sizePercents: readonly number[];
  readonly capacities: readonly number[];
  /** One row per (policy, size), policies in the order asked, sizes ascending. */
  readonly rows: readonly ComparisonRow[];
  /** The LRU miss-ratio curve over every size; null when objects have sizes (the curve counts objects). */
  readonly lruCurve: ComparisonCurve | null;
}

function lruCurve(source: RequestSource): ComparisonCurve {
  const curve = source.length > EXACT_CURVE_LIMIT ? shardsMrc(source, { rate: 0.01 }) : exactLruMrc(source);
  const sizePercents = Array.from({ length: CURVE_POINTS }, (_, i) => 0.1 * 1000 ** (i / (CURVE_POINTS - 1)));
  const capacities = sizePercents.map((percent) => Math.max(1, Math.round((source.keys * percent) / 100)));
  return {
    sampleRate: curve.sampleRate,
    sizePercents,
    hitRatios: capacities.map((capacity) => hitRatioAt(curve, capacity)),
    errors: capacities.map((capacity) => errorAt(curve, capacity)),
  };
}

/**
 * Replays the same requests through every policy at every size. `onPoint` hears after each run so
 * callers can show progress.
 */
export function comparePolicies(source: RequestSource, config: ComparisonConfig, onPoint?: (done: number, total: number) => void): Comparison {
  const sized = source.has.sizes && !config.ignoreObjectSize;
  const workingSet = sized ? workingSetBytes(source) : source.keys;
  const sizePercents = [...config.sizePercents].sort((a, b) => a - b);
  const capacities = sizePercents.map((percent) => Math.max(1, Math.round((workingSet * percent) / 100)));
  const total = config.policies.length * capacities.length;
  const rows: ComparisonRow[] = [];
  for (const policy of config.policies) {
    capacities.forEach((capacity, i) => {
      const result = replay(source, {
        policy,
        capacity,
        seed: config.seed,
        requestRate: config.requestRate,
        ignoreObjectSize: config.ignoreObjectSize,
        ...(config.redis ? { redis: config.redis } : {}),
      });
      rows.push({
        policy,
        sizePercent: sizePercents[i]!,
        capacity,
        hitRatio: result.hitRatio,
        byteHitRatio: result.byteHitRatio,
        evictions: result.evictions,
        oomErrors: result.oomErrors,
        seconds: result.seconds,
      });
      onPoint?.(rows.length, total);
    });
  }
  return {
    source: source.name, requests: source.length, keys: source.keys, sized, workingSet, sizePercents, capacities, rows,
    lruCurve: sized ? null : lruCurve(source),
  };
}

/** The comparison as CSV, a header and a line per row, for spreadsheets and other tools. */
export function comparisonCsv(comparison: Comparison): string {
  const unit = comparison.sized ? 'bytes' : 'objects';
  const header = `policy,size_percent,capacity_${unit},hit_ratio,byte_hit_ratio,evictions,oom_errors,seconds`;
  const lines = comparison.rows.map((row) =>
    [row.policy, row.sizePercent, row.capacity, row.hitRatio, row.byteHitRatio, row.evictions, row.oomErrors, row.seconds.toFixed(6)].join(','),
  );
  return [header, ...lines].join('\n') + '\n';
}
