// The analyzer in a real VS Code: the headline diagnostic in the Problems panel, and its quick fix.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { findFrame, runCommand, screenshotDir, withWorkbench } from './workbench.mjs';

const repoRoot = join(import.meta.dirname, '..', '..');
const cli = join(repoRoot, 'dist', 'cli.js');

let page;
withWorkbench((opened) => (page = opened));

test('the built CLI loads the analyzer, a bundle of its own, only for analyze', () => {
  const sample = join(repoRoot, 'sample-workspace');
  const report = JSON.parse(execFileSync(process.execPath, [cli, 'analyze', '--format', 'json', '--fail-on', 'never'], { cwd: sample, encoding: 'utf8' }));
  // The sample's README lists them: 13 warnings and 2 infos.
  assert.deepEqual(
    ['warning', 'info'].map((severity) => report.findings.filter((finding) => finding.severity === severity).length),
    [13, 2],
  );
  assert.ok(report.findings.some((finding) => finding.code === 'CL001' && finding.path === 'python/user_service.py'));
  // A usage error raised inside that bundle is still reported as one: exit code 2 and a hint.
  const bad = spawnSync(process.execPath, [cli, 'analyze', '--format', 'xml'], { cwd: sample, encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--format expects text, json or sarif, got 'xml'\nRun 'cache-lab analyze --help' for usage/);
});

async function openFile(name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
  await page.locator('.editor-instance .view-lines').first().waitFor();
}

test('the Problems panel shows CL001 on the write that never invalidates, and the quick fix adds the delete', async () => {
  await openFile('user_service.py');
  await page.keyboard.press('Control+Shift+M');
  // The sample workspace has more findings than the panel shows at once: filter to the Python write.
  const filter = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
  await filter.waitFor({ timeout: 15_000 });
  await filter.fill('rename_user');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'rename_user writes users' }).first();
  await problem.waitFor({ timeout: 60_000 });
  assert.match(await problem.textContent(), /rename_user writes users but never deletes the cache key user:\{\}.*CL001/);
  await filter.fill('feature_flags');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'CL005' }).first().waitFor({ timeout: 15_000 });
  assert.match(await page.locator('.markers-panel .monaco-list-row', { hasText: 'CL005' }).first().textContent(), /feature_flags caches feature_flags with no TTL/, 'the no-TTL finding of jobs.py is listed too');
  await filter.fill('rename_user');
  await problem.waitFor({ timeout: 15_000 });
  await page.locator('.editor-group-container').first().screenshot({ path: join(screenshotDir, 'analysis-problems-dark.png') });
  await page.screenshot({ path: join(screenshotDir, 'analysis-problems-workbench-dark.png') });

  // Opening the problem puts the cursor on the write; Ctrl+. lists the quick fixes.
  await problem.dblclick();
  await page.waitForTimeout(500);
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Delete user:{} after the write' }).first();
  await fix.waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(screenshotDir, 'analysis-quick-fix-dark.png') });
  await fix.click();
  await page.waitForFunction(() => [...document.querySelectorAll('.editor-instance .view-line')].some((line) => line.textContent.replace(/\u00a0/g, ' ').includes('r.delete(f"user:{user_id}")')), null, { timeout: 15_000 });
  // With the delete in place the finding goes away.
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'rename_user writes users' }).first().waitFor({ state: 'detached', timeout: 30_000 });
  await filter.fill('');
  await runCommand(page, 'File: Revert File');
});

test("CL004's Step through this race opens the race with the user's key and functions on the lanes", async () => {
  await openFile('inventory.go');
  await page.keyboard.press('Control+Shift+M');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'CL004' }).first();
  await problem.waitFor({ timeout: 60_000 });
  assert.match(await problem.textContent(), /Service\.Reserve deletes stock:\{\} before it writes stock/);
  await problem.dblclick();
  await page.waitForTimeout(500);
  await page.keyboard.press('Control+.');
  const action = page.locator('.action-widget .monaco-list-row', { hasText: 'Step through this race' }).first();
  await action.waitFor({ timeout: 15_000 });
  await action.click();
  const panel = await findFrame(page, '#run-race');
  await panel.waitForFunction(() => document.querySelectorAll('#lanes tbody tr').length === 5);
  const lanes = await panel.textContent('#lanes');
  assert.match(lanes, /Client A: Service\.GetStock/);
  assert.match(lanes, /Client B: Service\.Reserve/);
  assert.equal(await panel.evaluate(() => document.getElementById('scenario').value), 'delete-before-write');
  for (let i = 0; i < 5; i++) await panel.click('#step-next');
  assert.equal((await panel.textContent('#verdict-line')).trim(), "Inconsistent: stale: Cache holds stock:42 = 'v1' while the DB has 'v2', since t=60 ms, with no TTL to end it");
  await page.locator('.editor-group-container').first().screenshot({ path: join(screenshotDir, 'analysis-race-dark.png') });
});
