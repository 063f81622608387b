import type { Rng } from '../rng';

/** Zipf popularity: key k (0-based rank) is requested with probability proportional to 1/(k+1)^alpha. */
export interface ZipfWorkload {
  readonly kind: 'zipf';
  readonly keys: number;
  readonly alpha: number;
}

/** Every key equally likely. */
export interface UniformWorkload {
  readonly kind: 'uniform';
  readonly keys: number;
}

/** `hotRequestPercent`% of requests go to the first `hotKeyPercent`% of keys, uniformly within each group. */
export interface HotspotWorkload {
  readonly kind: 'hotspot';
  readonly keys: number;
  readonly hotRequestPercent: number;
  readonly hotKeyPercent: number;
}

/** Keys 0, 1, ..., keys-1, then again from 0: the loop that defeats LRU. */
export interface ScanWorkload {
  readonly kind: 'scan';
  readonly keys: number;
}

/** Zipf(alpha) whose popular keys change halfway through the requests. */
export interface ShiftWorkload {
  readonly kind: 'shift';
  readonly keys: number;
  readonly alpha: number;
}

export type WorkloadSpec = ZipfWorkload | UniformWorkload | HotspotWorkload | ScanWorkload | ShiftWorkload;
export type WorkloadKind = WorkloadSpec['kind'];

/** A seeded stream of keys in [0, keys). */
export interface KeyStream {
  next(): number;
}

export interface WorkloadDefinition<S extends WorkloadSpec = WorkloadSpec> {
  readonly kind: S['kind'];
  readonly label: string;
  readonly description: string;
  /** `requests` is the stream's planned length, for workloads that change partway through. */
  create(spec: S, rng: Rng, requests: number): KeyStream;
}
