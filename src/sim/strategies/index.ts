import { cacheAside } from './cacheAside';
import { readThrough } from './readThrough';
import { refreshAhead } from './refreshAhead';
import type { WriteStrategy } from './strategy';
import { writeAround } from './writeAround';
import { writeBehind } from './writeBehind';
import { writeThrough } from './writeThrough';

/** Every write strategy; adding one means a new file and a line here. */
export const strategies: readonly WriteStrategy[] = [cacheAside, readThrough, writeThrough, writeBehind, writeAround, refreshAhead];

export function requireStrategy(id: string): WriteStrategy {
  const strategy = strategies.find((candidate) => candidate.id === id);
  if (!strategy) throw new Error(`unknown strategy '${id}' (choose from ${strategies.map((s) => s.id).join(', ')})`);
  return strategy;
}
