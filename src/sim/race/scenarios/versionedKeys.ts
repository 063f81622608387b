import type { RaceScenario } from '../scenario';
import { KEY, step, windowParameter } from '../steps';
import { MAIN_CACHE, RaceWorld } from '../world';

const VERSION_ROW = `${KEY} version`;

/** `user:42:v7` mirrors row user:42 only while the row's version is 7: older versions are unreachable. */
function mirrors(cacheKey: string, db: ReadonlyMap<string, string>): string | undefined {
  const match = /^(.*):v(\d+)$/.exec(cacheKey);
  if (!match) return cacheKey;
  return db.get(`${match[1]} version`) === match[2] ? match[1] : undefined;
}

export const versionedKeys: RaceScenario = {
  id: 'versioned-keys',
  title: 'Versioned keys: a late fill lands under a version nobody reads',
  summary:
    "The stale-set race with the row's version in the key (user:42:v1). B's update bumps the version, so A's late SET of the old value goes to user:42:v1, which readers no longer ask for: nothing needs deleting.",
  parameters: [windowParameter],
  build: ({ window }) => {
    const world = new RaceWorld(mirrors);
    world.db.set(KEY, 'v1');
    world.db.set(VERSION_ROW, '1');
    let readerVersion: string | undefined;
    let readerRow: string | undefined;
    let laterVersion: string | undefined;
    return {
      world,
      stores: [MAIN_CACHE, 'DB'],
      actors: [
        {
          name: 'Client A',
          steps: [
            step('A.select', `SELECT ${KEY} and its version`, undefined, (w) => {
              readerVersion = w.read(VERSION_ROW);
              readerRow = w.read(KEY);
              return `SELECT → '${readerRow}', version ${readerVersion}`;
            }),
            step('A.set', `SET ${KEY}:v<version>`, { max: window, typical: window }, (w) => {
              w.set(`${KEY}:v${readerVersion}`, readerRow!);
              return `SET ${KEY}:v${readerVersion} = '${readerRow}'`;
            }),
          ],
        },
        {
          name: 'Client B',
          steps: [
            step('B.update', `UPDATE ${KEY} = 'v2', version 2`, { typical: 20 }, (w) => {
              w.write(KEY, 'v2');
              w.write(VERSION_ROW, '2');
              w.acknowledged.set(KEY, 'v2');
              return `UPDATE ${KEY} = 'v2' and its version to 2: readers now ask for ${KEY}:v2`;
            }),
          ],
        },
        {
          name: 'Client C',
          steps: [
            step('C.version', `SELECT the version of ${KEY}`, { min: window + 30, typical: window + 30 }, (w) => {
              laterVersion = w.read(VERSION_ROW);
              return `version → ${laterVersion}`;
            }),
            step('C.get', `GET ${KEY}:v<version>`, { typical: 5 }, (w) => {
              const cached = w.get(`${KEY}:v${laterVersion}`);
              return cached === undefined ? `GET ${KEY}:v${laterVersion} → miss` : `GET ${KEY}:v${laterVersion} → '${cached}' (hit)`;
            }),
          ],
        },
      ],
    };
  },
};
