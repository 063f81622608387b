import type { RaceStep, StepTiming } from './scenario';
import type { RaceWorld } from './world';

/** The key every scenario caches, and the row it mirrors. */
export const KEY = 'user:42';

/** A world whose database holds `row` for KEY, and whose cache holds `cached` if given. */
export function seededWorld(world: RaceWorld, row: string, cached?: string): RaceWorld {
  world.db.set(KEY, row);
  if (cached !== undefined) world.set(KEY, cached);
  world.touched.clear();
  return world;
}

export interface CacheAsideReadOptions {
  /** Timing of the GET. */
  readonly start?: StepTiming;
  /** Timing of the DB read after the GET. */
  readonly select?: StepTiming;
  /** Timing of the SET after the DB read: its max is the reader's read-to-set window. */
  readonly set?: StepTiming;
  readonly ttl?: number;
}

/**
 * A cache-aside read as three steps, GET, then on a miss SELECT and SET: the gap between the SELECT
 * and the SET is where the stale-set race lives. On a hit the last two do nothing.
 */
export function cacheAsideRead(actor: string, options: CacheAsideReadOptions = {}, suffix = ''): RaceStep[] {
  let cached: string | undefined;
  let row: string | undefined;
  return [
    {
      id: `${actor}.get${suffix}`,
      label: `GET ${KEY}`,
      ...(options.start ? { timing: options.start } : {}),
      run(world) {
        cached = world.get(KEY);
        return cached === undefined ? `GET ${KEY} → miss` : `GET ${KEY} → '${cached}' (hit)`;
      },
    },
    {
      id: `${actor}.select${suffix}`,
      label: `SELECT ${KEY} from the DB`,
      ...(options.select ? { timing: options.select } : {}),
      run(world) {
        if (cached !== undefined) return 'a hit: no DB read';
        row = world.read(KEY);
        return `SELECT → '${row}'`;
      },
    },
    {
      id: `${actor}.set${suffix}`,
      label: `SET ${KEY}`,
      ...(options.set ? { timing: options.set } : {}),
      run(world) {
        if (cached !== undefined) return 'a hit: nothing to fill';
        world.set(KEY, row!, options.ttl === undefined ? {} : { ttl: options.ttl });
        return `SET ${KEY} = '${row}'${options.ttl === undefined ? '' : ` with a ${options.ttl} ms TTL`}`;
      },
    },
  ];
}

/** An UPDATE of KEY's row to `value`, acknowledged to the client once it is in the DB. */
export function updateRow(id: string, value: string, timing?: StepTiming): RaceStep {
  return {
    id,
    label: `UPDATE ${KEY} = '${value}'`,
    ...(timing ? { timing } : {}),
    run(world) {
      world.write(KEY, value);
      world.acknowledged.set(KEY, value);
      return `UPDATE ${KEY} = '${value}' in the DB`;
    },
  };
}

/** DEL of KEY from the shared cache. */
export function deleteKey(id: string, timing?: StepTiming, label = `DEL ${KEY}`): RaceStep {
  return {
    id,
    label,
    ...(timing ? { timing } : {}),
    run: (world) => (world.delete(KEY) ? `DEL ${KEY}: removed` : `DEL ${KEY}: nothing cached`),
  };
}

/** SET of KEY to `value` in the shared cache (an update instead of a delete, or a write-through). */
export function setKey(id: string, value: string, timing?: StepTiming): RaceStep {
  return {
    id,
    label: `SET ${KEY} = '${value}'`,
    ...(timing ? { timing } : {}),
    run(world) {
      world.set(KEY, value);
      return `SET ${KEY} = '${value}'`;
    },
  };
}

/** The read-to-set window parameter shared by the stale-set family of scenarios. */
export const windowParameter = {
  name: 'window',
  description: "the reader's read-to-set window: how long after its DB read its SET may land (a slow network, a GC pause)",
  default: 40,
  min: 0,
  max: 10_000,
  unit: 'ms',
} as const;

/** A step from its parts, for scenario-specific actions. */
export function step(id: string, label: string, timing: StepTiming | undefined, run: (world: RaceWorld) => string): RaceStep {
  return { id, label, ...(timing ? { timing } : {}), run };
}
