// Compare Eviction Policies in a real VS Code: every run in the table is what the CLI computes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { drawnPixels, findFrame, runCommand, screenshotDir, withWorkbench } from './workbench.mjs';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

let page;
withWorkbench((opened) => (page = opened));

test('Compare Eviction Policies shows, per policy and size, the hit ratio the CLI computes', async () => {
  await runCommand(page, 'Cache Lab: Compare Eviction Policies');
  const panel = await findFrame(page, '#run-comparison');
  await panel.waitForSelector('#run-comparison:not([disabled])');
  const settings = await panel.evaluate(() => {
    const value = (id) => document.getElementById(id).value;
    const policies = [...document.querySelectorAll('vscode-checkbox[id^="policy-"]')].filter((box) => box.checked).map((box) => box.value);
    return { keys: value('keys'), alpha: value('alpha'), requests: value('requests'), seed: value('seed'), rate: value('request-rate'), sizes: value('size-percents'), policies };
  });
  const sizes = settings.sizes.split(',').map((size) => size.trim());
  assert.ok(settings.policies.length >= 5, 'several policies are chosen by default');
  await panel.click('#run-comparison');
  await panel.waitForSelector('#comparison-table tbody tr', { timeout: 120_000 });
  assert.equal(await panel.locator('#comparison-table tbody tr').count(), settings.policies.length * sizes.length);

  const expected = JSON.parse(execFileSync(process.execPath, [cli, 'simulate', '--json', '--policy', settings.policies.join(','),
    '--size', sizes.map((size) => `${size}%`).join(','), '--keys', settings.keys, '--alpha', settings.alpha, '--requests', settings.requests,
    '--seed', settings.seed, '--rate', settings.rate], { encoding: 'utf8' }));
  for (const row of expected) {
    const size = sizes[expected.filter((r) => r.policy === row.policy).indexOf(row)];
    const shown = await panel.getAttribute(`#comparison-table tr[data-policy="${row.policy}"][data-size="${size}"] td:nth-of-type(3)`, 'data-value');
    assert.equal(Number(shown), row.hitRatio, `${row.policy} at ${size}%`);
  }
  assert.ok(await drawnPixels(panel, 'canvas#compare-chart') > 3000, 'the chart has drawn');
  assert.equal(await panel.locator('#lru-curve-table tbody tr').count(), 60, 'the exact LRU curve is listed point by point');

  // Sorting by hit ratio puts the best run first.
  await panel.click('button.sort[data-column="hitRatio"]');
  const best = Math.max(...expected.map((row) => row.hitRatio));
  assert.equal(Number(await panel.getAttribute('#comparison-table tbody tr:first-child td:nth-of-type(3)', 'data-value')), best);
  assert.equal(await panel.getAttribute('#comparison-table th[aria-sort]', 'aria-sort'), 'descending');
  await page.locator('.editor-group-container').first().screenshot({ path: join(screenshotDir, 'compare-policies-dark.png') });
});

test('a trace file replays through the panel exactly as through the CLI', async () => {
  const trace = join(mkdtempSync(join(tmpdir(), 'cache-lab-e2e-trace-')), 'requests.oracleGeneral');
  execFileSync(process.execPath, [cli, 'trace', 'generate', '--output', trace, '--keys', '5000', '--alpha', '1.1', '--requests', '50000', '--seed', '8']);
  const panel = await findFrame(page, '#run-comparison');
  await panel.evaluate((path) => {
    const kind = document.getElementById('source-kind');
    kind.value = 'trace';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    const field = document.getElementById('trace-path');
    field.value = path;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    const sizes = document.getElementById('size-percents');
    sizes.value = '1, 10';
    sizes.dispatchEvent(new Event('input', { bubbles: true }));
  }, trace);
  await panel.waitForSelector('#run-comparison:not([disabled])');
  const previous = await panel.textContent('#summary');
  await panel.click('#run-comparison');
  await panel.waitForFunction((before) => document.getElementById('summary').textContent !== before, previous, { timeout: 120_000 });
  assert.match(await panel.textContent('#summary'), /50,000 requests from requests\.oracleGeneral/);
  const policies = await panel.evaluate(() => [...document.querySelectorAll('#comparison-table tbody tr')].map((row) => row.dataset.policy));
  const unique = [...new Set(policies)];
  const expected = JSON.parse(execFileSync(process.execPath, [cli, 'simulate', '--json', '--trace', trace, '--policy', unique.join(','), '--size', '1%,10%'], { encoding: 'utf8' }));
  for (const [i, row] of expected.entries()) {
    const size = i % 2 === 0 ? '1' : '10';
    const shown = await panel.getAttribute(`#comparison-table tr[data-policy="${row.policy}"][data-size="${size}"] td:nth-of-type(3)`, 'data-value');
    assert.equal(Number(shown), row.hitRatio, `${row.policy} at ${size}%`);
  }
});
