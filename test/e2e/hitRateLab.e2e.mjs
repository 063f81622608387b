// The Hit Rate Lab and the Simulator view in a real VS Code: the numbers shown are the simulator's.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { drawnPixels, findFrame, runCommand, screenshotDir, setColorTheme, withWorkbench } from './workbench.mjs';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

/** What `cache-lab simulate --json` says for the same settings. */
function simulateWithCli(settings, requests = settings.requests) {
  const args = ['simulate', '--json', '--policy', settings.policy, '--size', `${settings.sizePercent}%`, '--workload', settings.workload,
    '--keys', settings.keys, '--requests', String(requests), '--seed', settings.seed, '--rate', settings.requestRate];
  if (settings.workload === 'zipf' || settings.workload === 'shift') args.push('--alpha', settings.alpha);
  return JSON.parse(execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8' }))[0];
}

async function shownValue(frame, testId) {
  return Number(await frame.getAttribute(`[data-testid=${testId}]`, 'data-value'));
}

let page;
withWorkbench((opened) => (page = opened));

let settings;

test('the Hit Rate Lab shows exactly what the simulator computes', async () => {
  await runCommand(page, 'Cache Lab: Open Hit Rate Lab');
  const lab = await findFrame(page, '#send-requests');
  await lab.waitForSelector('#send-requests:not([disabled])');
  settings = await lab.evaluate(() => {
    const value = (id) => document.getElementById(id).value;
    return {
      workload: value('workload'), keys: value('keys'), alpha: value('alpha'), sizePercent: value('size-percent'),
      requests: Number(value('requests')), policy: value('policy'), requestRate: value('request-rate'), seed: value('seed'),
    };
  });
  assert.equal(settings.requests, 1000, 'the lab starts with 1,000 requests');
  await lab.click('#send-requests');
  await lab.waitForSelector('[data-testid=hits][data-value]', { timeout: 30_000 });

  const expected = simulateWithCli(settings);
  const hits = await shownValue(lab, 'hits');
  const misses = await shownValue(lab, 'db-queries');
  assert.equal(hits, expected.hits);
  assert.equal(misses, expected.misses);
  assert.equal(await shownValue(lab, 'hit-rate'), expected.hitRatio);
  assert.ok(Math.abs(await shownValue(lab, 'db-qps') - (Number(settings.requestRate) * expected.misses) / expected.requests) < 1e-6);
  assert.equal(await lab.textContent('[data-testid=hits]'), expected.hits.toLocaleString('en-US'));

  // 19 sizes (5% to 95%) in the accessible table, and a chart that has drawn.
  assert.equal(await lab.locator('#curve-table tbody tr').count(), 19);
  assert.ok(await drawnPixels(lab, 'canvas#curve-chart') > 2000, 'the curve chart has drawn');
  assert.ok(await lab.locator('#request-log tbody tr').count() > 10, 'the request log lists requests');
  await page.locator('.editor-group-container').first().screenshot({ path: join(screenshotDir, 'hit-rate-lab-dark.png') });
});

test('the Simulator view shows the scenario and runs it live', async () => {
  await page.locator('.activitybar .action-item a[aria-label^="Cache Lab"]').first().click();
  const view = await findFrame(page, '[data-testid=scenario]');
  await view.waitForFunction(() => document.querySelector('[data-testid=scenario]').textContent.includes('Zipf'));
  const scenario = await view.textContent('[data-testid=scenario]');
  assert.match(scenario, /Requests a run\s*1,000,000/);
  await view.click('#run-scenario');
  await view.waitForFunction(() => document.querySelector('.status').textContent.startsWith('Done'), undefined, { timeout: 60_000 });
  const expected = simulateWithCli(settings, 1_000_000);
  assert.equal(await shownValue(view, 'live-hit-rate'), expected.hitRatio);
  assert.ok(await drawnPixels(view, 'canvas#live-chart') > 200, 'the live chart has drawn');
  await page.screenshot({ path: join(screenshotDir, 'workbench-dark.png') });
  await page.locator('.part.sidebar').screenshot({ path: join(screenshotDir, 'simulator-view-dark.png') });
});

test('both views follow a light theme', async () => {
  await setColorTheme(page, 'Light Modern');
  const lab = await findFrame(page, '#send-requests');
  const labTextColor = await lab.$eval('body', (body) => getComputedStyle(body).color);
  assert.equal(labTextColor, 'rgb(59, 59, 59)', 'the lab uses the Light Modern foreground');
  assert.ok(await drawnPixels(lab, 'canvas#curve-chart') > 2000);
  await page.screenshot({ path: join(screenshotDir, 'workbench-light.png') });
  await page.locator('.editor-group-container').first().screenshot({ path: join(screenshotDir, 'hit-rate-lab-light.png') });
  await page.locator('.part.sidebar').screenshot({ path: join(screenshotDir, 'simulator-view-light.png') });
});

test('a reloaded window restores the lab with its last results', async () => {
  const lab = await findFrame(page, '#send-requests');
  const hitsBefore = await shownValue(lab, 'hits');
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForSelector('.activitybar .action-item a[aria-label^="Cache Lab"]', { timeout: 60_000 });
  const restored = await findFrame(page, '[data-testid=hits][data-value]', 60_000);
  assert.equal(await shownValue(restored, 'hits'), hitsBefore);
  assert.equal(await restored.$eval('#keys', (field) => field.value), settings.keys);
});
