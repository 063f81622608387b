import { describe, expect, it } from 'vitest';
import { defaultFailoverConfig, simulateFailover } from '../../src/sim/distribution/cluster/failover';
import { defaultReshardConfig, simulateResharding } from '../../src/sim/distribution/cluster/resharding';
import { distribute } from '../../src/sim/distribution/distribute';
import { run } from './runCapturing';

describe('cache-lab keyslot', () => {
  it('prints KEY<TAB>SLOT per key, as CLUSTER KEYSLOT answers', () => {
    // Slots from the CLUSTER KEYSLOT page of redis.io.
    expect(run('keyslot', 'somekey', 'foo{hash_tag}', 'bar{hash_tag}')).toEqual({ code: 0, stdout: 'somekey\t11058\nfoo{hash_tag}\t2515\nbar{hash_tag}\t2515\n', stderr: '' });
  });

  it('asks for a key when given none', () => {
    expect(run('keyslot')).toMatchObject({ code: 2, stderr: expect.stringContaining('give at least one key') });
  });
});

describe('cache-lab distribute', () => {
  it('prints the load figures and the moved fraction of the simulator', () => {
    const { code, stdout } = run('distribute', '--scheme', 'jump,modulo', '--nodes', '10', '--keys', '20000', '--requests', '0', '--add', '1', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const expected = distribute({ schemes: ['jump', 'modulo'], nodes: 10, vnodes: 160, loadFactor: 0.25, keys: 20_000, requests: 0, alpha: 1, seed: 42, change: 1 });
    expect(json.results).toEqual(JSON.parse(JSON.stringify(expected.results)));
    expect(json.minimumMovedFraction).toBeCloseTo(1 / 11, 12);
    expect(json.results[0].movedFraction).toBeGreaterThan(0.085);
    expect(json.results[0].movedFraction).toBeLessThan(0.097);
    expect(json.results[1].movedFraction).toBeGreaterThan(0.89);
  });

  it("prints Redis Cluster's slot map before and after the rebalance", () => {
    const text = run('distribute', '--scheme', 'redis-cluster', '--nodes', '3', '--keys', '1000', '--requests', '0').stdout;
    expect(text).toContain('Slots before:\n  0-5460\tnode-1\n  5461-10922\tnode-2\n  10923-16383\tnode-3\n');
    expect(text).toContain('  0-1364\tnode-4\n  1365-5460\tnode-1\n');
  });

  it('names what is wrong with the flags', () => {
    expect(run('distribute', '--scheme', 'jump', '--weights', '1,2,3', '--nodes', '3')).toMatchObject({ code: 2, stderr: expect.stringContaining('jump hash has no node weights') });
    expect(run('distribute', '--weights', '1,2', '--nodes', '3')).toMatchObject({ code: 2, stderr: expect.stringContaining('2 weights for 3 nodes') });
    expect(run('distribute', '--scheme', 'crush')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown scheme 'crush'") });
    expect(run('distribute', '--add', '1', '--remove', '1')).toMatchObject({ code: 2, stderr: expect.stringContaining('not both') });
    expect(run('distribute', '--nodes', '3', '--remove', '3')).toMatchObject({ code: 2, stderr: expect.stringContaining('--remove must be between 1 and 2') });
  });
});

describe('cache-lab cluster', () => {
  it('prints the resharding figures of the simulator', () => {
    const { code, stdout } = run('cluster', 'reshard', '--keys', '5000', '--rate', '2000', '--refresh', 'map', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.result).toEqual(JSON.parse(JSON.stringify(simulateResharding({ ...defaultReshardConfig, keys: 5000, rate: 2000, refresh: 'map' }))));
    expect(json.result.movedSlots).toBe(4096);
  });

  it('compares node timeouts for a failover', () => {
    const text = run('cluster', 'failover', '--node-timeout', '15,2', '--lag', 'fixed:0').stdout;
    const expected = simulateFailover({ ...defaultFailoverConfig, nodeTimeouts: [15, 2], replicationLag: { kind: 'fixed', ms: 0 } });
    expect(text).toContain(`${expected[0]!.unavailableSeconds.toFixed(2)} s`);
    expect(text).toMatch(/15\.00 s .* 0\n/);
  });

  it('names a flag that does not apply, and a missing mode', () => {
    expect(run('cluster', 'failover', '--keys', '3')).toMatchObject({ code: 2, stderr: expect.stringContaining('--keys does not apply to failover') });
    expect(run('cluster')).toMatchObject({ code: 2, stderr: expect.stringContaining('give reshard or failover') });
    expect(run('cluster', 'reshard', '--refresh', 'sometimes')).toMatchObject({ code: 2, stderr: expect.stringContaining("--refresh expects slot or map, got 'sometimes'") });
  });
});
