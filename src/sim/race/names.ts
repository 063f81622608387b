/**
 * A race told with the user's names: the key their code caches instead of the scenarios' own, and
 * the functions behind the lanes ("Client A: get_user"). Only labels change; the run is the same.
 */
import type { RaceRun } from './run';
import { KEY } from './steps';

export interface RaceNames {
  /** An example key of the user's template, e.g. `product:42`. */
  readonly key?: string | undefined;
  /** The function acting in a lane, by lane name: `{ 'Client A': 'get_user' }`. */
  readonly lanes?: Readonly<Record<string, string>> | undefined;
}

/** The key a template such as `product:{}` names for the scenarios' row 42. */
export const exampleKey = (template: string): string => template.replace(/\{\}/g, KEY.slice(KEY.indexOf(':') + 1));

export function renamed(run: RaceRun, names: RaceNames): RaceRun {
  const replacements: [string, string][] = Object.entries(names.lanes ?? {}).map(([lane, fn]) => [lane, `${lane}: ${fn}`]);
  if (names.key) replacements.push([KEY, names.key]);
  if (replacements.length === 0) return run;
  const relabel = (text: string): string => replacements.reduce((result, [from, to]) => result.split(from).join(to), text);
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return relabel(value);
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [relabel(key), visit(inner)]));
    return value;
  };
  const told = visit(run) as RaceRun;
  // Step ids ("A.set") and the scenario id stay as they are: requests and counterexamples use them.
  return { ...told, scenario: run.scenario, events: told.events.map((event, i) => ({ ...event, step: run.events[i]!.step })) };
}
