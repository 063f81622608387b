/** What the extension host asks the simulation worker to do, and what the worker answers. */
import type { Comparison } from '../sim/compare';
import type { RaceExploration, RaceRun } from '../sim/race/run';
import type { CompareSettings, DistributionOutcome, DistributionSettings, RaceRequest, StampedeOutcome, StampedeSettings, StrategyComparison, StrategySettings } from '../shared/protocol';
import type { CurveConfig, CurveResult, SimulationConfig, SimulationProgress, SimulationResult } from '../sim/types';

export type SimulationJob =
  | { readonly kind: 'simulate'; readonly config: SimulationConfig }
  /** The Hit Rate Lab's "Send requests": one run with its request log, then the curve over all sizes. */
  | { readonly kind: 'lab'; readonly simulation: SimulationConfig; readonly curve: CurveConfig }
  /** Compare Eviction Policies: every policy at every size over a workload or a trace file. */
  | { readonly kind: 'compare'; readonly settings: CompareSettings }
  /** Step Through a Race: one run on the default timeline or in a given order. */
  | { readonly kind: 'race'; readonly request: RaceRequest }
  /** Step Through a Race: every interleaving. */
  | { readonly kind: 'raceExplore'; readonly request: RaceRequest }
  /** Compare Write Strategies: every chosen strategy over one workload. */
  | { readonly kind: 'strategies'; readonly settings: StrategySettings }
  /** Stampede Lab: a hot key's expiry under each protection. */
  | { readonly kind: 'stampede'; readonly settings: StampedeSettings }
  /** Distribution Lab: every scheme, the ring drawing, the sweep, and Redis Cluster over time. */
  | { readonly kind: 'distribution'; readonly settings: DistributionSettings };

export interface LabJobResult {
  readonly result: SimulationResult;
  readonly curve: CurveResult;
}

export type JobResult<J extends SimulationJob> = J extends { kind: 'simulate' }
  ? SimulationResult
  : J extends { kind: 'compare' }
    ? Comparison
    : J extends { kind: 'race' }
      ? RaceRun
      : J extends { kind: 'raceExplore' }
        ? RaceExploration
        : J extends { kind: 'strategies' }
          ? StrategyComparison
          : J extends { kind: 'stampede' }
            ? StampedeOutcome
            : J extends { kind: 'distribution' }
              ? DistributionOutcome
              : LabJobResult;

/** Progress: the running counts of a simulation, or how many curve points are done. */
export type JobProgress =
  | { readonly kind: 'simulate'; readonly progress: SimulationProgress }
  | { readonly kind: 'curve'; readonly done: number; readonly total: number }
  /** Bytes of a trace file read while opening it. */
  | { readonly kind: 'reading'; readonly done: number; readonly total: number };

/** How far along a job is, from 0 to 1. */
export function progressFraction(progress: JobProgress): number {
  if (progress.kind !== 'simulate') return progress.total === 0 ? 1 : progress.done / progress.total;
  const { requests, total } = progress.progress;
  return total === 0 ? 1 : requests / total;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly progress: JobProgress }
  | { readonly type: 'done'; readonly result: SimulationResult | LabJobResult | Comparison | RaceRun | RaceExploration | StrategyComparison | StampedeOutcome | DistributionOutcome }
  | { readonly type: 'failed'; readonly message: string };

/** Requests between two progress reports: about 200 reports a run, and never one per request. */
export function progressInterval(requests: number): number {
  return Math.max(10_000, Math.ceil(requests / 200));
}
