import type { RaceScenario } from '../scenario';
import { cacheAside } from './cacheAside';
import { changeStream } from './changeStream';
import { deleteBeforeWrite } from './deleteBeforeWrite';
import { doubleDelete } from './doubleDelete';
import { l1PubSub } from './l1PubSub';
import { leases } from './leases';
import { staleSet } from './staleSet';
import { updateInsteadOfDelete } from './updateInsteadOfDelete';
import { versionedKeys } from './versionedKeys';
import { writeBehindCrash } from './writeBehindCrash';
import { writeThrough } from './writeThrough';

/** Every step-through scenario; adding one means a new file and a line here. */
export const raceScenarios: readonly RaceScenario[] = [
  cacheAside,
  writeThrough,
  writeBehindCrash,
  updateInsteadOfDelete,
  staleSet,
  deleteBeforeWrite,
  doubleDelete,
  leases,
  versionedKeys,
  changeStream,
  l1PubSub,
];

export function requireRaceScenario(id: string): RaceScenario {
  const scenario = raceScenarios.find((candidate) => candidate.id === id);
  if (!scenario) throw new Error(`unknown scenario '${id}' (choose from ${raceScenarios.map((s) => s.id).join(', ')})`);
  return scenario;
}
