/**
 * Redis Cluster's key space: CRC16 (XMODEM) of the key, or of its hash tag, modulo 16,384 slots;
 * slots split over primaries the way `redis-cli --cluster create` splits them, and moved the way
 * `redis-cli --cluster rebalance` moves them.
 */

export const SLOT_COUNT = 16_384;

/** CRC16-CCITT (XMODEM): polynomial 0x1021, initial value 0, as in Redis's crc16.c. */
const CRC_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[byte] = crc;
  }
  return table;
})();

export function crc16(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ CRC_TABLE[((crc >>> 8) ^ bytes[i]!) & 0xff]!;
  return crc;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const encoder = new TextEncoder();

/**
 * The slot of a key, as `CLUSTER KEYSLOT` computes it (cluster.c keyHashSlot): if the key has a `{`
 * followed later by a `}` with at least one byte between them, only those bytes are hashed.
 * Keys are hashed as their UTF-8 bytes.
 */
export function keySlot(key: string | Uint8Array): number {
  const bytes = typeof key === 'string' ? encoder.encode(key) : key;
  const open = bytes.indexOf(OPEN_BRACE);
  if (open >= 0) {
    const close = bytes.indexOf(CLOSE_BRACE, open + 1);
    if (close > open + 1) return crc16(bytes, open + 1, close) & (SLOT_COUNT - 1);
  }
  return crc16(bytes) & (SLOT_COUNT - 1);
}

/** A contiguous range of slots, both ends included, and the primary (by index) that serves it. */
export interface SlotRange {
  readonly first: number;
  readonly last: number;
  readonly node: number;
}

/**
 * The slot owners `redis-cli --cluster create` assigns to `primaries` primaries (redis-cli.c,
 * clusterManagerCommandCreate): a float cursor advanced by 16384 / n, each range ending at
 * lround(cursor + n - 1), the last ending at 16383. Three primaries get 0-5460, 5461-10922 and
 * 10923-16383. C's float arithmetic is reproduced with Math.fround.
 */
export function createSlotOwners(primaries: number): Int32Array {
  if (!Number.isInteger(primaries) || primaries < 1 || primaries > SLOT_COUNT) throw new RangeError(`a cluster needs 1 to ${SLOT_COUNT} primaries, got ${primaries}`);
  const owners = new Int32Array(SLOT_COUNT);
  const slotsPerNode = Math.fround(SLOT_COUNT / primaries);
  let first = 0;
  let cursor = 0;
  for (let node = 0; node < primaries; node++) {
    let last = lround(Math.fround(Math.fround(cursor + slotsPerNode) - 1));
    if (last > SLOT_COUNT || node === primaries - 1) last = SLOT_COUNT - 1;
    if (last < first) last = first;
    owners.fill(node, first, last + 1);
    first = last + 1;
    cursor = Math.fround(cursor + slotsPerNode);
  }
  return owners;
}

/** C's lround: to the nearest integer, halves away from zero. */
function lround(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** One slot moving from one primary to another during a rebalance. */
export interface SlotMove {
  readonly slot: number;
  readonly from: number;
  readonly to: number;
}

/**
 * The slot moves of `redis-cli --cluster rebalance` over `weights` (one per primary, old
 * primaries first, then new ones; weight 0 empties a primary before it is removed), with
 * `--cluster-use-empty-masters` (redis-cli.c, clusterManagerCommandRebalance), in the order it
 * makes them: each primary is expected to hold (int)(16384 / total weight x weight) slots; the
 * rounding surplus is taken from the primaries at or under their share; then the primary furthest
 * over gives its lowest-numbered slots to the one furthest under, until every balance is zero.
 */
export function rebalanceMoves(owners: Int32Array, weights: readonly number[]): SlotMove[] {
  const next = Int32Array.from(owners);
  const counts = new Array<number>(weights.length).fill(0);
  for (const owner of owners) {
    if (owner >= weights.length) throw new RangeError(`slot owner ${owner} has no weight`);
    counts[owner]!++;
  }
  const totalWeight = weights.reduce((sum, w) => Math.fround(sum + w), 0);
  if (!(totalWeight > 0)) throw new RangeError('rebalancing needs a primary with a weight above 0');
  const balances = weights.map((weight, node) => counts[node]! - Math.trunc(Math.fround(Math.fround(SLOT_COUNT / totalWeight) * weight)));
  let totalBalance = balances.reduce((a, b) => a + b, 0);
  while (totalBalance > 0 && balances.some((b) => b <= 0)) {
    for (let node = 0; node < balances.length && totalBalance > 0; node++) {
      if (balances[node]! <= 0) {
        balances[node]!--;
        totalBalance--;
      }
    }
  }
  // glibc's qsort is a merge sort here, so equal balances keep the cluster's node order.
  const order = balances.map((_, node) => node).sort((a, b) => balances[a]! - balances[b]!);
  const moves: SlotMove[] = [];
  let destination = 0;
  let source = order.length - 1;
  while (destination < source) {
    const to = order[destination]!;
    const from = order[source]!;
    const moving = Math.min(Math.abs(balances[to]!), Math.abs(balances[from]!));
    let moved = 0;
    for (let slot = 0; slot < SLOT_COUNT && moved < moving; slot++) {
      if (next[slot] !== from) continue;
      next[slot] = to;
      moves.push({ slot, from, to });
      moved++;
    }
    balances[to]! += moving;
    balances[from]! -= moving;
    if (balances[to] === 0) destination++;
    if (balances[from] === 0) source--;
  }
  return moves;
}

/** The slot owners once the rebalance's moves are made. */
export function rebalanceSlots(owners: Int32Array, weights: readonly number[]): Int32Array {
  const next = Int32Array.from(owners);
  for (const move of rebalanceMoves(owners, weights)) next[move.slot] = move.to;
  return next;
}

/** The owners as contiguous ranges, in slot order: the slot map `CLUSTER SLOTS` prints. */
export function slotRanges(owners: Int32Array): SlotRange[] {
  const ranges: SlotRange[] = [];
  let first = 0;
  for (let slot = 1; slot <= owners.length; slot++) {
    if (slot === owners.length || owners[slot] !== owners[first]) {
      ranges.push({ first, last: slot - 1, node: owners[first]! });
      first = slot;
    }
  }
  return ranges;
}
