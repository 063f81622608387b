import type { RaceWorld } from './world';

/** A number the user may change, such as the double delete's delay. */
export interface RaceParameter {
  readonly name: string;
  readonly description: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** Shown after the value, e.g. "ms". */
  readonly unit: string;
}

/**
 * When a step may happen, in virtual milliseconds after another step (by default the same actor's
 * previous step, or the start): at least `min`, at most `max`, and `typical` in the default timeline.
 */
export interface StepTiming {
  readonly after?: string;
  readonly min?: number;
  readonly max?: number;
  readonly typical?: number;
}

/** One atomic action of an actor: it runs on the world and says what it did. */
export interface RaceStep {
  /** Unique within the script, for timing references and counterexamples, e.g. "A.set". */
  readonly id: string;
  readonly label: string;
  readonly timing?: StepTiming;
  run(world: RaceWorld): string;
}

export interface RaceActor {
  /** The lane it is drawn in, e.g. "Client A". */
  readonly name: string;
  readonly steps: readonly RaceStep[];
}

/** A scenario's actors for one choice of parameters, with fresh local state. */
export interface RaceScript {
  readonly actors: readonly RaceActor[];
  /** The world before the first step. */
  readonly world: RaceWorld;
  /** Stores drawn as lanes besides the actors, in order: "Cache", "DB", queues, L1 caches. */
  readonly stores: readonly string[];
}

export interface RaceScenario {
  /** Stable identifier for the CLI and messages, e.g. `stale-set`. */
  readonly id: string;
  readonly title: string;
  /** What it shows, in a sentence or two. */
  readonly summary: string;
  readonly parameters: readonly RaceParameter[];
  /** Builds the script; called once per run, so closures may keep an actor's local variables. */
  build(parameters: Readonly<Record<string, number>>): RaceScript;
}
