import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAsync } from './runCapturing';

const scratch = mkdtempSync(join(tmpdir(), 'cache-lab-analyze-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('cache-lab analyze', () => {
  it('lists the sample workspace findings as file:line:column and exits 1', async () => {
    const { code, stdout } = await runAsync('analyze', 'sample-workspace');
    expect(code).toBe(1);
    expect(stdout.split('\n').filter((line) => line.startsWith('sample-workspace/')).map((line) => line.split(': ')[0] + ' ' + line.split(' ')[2])).toEqual([
      'sample-workspace/go/inventory.go:56:12 CL004',
      'sample-workspace/java/src/main/java/com/example/customers/CustomerService.java:36:16 CL001',
      'sample-workspace/java/src/main/java/com/example/orders/OrderService.java:47:16 CL001',
      'sample-workspace/java/src/main/java/com/example/orders/OrderService.java:56:9 CL005',
      'sample-workspace/java/src/main/java/com/example/orders/OrderService.java:56:9 CL008',
      'sample-workspace/python/billing.py:47:5 CL001',
      'sample-workspace/python/cache_admin.py:12:5 CL006',
      'sample-workspace/python/jobs.py:31:9 CL005',
      'sample-workspace/python/jobs.py:40:23 CL010',
      'sample-workspace/python/jobs.py:49:12 CL007',
      'sample-workspace/python/jobs.py:74:13 CL009',
      'sample-workspace/python/jobs.py:96:5 CL001',
      'sample-workspace/python/user_service.py:40:13 CL001',
      'sample-workspace/typescript/src/productService.ts:37:9 CL002',
      'sample-workspace/typescript/src/productService.ts:72:22 CL006',
    ]);
    expect(stdout).toContain('\n13 warnings, 2 infos\n');
  });

  it('writes SARIF 2.1.0 with rules, levels, 1-based regions and the related fill', async () => {
    const { code, stdout } = await runAsync('analyze', 'sample-workspace/python', '--format', 'sarif');
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['CL001', 'CL002', 'CL003', 'CL004', 'CL005', 'CL006', 'CL007', 'CL008', 'CL009', 'CL010']);
    const cl001 = run.results.find((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      r.ruleId === 'CL001' && r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('user_service.py'));
    expect(cl001.level).toBe('warning');
    expect(cl001.locations[0].physicalLocation.artifactLocation.uri).toBe('sample-workspace/python/user_service.py');
    expect(cl001.locations[0].physicalLocation.region).toMatchObject({ startLine: 40, startColumn: 13 });
    expect(cl001.relatedLocations[0].physicalLocation.region.startLine).toBe(25);
  });

  it('follows a settings file, and --fail-on decides the exit code', async () => {
    const config = join(scratch, 'quiet.json');
    writeFileSync(config, JSON.stringify({ rules: { CL005: 'off', 'keys-or-flush': 'error' } }));
    const { code, stdout } = await runAsync('analyze', 'sample-workspace', '--format', 'json', '--config', relative(process.cwd(), config), '--fail-on', 'error');
    expect(code).toBe(1);
    const { findings } = JSON.parse(stdout);
    expect(findings.map((f: { code: string; severity: string }) => `${f.code} ${f.severity}`)).toEqual(['CL004 warning', 'CL001 warning', 'CL001 warning', 'CL008 warning', 'CL001 warning', 'CL006 error', 'CL010 info', 'CL007 warning', 'CL009 info', 'CL001 warning', 'CL001 warning', 'CL002 warning', 'CL006 error']);
    const clean = join(scratch, 'clean.py');
    writeFileSync(clean, 'def f():\n    return 1\n');
    expect(await runAsync('analyze', clean)).toMatchObject({ code: 0, stdout: 'No caching problems found.\n' });
  });

  it("reads only the files the settings file's include and exclude globs allow, relative to its folder", async () => {
    const workspace = join(scratch, 'globs');
    const noTtl = 'import redis\nr = redis.Redis()\n\ndef save(k):\n    r.set(k, 1)\n';
    for (const file of ['app/save.py', 'app/migrations/0001.py', 'scripts/seed.py']) {
      mkdirSync(dirname(join(workspace, file)), { recursive: true });
      writeFileSync(join(workspace, file), noTtl);
    }
    const analyzed = async (settings: object): Promise<string[]> => {
      writeFileSync(join(workspace, 'settings.json'), JSON.stringify(settings));
      const { stdout } = await runAsync('analyze', relative(process.cwd(), workspace), '--format', 'json', '--config', relative(process.cwd(), join(workspace, 'settings.json')));
      return JSON.parse(stdout).findings.map((f: { path: string }) => relative(relative(process.cwd(), workspace), f.path));
    };
    expect(await analyzed({})).toEqual(['app/migrations/0001.py', 'app/save.py', 'scripts/seed.py']);
    expect(await analyzed({ exclude: ['**/migrations/**'] })).toEqual(['app/save.py', 'scripts/seed.py']);
    expect(await analyzed({ include: ['app/**'], exclude: ['**/migrations/**'] })).toEqual(['app/save.py']);
  });

  it('names a broken settings file and bad flags', async () => {
    const config = join(scratch, 'broken.json');
    writeFileSync(config, '{ "rules": { "CL001": "loud" } }');
    const broken = await runAsync('analyze', 'sample-workspace', '--config', relative(process.cwd(), config));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json: .*rules\.CL001/);
    expect(await runAsync('analyze', '--format', 'xml')).toMatchObject({ code: 2, stderr: expect.stringContaining("--format expects text, json or sarif, got 'xml'") });
    expect(await runAsync('analyze', 'no/such/place')).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file or folder: no/such/place') });
  });
});
