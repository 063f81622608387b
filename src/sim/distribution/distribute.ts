/**
 * Spreads keys over nodes with each scheme and measures it: keys and requests per node, how even
 * that is, and what a node joining or leaving moves.
 */
import { createRng } from '../rng';
import { createKeyStream } from '../workloads';
import { schemeById } from './index';
import { numberedKeys, type KeySet } from './keys';
import type { DistributionNode, Placement, SchemeOptions } from './scheme';
import { slotRanges } from './slots';

export interface DistributionConfig extends SchemeOptions {
  readonly schemes: readonly string[];
  readonly nodes: number;
  /** One per node; absent means equal weights. */
  readonly weights?: readonly number[];
  readonly keys: number;
  /** Zipf requests over the keys, so hot keys count by traffic; 0 for keys only. */
  readonly requests: number;
  readonly alpha: number;
  readonly seed: number;
  /** Nodes joining (positive) or the last nodes leaving (negative). */
  readonly change: number;
}

export const defaultDistributionConfig: DistributionConfig = {
  schemes: ['modulo', 'ring', 'jump', 'rendezvous', 'bounded', 'redis-cluster'],
  nodes: 10,
  vnodes: 160,
  loadFactor: 0.25,
  keys: 100_000,
  requests: 1_000_000,
  alpha: 1,
  seed: 42,
  change: 1,
};

export interface LoadStats {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly stddev: number;
  /** Standard deviation over mean. */
  readonly cv: number;
  readonly maxOverMean: number;
}

export interface NodeLoad {
  readonly name: string;
  readonly weight: number;
  readonly keys: number;
  readonly requests: number;
}

export interface NamedSlotRange {
  readonly first: number;
  readonly last: number;
  readonly node: string;
}

export interface Layout {
  readonly nodes: readonly NodeLoad[];
  readonly keys: LoadStats;
  readonly requests: LoadStats | null;
  /** Redis Cluster: the slot map, as CLUSTER SLOTS would list it. */
  readonly slots?: readonly NamedSlotRange[];
}

export interface SchemeDistribution {
  readonly scheme: string;
  readonly label: string;
  readonly before: Layout;
  readonly after: Layout | null;
  readonly movedKeys: number;
  readonly movedFraction: number;
  /** The share of requests whose key moved: what a cold new owner costs in misses. */
  readonly movedRequestFraction: number;
}

export interface DistributionReport {
  readonly keys: number;
  readonly requests: number;
  readonly nodesBefore: number;
  readonly nodesAfter: number;
  /** The least any scheme must move: the joining nodes' share, or the leaving nodes'. */
  readonly minimumMovedFraction: number;
  readonly results: readonly SchemeDistribution[];
}

export function loadStats(values: ArrayLike<number>): LoadStats {
  const n = values.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    sum += values[i]!;
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  const stddev = Math.sqrt(squares / n);
  return { mean, min, max, stddev, cv: mean === 0 ? 0 : stddev / mean, maxOverMean: mean === 0 ? 0 : max / mean };
}

/** Requests per key from a seeded Zipf(alpha) stream over the keys. */
export function zipfTraffic(keys: number, requests: number, alpha: number, seed: number): Uint32Array {
  const counts = new Uint32Array(keys);
  if (requests === 0) return counts;
  const stream = createKeyStream({ kind: 'zipf', keys, alpha }, createRng(seed), requests);
  for (let i = 0; i < requests; i++) counts[stream.next()]!++;
  return counts;
}

export function nodeNames(count: number, first = 1): DistributionNode[] {
  return Array.from({ length: count }, (_, i) => ({ name: `node-${first + i}`, weight: 1 }));
}

function layout(placement: Placement, owners: Int32Array, traffic: Uint32Array | null): Layout {
  const keys = new Float64Array(placement.nodes.length);
  const requests = new Float64Array(placement.nodes.length);
  for (let i = 0; i < owners.length; i++) {
    keys[owners[i]!]!++;
    if (traffic) requests[owners[i]!]! += traffic[i]!;
  }
  return {
    nodes: placement.nodes.map((node, i) => ({ name: node.name, weight: node.weight, keys: keys[i]!, requests: requests[i]! })),
    keys: loadStats(keys),
    requests: traffic ? loadStats(requests) : null,
    ...(placement.slotOwners ? { slots: slotRanges(placement.slotOwners).map((r) => ({ first: r.first, last: r.last, node: placement.nodes[r.node]!.name })) } : {}),
  };
}

/** The nodes after the change: new ones appended with weight 1, or the last ones removed. */
export function changedNodes(nodes: readonly DistributionNode[], change: number): DistributionNode[] {
  if (change >= 0) return [...nodes, ...nodeNames(change, nodes.length + 1)];
  if (-change >= nodes.length) throw new RangeError(`cannot remove ${-change} of ${nodes.length} nodes: at least one must stay`);
  return nodes.slice(0, nodes.length + change);
}

/** One scheme's loads before and after the change, and what moved, on precomputed keys. */
export function distributeKeys(schemeId: string, nodes: readonly DistributionNode[], keys: KeySet, traffic: Uint32Array | null, options: SchemeOptions, change: number): SchemeDistribution {
  const scheme = schemeById(schemeId);
  const placement = scheme.place(nodes, options);
  const owners = placement.owners(keys);
  const before = layout(placement, owners, traffic);
  if (change === 0) return { scheme: scheme.id, label: scheme.label, before, after: null, movedKeys: 0, movedFraction: 0, movedRequestFraction: 0 };
  const resized = placement.resize(changedNodes(nodes, change));
  const newOwners = resized.owners(keys);
  let movedKeys = 0;
  let movedRequests = 0;
  let totalRequests = 0;
  for (let i = 0; i < owners.length; i++) {
    const moved = owners[i] !== newOwners[i];
    if (moved) movedKeys++;
    if (traffic) {
      totalRequests += traffic[i]!;
      if (moved) movedRequests += traffic[i]!;
    }
  }
  return {
    scheme: scheme.id,
    label: scheme.label,
    before,
    after: layout(resized, newOwners, traffic),
    movedKeys,
    movedFraction: movedKeys / keys.size,
    movedRequestFraction: totalRequests === 0 ? 0 : movedRequests / totalRequests,
  };
}

export function distribute(config: DistributionConfig, onScheme?: (done: number, total: number) => void): DistributionReport {
  if (config.weights && config.weights.length !== config.nodes) throw new RangeError(`${config.weights.length} weights for ${config.nodes} nodes`);
  const nodes = nodeNames(config.nodes).map((node, i) => ({ ...node, weight: config.weights?.[i] ?? 1 }));
  const keys = numberedKeys(config.keys);
  const traffic = config.requests > 0 ? zipfTraffic(config.keys, config.requests, config.alpha, config.seed) : null;
  const nodesAfter = changedNodes(nodes, config.change);
  const results = config.schemes.map((scheme, i) => {
    const result = distributeKeys(scheme, nodes, keys, traffic, config, config.change);
    onScheme?.(i + 1, config.schemes.length);
    return result;
  });
  const weightOf = (list: readonly DistributionNode[]) => list.reduce((sum, node) => sum + node.weight, 0);
  const changedWeight = Math.abs(weightOf(nodesAfter) - weightOf(nodes));
  return {
    keys: config.keys,
    requests: config.requests,
    nodesBefore: nodes.length,
    nodesAfter: nodesAfter.length,
    minimumMovedFraction: config.change === 0 ? 0 : changedWeight / Math.max(weightOf(nodes), weightOf(nodesAfter)),
    results,
  };
}
