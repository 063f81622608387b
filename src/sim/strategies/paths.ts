import { wait, type Process } from '../des/eventLoop';
import type { ReadOutcome } from './strategy';
import type { StrategyWorld } from './world';

/** Lazy loading: GET; on a miss, read the DB and SET what it returned. */
export function* lazyRead(world: StrategyWorld, key: number): Process<ReadOutcome> {
  const cached = yield* wait(world.cacheGet(key));
  if (cached) return { version: cached.version, hit: true };
  const version = yield* wait(world.dbRead(key));
  yield* wait(world.cacheSet(key, version));
  return { version, hit: false };
}

/** Write the DB, then delete the key, then acknowledge. */
export function* writeThenInvalidate(world: StrategyWorld, key: number): Process<number> {
  const version = world.newVersion(key);
  yield* wait(world.dbWrite(key, version));
  yield* wait(world.cacheDelete(key));
  world.acknowledge(key, version);
  return version;
}
