/** Opens the requests a comparison replays. Pure: no vscode import, so the worker and tests use it. */
import type { ComparisonSource } from './shared/protocol';
import type { RequestSource } from './sim/source';
import { openTrace, type ProgressListener } from './sim/trace';
import { workloadSource } from './sim/workloads/source';

export function openComparisonSource(source: ComparisonSource, seed: number, onProgress?: ProgressListener): RequestSource {
  switch (source.kind) {
    case 'workload':
      return workloadSource(source.workload, seed, source.requests);
    case 'trace':
      return openTrace({ path: source.path, format: source.format, ...(source.csv ? { csv: source.csv } : {}) }, onProgress);
  }
}
