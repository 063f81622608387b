// The Stampede Lab and the side view's stampede in a real VS Code: the figures are the CLI's.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { drawnPixels, findFrame, runCommand, screenshotDir, withWorkbench } from './workbench.mjs';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const expected = () => JSON.parse(execFileSync(process.execPath, [cli, 'stampede', '--json'], { encoding: 'utf8' }));

let page;
withWorkbench((opened) => (page = opened));

test('the Stampede Lab compares the protections with the figures cache-lab stampede prints', async () => {
  await runCommand(page, 'Cache Lab: Open Stampede Lab');
  const panel = await findFrame(page, '#run-stampede');
  await panel.waitForSelector('#run-stampede:not([disabled])');
  await panel.click('#run-stampede');
  await panel.waitForSelector('#stampede-table tbody tr', { timeout: 120_000 });
  const { results } = expected();
  assert.equal(await panel.locator('#stampede-table tbody tr').count(), results.length);
  for (const result of results) {
    const perExpiry = await panel.getAttribute(`#stampede-table tr[data-protection="${result.protection}"] td:nth-of-type(1)`, 'data-value');
    assert.equal(Number(perExpiry), result.recomputationsPerExpiry, result.protection);
    const sentence = await panel.textContent(`#stampede-sentences li[data-protection="${result.protection}"]`);
    assert.match(sentence, new RegExp(`${result.worstWave.toLocaleString('en-US')} DB quer(y|ies) at the worst expiry`));
  }
  assert.ok(await drawnPixels(panel, 'canvas#stampede-queries-chart') > 3000, 'the DB queries chart has drawn');
  assert.ok(await drawnPixels(panel, 'canvas#stampede-latency-chart') > 3000, 'the latency chart has drawn');
  await panel.evaluate(() => document.querySelector('section.results').scrollIntoView());
  await page.locator('.editor-group-container').first().screenshot({ path: join(screenshotDir, 'stampede-lab-dark.png') });
});

test('the side view runs the same stampede', async () => {
  await page.locator('.activitybar .action-item a[aria-label^="Cache Lab"]').first().click();
  const view = await findFrame(page, '#run-sidebar-stampede');
  await view.click('#run-sidebar-stampede');
  await view.waitForSelector('#sidebar-stampede li[data-protection]', { timeout: 120_000 });
  const { results } = expected();
  for (const result of results) {
    assert.match(await view.textContent(`#sidebar-stampede li[data-protection="${result.protection}"]`), new RegExp(`${result.worstWave.toLocaleString('en-US')} DB quer`));
  }
});
