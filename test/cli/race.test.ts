import { describe, expect, it } from 'vitest';
import { run } from './runCapturing';

describe('cache-lab race', () => {
  it('lists the scenarios', () => {
    const listed = run('race');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('double-delete             Delayed double delete: delete, write the DB, wait, delete again');
    expect(listed.stdout).toContain('delete-before-write       Delete before the write: a reader refills the key before the DB changes');
    expect(JSON.parse(run('race', '--json').stdout)).toHaveLength(11);
  });

  it('prints the event trace and the verdict', () => {
    const stale = run('race', 'double-delete', '--param', 'delay=20');
    expect(stale.code).toBe(0);
    expect(stale.stdout).toContain("40 ms  Client B  DEL user:42: nothing cached\n50 ms  Client A  SET user:42 = 'v1'");
    expect(stale.stdout).toContain("Verdict: stale: Cache holds user:42 = 'v1' while the DB has 'v2', since t=50 ms, with no TTL to end it");
    const json = JSON.parse(run('race', 'double-delete', '--param', 'delay=100', '--json').stdout);
    expect(json.verdict.consistent).toBe(true);
    expect(json.events.map((event: { step: string }) => event.step)).toEqual(['A.get', 'A.select', 'B.delete', 'B.update', 'A.set', 'B.delete2']);
  });

  it('explores every interleaving and prints a counterexample that --order replays', () => {
    const explored = JSON.parse(run('race', 'stale-set', '--explore', '--json').stdout);
    expect([explored.interleavings, explored.inconsistent]).toEqual([10, 1]);
    const text = run('race', 'stale-set', '--explore').stdout;
    expect(text).toContain('10 interleavings; 1 end stale or lose a write.');
    expect(text).toContain('--order A.get,A.select,B.update,B.delete,A.set');
    const replayed = JSON.parse(run('race', 'stale-set', '--order', explored.counterexample.order.join(','), '--json').stdout);
    expect(replayed.verdict.consistent).toBe(false);
    expect(run('race', 'double-delete', '--param', 'delay=41', '--explore').stdout).toContain('Every one ends consistent.');
  });

  it('names what is wrong with the command line', () => {
    expect(run('race', 'stale-sett')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown scenario 'stale-sett'") });
    expect(run('race', 'double-delete', '--param', 'dealy=3')).toMatchObject({ code: 2, stderr: expect.stringContaining("double-delete has no parameter 'dealy' (it has window, delay)") });
    expect(run('race', 'stale-set', '--param', 'window')).toMatchObject({ code: 2, stderr: expect.stringContaining("--param expects NAME=VALUE, got 'window'") });
    expect(run('race', 'stale-set', '--order', 'A.set,A.get')).toMatchObject({ code: 1, stderr: expect.stringContaining('stale-set: an order must list each of its 5 steps once') });
  });
});
