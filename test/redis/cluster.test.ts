import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/sim/rng';
import { createSlotOwners, keySlot, rebalanceSlots, SLOT_COUNT } from '../../src/sim/distribution/slots';
import { freePort, startRedis, type RedisServer } from './redisServer';

/**
 * Cache Lab's Redis Cluster arithmetic against a real cluster of Debian's redis-server: three
 * primaries on free loopback ports, created with redis-cli --cluster create, then a fourth added
 * and rebalanced. Servers are stopped by pid.
 */
const run = promisify(execFile);
const directory = mkdtempSync(join(tmpdir(), 'cache-lab-cluster-'));
const servers: RedisServer[] = [];

async function startNode(): Promise<RedisServer> {
  const busPort = await freePort();
  const server = await startRedis({
    'cluster-enabled': 'yes',
    'cluster-config-file': join(directory, `nodes-${busPort}.conf`),
    'cluster-port': String(busPort),
    'cluster-node-timeout': '5000',
    dir: directory,
  });
  servers.push(server);
  return server;
}

const address = (server: RedisServer): string => `127.0.0.1:${server.port}`;

/** Slot owners as CLUSTER SLOTS reports them, as indexes into `nodes` by port. */
async function slotOwners(via: RedisServer, nodes: readonly RedisServer[]): Promise<Int32Array> {
  const owners = new Int32Array(SLOT_COUNT).fill(-1);
  const ranges = (await via.client.call('CLUSTER', 'SLOTS')) as [number, number, [string, number, ...unknown[]]][];
  for (const [first, last, [, port]] of ranges) owners.fill(nodes.findIndex((node) => node.port === port), first, last + 1);
  return owners;
}

async function waitForClusterOk(nodes: readonly RedisServer[]): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const states = await Promise.all(nodes.map((node) => node.client.call('CLUSTER', 'INFO') as Promise<string>));
    if (states.every((info) => info.includes('cluster_state:ok'))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the cluster did not reach cluster_state:ok');
}

/**
 * Waits until every node knows every other by id, past the handshake: cluster_state:ok comes before
 * a node just added has been gossiped to all the others, and a rebalance started then fails with
 * "I don't know about node ..." when it moves a slot through a node that has not heard of it yet.
 */
async function waitForAgreement(nodes: readonly RedisServer[]): Promise<void> {
  const ids = await Promise.all(nodes.map((node) => node.client.call('CLUSTER', 'MYID') as Promise<string>));
  for (let attempt = 0; attempt < 200; attempt++) {
    const views = await Promise.all(nodes.map((node) => node.client.call('CLUSTER', 'NODES') as Promise<string>));
    const known = (view: string): boolean => ids.every((id) => view.split('\n').some((line) => line.startsWith(`${id} `) && !/handshake|noaddr|fail/.test(line.split(' ')[2] ?? '')));
    if (views.every(known)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the cluster\'s nodes did not all come to know each other');
}

/** Random keys with braces in them now and then, so hash tags, empty tags and stray braces all occur, and a two-byte character. */
function randomKeys(count: number, seed: number): string[] {
  const rng = createRng(seed);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789:_-é{}{}';
  return Array.from({ length: count }, () => Array.from({ length: 1 + rng.nextInt(16) }, () => alphabet[rng.nextInt(alphabet.length)]).join(''));
}

describe('a real Redis Cluster', () => {
  let primaries: RedisServer[] = [];

  beforeAll(async () => {
    primaries = [await startNode(), await startNode(), await startNode()];
    await run('redis-cli', ['--cluster', 'create', ...primaries.map(address), '--cluster-yes']);
    await waitForClusterOk(primaries);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(directory, { recursive: true, force: true });
  });

  it('is split as Cache Lab predicts redis-cli --cluster create splits it', async () => {
    expect(await slotOwners(primaries[0]!, primaries)).toEqual(createSlotOwners(3));
  });

  it('agrees with CLUSTER KEYSLOT on 10,000 random keys', async () => {
    const keys = randomKeys(10_000, 7);
    const pipeline = primaries[0]!.client.pipeline();
    for (const key of keys) pipeline.call('CLUSTER', 'KEYSLOT', key);
    const answers = (await pipeline.exec())!.map(([error, slot]) => {
      if (error) throw error;
      return slot;
    });
    const mismatches = keys.filter((key, i) => keySlot(key) !== answers[i]);
    expect(mismatches).toEqual([]);
    expect(keys.filter((key) => /\{[^}]+\}/.test(key)).length).toBeGreaterThan(400);
  });

  it('stores keys written through a cluster client on the node Cache Lab predicts, also after a rebalance onto a new primary', async () => {
    const cluster = new Redis.Cluster(primaries.map((p) => ({ host: '127.0.0.1', port: p.port })), { lazyConnect: false });
    try {
      const keys = randomKeys(2000, 8).map((key, i) => `${key}#${i}`);
      await Promise.all(keys.map((key) => cluster.set(key, '1')));
      const onNode = async (owners: Int32Array, nodes: readonly RedisServer[]): Promise<string[]> => {
        const misplaced: string[] = [];
        for (const key of keys) {
          const node = nodes[owners[keySlot(key)]!]!;
          if ((await node.client.exists(key)) !== 1) misplaced.push(key);
        }
        return misplaced;
      };
      expect(await onNode(createSlotOwners(3), primaries)).toEqual([]);

      const added = await startNode();
      const all = [...primaries, added];
      await run('redis-cli', ['--cluster', 'add-node', address(added), address(primaries[0]!)]);
      await waitForClusterOk(all);
      await waitForAgreement(all);
      await run('redis-cli', ['--cluster', 'rebalance', address(primaries[0]!), '--cluster-use-empty-masters'], { timeout: 120_000 });
      const expected = rebalanceSlots(createSlotOwners(3), [1, 1, 1, 1]);
      expect(await slotOwners(added, all)).toEqual(expected);
      expect(await onNode(expected, all)).toEqual([]);
      expect(await added.client.dbsize()).toBeGreaterThan(400);
    } finally {
      cluster.disconnect();
    }
  }, 180_000);
});
