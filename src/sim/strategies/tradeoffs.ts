import type { StrategyResult } from './simulateStrategies';

/** The four columns study guides print for write strategies, filled in from a simulation. */
export interface StrategyTradeoffs {
  readonly strategy: string;
  readonly label: string;
  readonly writeLatency: string;
  readonly staleData: string;
  readonly warmOnWrite: string;
  readonly dataLoss: string;
}

export function strategyTradeoffs(results: readonly StrategyResult[], crashAt: number | undefined): StrategyTradeoffs[] {
  const ms = (value: number): string => `${value < 10 ? value.toFixed(2) : Math.round(value).toLocaleString('en-US')} ms`;
  return results.map((result) => ({
    strategy: result.strategy,
    label: result.label,
    writeLatency: result.writes === 0 ? 'no writes' : `${ms(result.writeLatency.p50)} (p99 ${ms(result.writeLatency.p99)})`,
    staleData:
      result.staleReads === 0
        ? 'none seen'
        : `${result.staleReads.toLocaleString('en-US')} reads (${((result.staleReads / Math.max(1, result.reads)) * 100).toFixed(2)}%), up to ${ms(result.longestStaleMs)} old`,
    warmOnWrite: result.writes === 0 ? 'no writes' : result.warmAfterWrite >= 0.995 ? 'yes' : result.warmAfterWrite === 0 ? 'no' : `${(result.warmAfterWrite * 100).toFixed(0)}% of writes`,
    dataLoss:
      crashAt === undefined
        ? 'no crash simulated'
        : result.lostWrites > 0
          ? `${result.lostWrites.toLocaleString('en-US')} acknowledged writes lost in the crash at ${crashAt} s`
          : `none in the crash at ${crashAt} s`,
  }));
}
