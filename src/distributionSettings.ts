/** What the Distribution Lab form means to the simulator, and everything its panel draws. Pure: no vscode import. */
import type { DistributionOutcome, DistributionSettings, RingDrawing } from './shared/protocol';
import { schemeById, schemes } from './sim/distribution';
import { defaultFailoverConfig, simulateFailover } from './sim/distribution/cluster/failover';
import { defaultReshardConfig, simulateResharding } from './sim/distribution/cluster/resharding';
import { changedNodes, defaultDistributionConfig, distribute, distributeKeys, nodeNames } from './sim/distribution/distribute';
import { KeySet, numberedKeys } from './sim/distribution/keys';
import { SLOT_COUNT } from './sim/distribution/slots';

export const schemeCatalog = schemes.map(({ id, label, description }) => ({ id, label, description }));

/** Keys drawn on the ring: enough to see which move, few enough to tell apart. */
const DRAWN_KEYS = 360;
/** Virtual-node counts of the sweep, and how many differently named clusters each averages. */
const SWEEP_VNODES = [1, 2, 5, 10, 20, 40, 80, 160, 320, 640, 1000];
const SWEEP_CLUSTERS = 4;
const SWEEP_KEYS = 50_000;
const TWO_32 = 4294967296;

export function defaultDistributionSettings(seed: number): DistributionSettings {
  const d = defaultDistributionConfig;
  return {
    scheme: 'ring',
    nodes: d.nodes,
    change: d.change,
    vnodes: d.vnodes,
    loadFactor: d.loadFactor,
    keys: d.keys,
    requests: d.requests,
    alpha: d.alpha,
    nodeTimeouts: [...defaultFailoverConfig.nodeTimeouts],
    writeRate: defaultFailoverConfig.writeRate,
    seed,
  };
}

function drawing(settings: DistributionSettings): RingDrawing {
  const scheme = schemeById(settings.scheme);
  const nodes = nodeNames(settings.nodes);
  const after = changedNodes(nodes, settings.change);
  const options = { vnodes: settings.vnodes, loadFactor: settings.loadFactor };
  const before = scheme.place(nodes, options);
  const resized = before.resize(after);
  // Bounded loads depends on the keys placed before each one, so it places the whole key set.
  const all = numberedKeys(settings.keys);
  const step = Math.max(1, Math.floor(settings.keys / DRAWN_KEYS));
  const drawn = Array.from({ length: Math.min(DRAWN_KEYS, settings.keys) }, (_, i) => i * step);
  const ownersBefore = scheme.id === 'bounded' ? before.owners(all) : before.owners(new KeySet(drawn.map((i) => all.names[i]!)));
  const ownersAfter = scheme.id === 'bounded' ? resized.owners(all) : resized.owners(new KeySet(drawn.map((i) => all.names[i]!)));
  const pick = (owners: Int32Array, k: number): number => (scheme.id === 'bounded' ? owners[drawn[k]!]! : owners[k]!);
  const position = (key: number): number => (scheme.id === 'redis-cluster' ? all.slots[key]! / SLOT_COUNT : all.points[key]! / TWO_32);
  const ring = (placement: typeof before) =>
    placement.ring ? { positions: Array.from(placement.ring.positions, (p) => p / TWO_32), owners: Array.from(placement.ring.owners) } : null;
  const arcs = (placement: typeof before) => {
    if (!placement.slotOwners) return null;
    const ranges = [];
    for (let first = 0, slot = 1; slot <= SLOT_COUNT; slot++) {
      if (slot === SLOT_COUNT || placement.slotOwners[slot] !== placement.slotOwners[first]) {
        ranges.push({ from: first / SLOT_COUNT, to: slot / SLOT_COUNT, owner: placement.slotOwners[first]! });
        first = slot;
      }
    }
    return ranges;
  };
  return {
    scheme: scheme.id,
    nodesBefore: nodes.map((n) => n.name),
    nodesAfter: after.map((n) => n.name),
    ringBefore: ring(before),
    ringAfter: ring(resized),
    arcsBefore: arcs(before),
    arcsAfter: arcs(resized),
    keys: drawn.map((key, k) => ({ name: all.names[key]!, position: position(key), before: pick(ownersBefore, k), after: pick(ownersAfter, k) })),
  };
}

/** The ring's evenness and the keys an added node moves, against its virtual-node count. */
function vnodeSweep(settings: DistributionSettings): DistributionOutcome['sweep'] {
  const keys = numberedKeys(Math.min(settings.keys, SWEEP_KEYS));
  const n = settings.nodes;
  return SWEEP_VNODES.map((vnodes) => {
    let squares = 0;
    let moved = 0;
    for (let cluster = 0; cluster < SWEEP_CLUSTERS; cluster++) {
      const nodes = Array.from({ length: n }, (_, i) => ({ name: `sweep${cluster}-node-${i + 1}`, weight: 1 }));
      const result = distributeKeys('ring', nodes, keys, null, { vnodes, loadFactor: settings.loadFactor }, 1);
      squares += result.before.keys.cv ** 2;
      moved += result.movedFraction;
    }
    return {
      vnodes,
      cv: Math.sqrt(squares / SWEEP_CLUSTERS),
      theoryCv: Math.sqrt((n - 1) / (n * vnodes + 1) + (n - 1) / keys.size),
      movedFraction: moved / SWEEP_CLUSTERS,
    };
  });
}

/** Runs the lab: every scheme on the keys, the chosen one drawn, the sweep, and Redis Cluster's resharding and failover. */
export function runDistributionLab(settings: DistributionSettings, onStep?: (done: number, total: number) => void): DistributionOutcome {
  const steps = 5;
  const report = distribute({ ...defaultDistributionConfig, ...settings, schemes: schemes.map((s) => s.id) });
  onStep?.(1, steps);
  const ring = drawing(settings);
  onStep?.(2, steps);
  const sweep = vnodeSweep(settings);
  onStep?.(3, steps);
  const reshard = simulateResharding({ ...defaultReshardConfig, primaries: Math.max(1, Math.min(settings.nodes, 1000)), keys: settings.keys, alpha: settings.alpha, seed: settings.seed });
  onStep?.(4, steps);
  const failover = settings.nodes >= 3 ? simulateFailover({ ...defaultFailoverConfig, primaries: settings.nodes, nodeTimeouts: settings.nodeTimeouts, writeRate: settings.writeRate, seed: settings.seed }) : [];
  onStep?.(5, steps);
  return { report, drawing: ring, sweep, reshard, failover };
}
