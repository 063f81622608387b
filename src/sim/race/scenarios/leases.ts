import type { RaceScenario, RaceStep } from '../scenario';
import { deleteKey, KEY, seededWorld, updateRow, windowParameter } from '../steps';
import { MAIN_CACHE, RaceWorld } from '../world';

/**
 * A reader using memcache-style leases: a miss either hands it a lease token, and it fills the key
 * with that token, or tells it another client holds the lease, and it waits and retries.
 */
function leasedRead(actor: string, times: { start: number; select: number; window: number }, suffix = ''): RaceStep[] {
  let cached: string | undefined;
  let token: number | undefined;
  let row: string | undefined;
  return [
    {
      id: `${actor}.get${suffix}`,
      label: `GET ${KEY} (lease on a miss)`,
      timing: { min: times.start, typical: times.start },
      run(world) {
        cached = world.get(KEY);
        if (cached !== undefined) return `GET ${KEY} → '${cached}' (hit)`;
        token = world.lease(KEY);
        return token === undefined ? `GET ${KEY} → miss; another client holds the lease: wait and retry` : `GET ${KEY} → miss; lease #${token}`;
      },
    },
    {
      id: `${actor}.select${suffix}`,
      label: `SELECT ${KEY} from the DB`,
      timing: { typical: times.select },
      run(world) {
        if (cached !== undefined) return 'a hit: no DB read';
        if (token === undefined) return 'waiting for the lease holder: no DB read';
        row = world.read(KEY);
        return `SELECT → '${row}'`;
      },
    },
    {
      id: `${actor}.set${suffix}`,
      label: `SET ${KEY} with the lease`,
      timing: { max: times.window, typical: times.window },
      run(world) {
        if (cached !== undefined) return 'a hit: nothing to fill';
        if (token === undefined) return 'no lease: nothing to fill';
        return world.setWithLease(KEY, row!, token)
          ? `SET ${KEY} = '${row}' with lease #${token}: accepted`
          : `SET ${KEY} = '${row}' with lease #${token}: rejected, a delete invalidated the lease`;
      },
    },
  ];
}

export const leases: RaceScenario = {
  id: 'leases',
  title: "Leases (Facebook's memcache): a delete invalidates the filler's token",
  summary:
    "The stale-set race with leases: A's miss gets lease #1; B's delete invalidates it, so A's late SET of the old value is rejected. C misses while A holds the lease and waits instead of querying the DB too: that is how leases stop a thundering herd.",
  parameters: [windowParameter],
  build: ({ window }) => ({
    world: seededWorld(new RaceWorld(), 'v1'),
    stores: [MAIN_CACHE, 'DB'],
    actors: [
      { name: 'Client A', steps: leasedRead('A', { start: 0, select: 10, window }) },
      { name: 'Client B', steps: [updateRow('B.update', 'v2', { typical: 20 }), deleteKey('B.delete', { typical: 10 }, `DEL ${KEY} (invalidates the lease)`)] },
      { name: 'Client C', steps: [...leasedRead('C', { start: 5, select: 0, window: 0 }), ...leasedRead('C', { start: window + 30, select: 5, window: 5 }, '.retry')] },
    ],
  }),
};
