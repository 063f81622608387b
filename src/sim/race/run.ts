import type { RaceParameter, RaceScenario, RaceScript, RaceStep } from './scenario';
import type { RaceSnapshot, StaleRead, StaleWindow } from './world';

/** One step as it happened. */
export interface RaceEvent {
  readonly index: number;
  readonly time: number;
  readonly actor: string;
  readonly step: string;
  readonly label: string;
  /** What the step did, e.g. "GET user:42 → miss". */
  readonly detail: string;
  /** Stores the step read or wrote. */
  readonly touched: readonly string[];
  /** Every store after the step. */
  readonly after: RaceSnapshot;
}

export interface LostWrite {
  readonly key: string;
  readonly acknowledged: string;
  readonly db?: string | undefined;
}

export interface RaceVerdict {
  /** No cache left holding a value the database does not, and no acknowledged write lost. */
  readonly consistent: boolean;
  /** Stale values left behind when the script ends. */
  readonly stale: readonly StaleWindow[];
  readonly lostWrites: readonly LostWrite[];
  /** Stale windows that closed before the end (a delete or an expiry caught up). */
  readonly transient: readonly StaleWindow[];
  readonly staleReads: readonly StaleRead[];
  /** One line: "consistent", or which key holds what and for how long. */
  readonly summary: string;
}

export interface RaceRun {
  readonly scenario: string;
  readonly parameters: Readonly<Record<string, number>>;
  readonly actors: readonly string[];
  readonly stores: readonly string[];
  readonly initial: RaceSnapshot;
  readonly events: readonly RaceEvent[];
  readonly verdict: RaceVerdict;
}

/** Checks given parameters against the scenario's, filling in defaults; throws naming a bad one. */
export function resolveParameters(scenario: RaceScenario, given: Readonly<Record<string, number>> = {}): Record<string, number> {
  const known = new Map(scenario.parameters.map((parameter) => [parameter.name, parameter]));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const choices = scenario.parameters.map((parameter) => parameter.name);
      throw new Error(`${scenario.id} has no parameter '${name}'${choices.length ? ` (it has ${choices.join(', ')})` : ' (it takes none)'}`);
    }
  }
  const resolved: Record<string, number> = {};
  for (const parameter of scenario.parameters) resolved[parameter.name] = checked(parameter, given[parameter.name] ?? parameter.default);
  return resolved;
}

function checked(parameter: RaceParameter, value: number): number {
  if (!Number.isFinite(value) || value < parameter.min || value > parameter.max) {
    throw new Error(`${parameter.name} must be a number from ${parameter.min} to ${parameter.max} ${parameter.unit}`.trimEnd() + `, not ${value}`);
  }
  return value;
}

interface StepNode {
  readonly step: RaceStep;
  readonly actor: number;
  readonly index: number;
  /** Node the timing is relative to, or -1 for the start. */
  readonly ref: number;
  readonly min: number;
  readonly max: number;
  readonly typical: number;
}

/** Every step of a script with its timing resolved to node indexes. */
function nodesOf(script: RaceScript): StepNode[][] {
  const ids = new Map<string, number>();
  let count = 0;
  for (const actor of script.actors) for (const step of actor.steps) {
    if (ids.has(step.id)) throw new Error(`step id '${step.id}' is used twice`);
    ids.set(step.id, count++);
  }
  let flat = 0;
  return script.actors.map((actor, a) =>
    actor.steps.map((step, index) => {
      const self = flat++;
      const after = step.timing?.after;
      if (after !== undefined && !ids.has(after)) throw new Error(`step '${step.id}' is timed after '${after}', which is not a step`);
      const ref = after !== undefined ? ids.get(after)! : index > 0 ? self - 1 : -1;
      const min = step.timing?.min ?? 0;
      const max = step.timing?.max ?? Infinity;
      return { step, actor: a, index, ref, min, max, typical: step.timing?.typical ?? min };
    }),
  );
}

/** The default timeline: each step at its typical delay, in time order (ties by actor, then step). */
function defaultTimeline(actors: StepNode[][]): { order: number[]; times: Map<number, number> } {
  const flat = actors.flat();
  const offsets = actors.map((_, a) => actors.slice(0, a).reduce((sum, steps) => sum + steps.length, 0));
  const times = new Array<number>(flat.length).fill(NaN);
  for (let pass = 0; pass <= flat.length && times.some(Number.isNaN); pass++) {
    flat.forEach((node, i) => {
      const previous = node.index > 0 ? times[offsets[node.actor]! + node.index - 1]! : 0;
      const base = node.ref < 0 ? 0 : times[node.ref]!;
      if (!Number.isNaN(previous) && !Number.isNaN(base)) times[i] = Math.max(previous, base + node.typical);
    });
  }
  if (times.some(Number.isNaN)) throw new Error('the steps are timed after one another in a circle');
  const order = flat.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || flat[a]!.actor - flat[b]!.actor || flat[a]!.index - flat[b]!.index);
  return { order, times: new Map(order.map((node) => [node, times[node]!])) };
}

/** Whether `node` may come next: after its actor's earlier step and after the step it is timed from. */
function ready(flat: readonly StepNode[], placed: ReadonlySet<number>, node: number): boolean {
  const { ref, index } = flat[node]!;
  return (index === 0 || placed.has(node - 1)) && (ref < 0 || placed.has(ref));
}

/**
 * Earliest times for steps placed in `order` (node indexes), or undefined when no times satisfy
 * the order and every timing constraint among the placed steps: difference constraints, solved by
 * Bellman-Ford from the start over the reversed constraint graph.
 */
function earliestTimes(flat: readonly StepNode[], order: readonly number[]): Map<number, number> | undefined {
  // Order and `ready` put a step after its own actor's earlier steps and after its reference.
  // Edge [u, v, w] means t(v) <= t(u) + w; node -1 is the start, at time 0.
  const edges: [number, number, number][] = [];
  for (let i = 0; i + 1 < order.length; i++) edges.push([order[i + 1]!, order[i]!, 0]);
  for (const s of order) {
    edges.push([s, -1, 0]);
    const { ref, min, max } = flat[s]!;
    if (max !== Infinity) edges.push([ref, s, max]);
    edges.push([s, ref, -min]);
  }
  // Earliest t(x) = -(shortest path from x to the start); relax reversed edges from the start.
  const distance = new Map<number, number>([[-1, 0]]);
  for (let round = 0; round <= order.length + 1; round++) {
    let changed = false;
    for (const [u, v, w] of edges) {
      const dv = distance.get(v);
      if (dv === undefined) continue;
      if (dv + w < (distance.get(u) ?? Infinity)) {
        distance.set(u, dv + w);
        changed = true;
      }
    }
    if (!changed) {
      const times = new Map<number, number>();
      for (const s of order) times.set(s, -(distance.get(s) ?? 0) + 0);
      return times;
    }
  }
  return undefined; // a negative cycle: the constraints contradict each other
}

function execute(scenario: RaceScenario, parameters: Record<string, number>, order?: readonly number[]): RaceRun {
  const script = scenario.build(parameters);
  const actors = nodesOf(script);
  const flat = actors.flat();
  const timeline = order ? { order, times: earliestTimes(flat, order) } : defaultTimeline(actors);
  const { order: sequence, times } = timeline;
  if (!times) throw new Error(`${scenario.id}: the steps cannot happen in this order with these timings`);
  const { world } = script;
  const initial = world.snapshot();
  const events: RaceEvent[] = sequence.map((node, index) => {
    const { step, actor } = flat[node]!;
    world.time = times.get(node)!;
    world.touched = new Set();
    const detail = step.run(world);
    world.observe();
    return {
      index, time: world.time, actor: script.actors[actor]!.name, step: step.id, label: step.label, detail,
      touched: [...world.touched], after: world.snapshot(),
    };
  });
  const stale = world.staleAtEnd();
  const lostWrites = [...world.acknowledged]
    .filter(([key, value]) => world.db.get(key) !== value)
    .map(([key, acknowledged]) => ({ key, acknowledged, db: world.db.get(key) }));
  return {
    scenario: scenario.id,
    parameters,
    actors: script.actors.map((actor) => actor.name),
    stores: script.stores,
    initial,
    events,
    verdict: {
      consistent: stale.length === 0 && lostWrites.length === 0,
      stale,
      lostWrites,
      transient: world.closedWindows,
      staleReads: world.staleReads,
      summary: summarize(stale, lostWrites),
    },
  };
}

function summarize(stale: readonly StaleWindow[], lost: readonly LostWrite[]): string {
  const parts = [
    ...stale.map(
      (window) =>
        `stale: ${window.cache} holds ${window.key} = '${window.value}' while the DB has ${window.dbValue === undefined ? 'no row' : `'${window.dbValue}'`}, ` +
        `since t=${window.since} ms, ${window.expiresAt === Infinity ? 'with no TTL to end it' : `until its TTL runs out at t=${window.expiresAt} ms`}`,
    ),
    ...lost.map((write) => `lost write: ${write.key} = '${write.acknowledged}' was acknowledged, but the DB has ${write.db === undefined ? 'no row' : `'${write.db}'`}`),
  ];
  return parts.length === 0 ? 'consistent' : parts.join('; ');
}

/** Runs a scenario on its default timeline. */
export function runRace(scenario: RaceScenario, given: Readonly<Record<string, number>> = {}): RaceRun {
  return execute(scenario, resolveParameters(scenario, given));
}

/** Runs a scenario in a given order of step ids (a counterexample, say). */
export function runRaceInOrder(scenario: RaceScenario, order: readonly string[], given: Readonly<Record<string, number>> = {}): RaceRun {
  const parameters = resolveParameters(scenario, given);
  const flat = nodesOf(scenario.build(parameters)).flat();
  const byId = new Map(flat.map((node, i) => [node.step.id, i]));
  const nodes = order.map((id) => {
    const node = byId.get(id);
    if (node === undefined) throw new Error(`${scenario.id} has no step '${id}' (its steps are ${[...byId.keys()].join(', ')})`);
    return node;
  });
  if (new Set(nodes).size !== flat.length || nodes.length !== flat.length) throw new Error(`${scenario.id}: an order must list each of its ${flat.length} steps once`);
  const placed = new Set<number>();
  for (const node of nodes) {
    const { ref, step } = flat[node]!;
    if (!ready(flat, placed, node)) {
      const before = flat[node]!.index > 0 && !placed.has(node - 1) ? node - 1 : ref;
      throw new Error(`${scenario.id}: ${step.id} must come after ${flat[before]!.step.id}`);
    }
    placed.add(node);
  }
  return execute(scenario, parameters, nodes);
}

export interface RaceExploration {
  readonly scenario: string;
  readonly parameters: Readonly<Record<string, number>>;
  /** Interleavings whose timing constraints can all be met. */
  readonly interleavings: number;
  /** Of those, the ones ending stale or with a lost write. */
  readonly inconsistent: number;
  /** Whether the search stopped at its limit before trying every interleaving. */
  readonly truncated: boolean;
  /** The inconsistent interleaving with the fewest switches between actors, as step ids. */
  readonly counterexample?: { readonly order: readonly string[]; readonly verdict: RaceVerdict };
}

/**
 * Tries every interleaving of the actors' steps that the timing constraints allow (each actor's own
 * steps stay in order), up to `limit`, and counts those that end inconsistent.
 */
export function exploreRace(scenario: RaceScenario, given: Readonly<Record<string, number>> = {}, limit = 100_000): RaceExploration {
  const parameters = resolveParameters(scenario, given);
  const actors = nodesOf(scenario.build(parameters));
  const flat = actors.flat();
  const offsets = actors.map((_, a) => actors.slice(0, a).reduce((sum, steps) => sum + steps.length, 0));
  const next = actors.map(() => 0);
  const order: number[] = [];
  const placed = new Set<number>();
  let interleavings = 0;
  let inconsistent = 0;
  let truncated = false;
  let best: { order: number[]; switches: number; verdict: RaceVerdict } | undefined;

  const visit = (): void => {
    if (truncated) return;
    if (order.length === flat.length) {
      if (interleavings >= limit) {
        truncated = true;
        return;
      }
      interleavings++;
      const { verdict } = execute(scenario, parameters, order);
      if (verdict.consistent) return;
      inconsistent++;
      const switches = order.reduce((sum, node, i) => sum + (i > 0 && flat[node]!.actor !== flat[order[i - 1]!]!.actor ? 1 : 0), 0);
      if (!best || switches < best.switches) best = { order: [...order], switches, verdict };
      return;
    }
    for (let a = 0; a < actors.length; a++) {
      const node = offsets[a]! + next[a]!;
      if (next[a]! >= actors[a]!.length || !ready(flat, placed, node)) continue;
      order.push(node);
      placed.add(node);
      next[a]!++;
      if (earliestTimes(flat, order)) visit();
      next[a]!--;
      placed.delete(node);
      order.pop();
    }
  };
  visit();
  return {
    scenario: scenario.id,
    parameters,
    interleavings,
    inconsistent,
    truncated,
    ...(best ? { counterexample: { order: best.order.map((node) => flat[node]!.step.id), verdict: best.verdict } } : {}),
  };
}
