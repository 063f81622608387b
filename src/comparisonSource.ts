/** Opens the requests a comparison replays. Pure: no vscode import, so the worker and tests use it. */
import type { ComparisonSource } from './shared/protocol';
import type { RequestSource } from './sim/source';
import { workloadSource } from './sim/workloads/source';

export function openComparisonSource(source: ComparisonSource, seed: number): RequestSource {
  switch (source.kind) {
    case 'workload':
      return workloadSource(source.workload, seed, source.requests);
    case 'trace':
      throw new Error('trace files are not readable yet');
  }
}
