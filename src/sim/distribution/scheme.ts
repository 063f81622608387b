/** What every way of spreading keys over nodes provides. */
import type { KeySet } from './keys';

export interface DistributionNode {
  readonly name: string;
  /** Relative capacity; schemes that have no weights refuse unequal ones. */
  readonly weight: number;
}

export interface SchemeOptions {
  /** Ring points per node (ketama's 160 by default); weighted nodes get points in proportion. */
  readonly vnodes: number;
  /** Bounded loads' epsilon: no node holds more than ceil((1 + epsilon) x mean) keys. */
  readonly loadFactor: number;
}

export const defaultSchemeOptions: SchemeOptions = { vnodes: 160, loadFactor: 0.25 };

/** The points of a hash ring, sorted by position: what a ring drawing shows. */
export interface RingPoints {
  readonly positions: Uint32Array;
  readonly owners: Int32Array;
}

export interface Placement {
  readonly nodes: readonly DistributionNode[];
  /** The index of the node serving each key. */
  owners(keys: KeySet): Int32Array;
  /**
   * The placement after the membership changes to `nodes`: the surviving nodes first, in their
   * order, then the new ones, so an unmoved key keeps its owner's index.
   */
  resize(nodes: readonly DistributionNode[]): Placement;
  readonly ring?: RingPoints;
  /** Redis Cluster: the node index serving each slot. */
  readonly slotOwners?: Int32Array;
}

export interface DistributionScheme {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly weighted: boolean;
  place(nodes: readonly DistributionNode[], options: SchemeOptions): Placement;
}

/** Refuses unequal weights for a scheme that cannot honour them, naming a scheme that can. */
export function requireEqualWeights(scheme: string, nodes: readonly DistributionNode[]): void {
  if (nodes.some((node) => node.weight !== nodes[0]!.weight)) {
    throw new RangeError(`${scheme} has no node weights; use the ring, rendezvous or bounded loads for weighted nodes`);
  }
}

export function requireNodes(nodes: readonly DistributionNode[]): void {
  if (nodes.length === 0) throw new RangeError('at least one node is needed');
  for (const node of nodes) {
    if (!(node.weight > 0) || !Number.isFinite(node.weight)) throw new RangeError(`node ${node.name} needs a weight above 0, got ${node.weight}`);
  }
}
