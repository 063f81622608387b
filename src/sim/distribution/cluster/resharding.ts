/**
 * A Redis Cluster resharding seen by clients: primaries join, `redis-cli --cluster rebalance`
 * migrates slots one at a time (SETSLOT IMPORTING and MIGRATING, MIGRATE in pipelines of keys,
 * SETSLOT NODE), and clients with a slot map route each request. A request for a migrating slot
 * whose key has already left gets ASK (one extra round trip, no map change); a request to a
 * primary that no longer owns the slot gets MOVED, and the client updates its map.
 */
import { createRng } from '../../rng';
import { createKeyStream } from '../../workloads';
import { numberedKeys } from '../keys';
import { createSlotOwners, rebalanceMoves, SLOT_COUNT } from '../slots';

export interface ReshardConfig {
  /** Primaries before the resharding. */
  readonly primaries: number;
  /** Primaries joining, each taking an equal share. */
  readonly joining: number;
  readonly keys: number;
  readonly alpha: number;
  /** Requests per second, Poisson. */
  readonly rate: number;
  /** Client connections, each with its own slot map. */
  readonly clients: number;
  /** Keys per MIGRATE (redis-cli's --cluster-pipeline, 10 by default). */
  readonly pipeline: number;
  /** Milliseconds one MIGRATE of a pipeline of keys takes. */
  readonly migrateMs: number;
  /** Milliseconds of SETSLOT calls per slot (IMPORTING, MIGRATING, then NODE on both sides). */
  readonly slotSetupMs: number;
  /** On MOVED, update that slot only, or fetch the whole map again (CLUSTER SLOTS). */
  readonly refresh: 'slot' | 'map';
  /** Seconds of traffic before the first slot moves and after the last. */
  readonly margin: number;
  readonly seed: number;
}

export const defaultReshardConfig: ReshardConfig = {
  primaries: 3,
  joining: 1,
  keys: 100_000,
  alpha: 1,
  rate: 10_000,
  clients: 50,
  pipeline: 10,
  migrateMs: 1,
  slotSetupMs: 2,
  refresh: 'slot',
  margin: 1,
  seed: 42,
};

export interface ReshardResult {
  readonly movedSlots: number;
  readonly movedKeys: number;
  /** Seconds from the first SETSLOT to the last. */
  readonly migrationSeconds: number;
  readonly requests: number;
  readonly movedRedirects: number;
  readonly askRedirects: number;
  /** Round trips beyond one per request. */
  readonly extraRoundTrips: number;
  readonly redirectedShare: number;
  /** Seconds per timeline point. */
  readonly bucket: number;
  readonly migrationStart: number;
  readonly migrationEnd: number;
  readonly timeline: { readonly requests: readonly number[]; readonly moved: readonly number[]; readonly ask: readonly number[] };
}

const TIMELINE_POINTS = 200;

export function simulateResharding(config: ReshardConfig): ReshardResult {
  if (config.joining < 1) throw new RangeError('at least one primary must join');
  const keys = numberedKeys(config.keys);
  const slots = keys.slots;
  const before = createSlotOwners(config.primaries);
  const total = config.primaries + config.joining;
  const moves = rebalanceMoves(before, new Array<number>(total).fill(1));

  // The keys of each slot, as compressed rows.
  const rowStart = new Int32Array(SLOT_COUNT + 1);
  for (const slot of slots) rowStart[slot + 1]!++;
  for (let s = 0; s < SLOT_COUNT; s++) rowStart[s + 1]! += rowStart[s]!;
  const rowFill = rowStart.slice(0, SLOT_COUNT);
  const keysBySlot = new Int32Array(config.keys);
  slots.forEach((slot, key) => (keysBySlot[rowFill[slot]!++] = key));

  // When each slot starts migrating and is handed over, and when each key leaves.
  const migrateFrom = new Float64Array(SLOT_COUNT).fill(Infinity);
  const handover = new Float64Array(SLOT_COUNT).fill(Infinity);
  const target = Int32Array.from(before);
  const keyLeaves = new Float64Array(config.keys).fill(Infinity);
  let clock = config.margin;
  let movedKeys = 0;
  for (const move of moves) {
    clock += config.slotSetupMs / 2000;
    migrateFrom[move.slot] = clock;
    for (let i = rowStart[move.slot]!, n = 0; i < rowStart[move.slot + 1]!; i++, n++) {
      if (n % config.pipeline === 0) clock += config.migrateMs / 1000;
      keyLeaves[keysBySlot[i]!] = clock;
      movedKeys++;
    }
    clock += config.slotSetupMs / 2000;
    handover[move.slot] = clock;
    target[move.slot] = move.to;
  }
  const migrationEnd = clock;
  const duration = migrationEnd + config.margin;

  const rng = createRng(config.seed);
  const stream = createKeyStream({ kind: 'zipf', keys: config.keys, alpha: config.alpha }, rng, Math.ceil(config.rate * duration * 1.2) + 100);
  const maps = Array.from({ length: config.clients }, () => Int32Array.from(before));
  const ownerAt = (slot: number, time: number): number => (time >= handover[slot]! ? target[slot]! : before[slot]!);
  const bucket = duration / TIMELINE_POINTS;
  const timeline = { requests: new Array<number>(TIMELINE_POINTS).fill(0), moved: new Array<number>(TIMELINE_POINTS).fill(0), ask: new Array<number>(TIMELINE_POINTS).fill(0) };
  let requests = 0;
  let moved = 0;
  let ask = 0;
  for (let time = -Math.log(1 - rng.next()) / config.rate; time < duration; time += -Math.log(1 - rng.next()) / config.rate) {
    const key = stream.next();
    const slot = slots[key]!;
    const map = maps[rng.nextInt(config.clients)]!;
    const point = Math.min(TIMELINE_POINTS - 1, Math.floor(time / bucket));
    requests++;
    timeline.requests[point]!++;
    const owner = ownerAt(slot, time);
    if (map[slot] !== owner) {
      moved++;
      timeline.moved[point]!++;
      if (config.refresh === 'slot') map[slot] = owner;
      else for (let s = 0; s < SLOT_COUNT; s++) map[s] = ownerAt(s, time);
    } else if (time >= migrateFrom[slot]! && time < handover[slot]! && time >= keyLeaves[key]!) {
      ask++;
      timeline.ask[point]!++;
    }
  }
  return {
    movedSlots: moves.length,
    movedKeys,
    migrationSeconds: migrationEnd - config.margin,
    requests,
    movedRedirects: moved,
    askRedirects: ask,
    extraRoundTrips: moved + ask,
    redirectedShare: requests === 0 ? 0 : (moved + ask) / requests,
    bucket,
    migrationStart: config.margin,
    migrationEnd,
    timeline,
  };
}
