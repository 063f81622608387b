import type { Rng } from '../rng';
import { hotspot } from './hotspot';
import { scan } from './scan';
import { shift } from './shift';
import { uniform } from './uniform';
import type { KeyStream, WorkloadDefinition, WorkloadSpec } from './workload';
import { zipf } from './zipf';

/** Every built-in workload; adding one means a new file and a line here. */
export const workloads: readonly WorkloadDefinition[] = [zipf, uniform, hotspot, scan, shift] as WorkloadDefinition[];

export function createKeyStream(spec: WorkloadSpec, rng: Rng, requests: number): KeyStream {
  const definition = workloads.find((workload) => workload.kind === spec.kind);
  if (!definition) {
    throw new Error(`unknown workload '${String(spec.kind)}' (choose from ${workloads.map((w) => w.kind).join(', ')})`);
  }
  return definition.create(spec, rng, requests);
}
