// Compare Write Strategies in a real VS Code: the panel shows what `cache-lab strategies` computes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { drawnPixels, findFrame, runCommand, screenshotDir, withWorkbench } from './workbench.mjs';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

let page;
withWorkbench((opened) => (page = opened));

test('Compare Write Strategies measures the textbook trade-offs exactly as the CLI does', async () => {
  await runCommand(page, 'Cache Lab: Compare Write Strategies');
  const panel = await findFrame(page, '#run-strategies');
  await panel.waitForSelector('#run-strategies:not([disabled])');
  await panel.evaluate(() => {
    const requests = document.getElementById('requests');
    requests.value = '5000';
    requests.dispatchEvent(new Event('input', { bubbles: true }));
    const crash = document.getElementById('crash-at');
    crash.value = '3';
    crash.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await panel.click('#run-strategies');
  await panel.waitForSelector('#tradeoffs tbody tr', { timeout: 120_000 });

  const expected = JSON.parse(execFileSync(process.execPath, [cli, 'strategies', '--requests', '5000', '--crash-at', '3', '--json'], { encoding: 'utf8' }));
  assert.equal(await panel.locator('#tradeoffs tbody tr').count(), expected.tradeoffs.length);
  for (const tradeoff of expected.tradeoffs) {
    const cells = await panel.evaluate((id) => [...document.querySelectorAll(`#tradeoffs tr[data-strategy="${id}"] td`)].map((cell) => cell.textContent), tradeoff.strategy);
    assert.deepEqual(cells, [tradeoff.writeLatency, tradeoff.staleData, tradeoff.warmOnWrite, tradeoff.dataLoss], tradeoff.strategy);
  }
  for (const result of expected.results) {
    const hitRatio = await panel.getAttribute(`#strategy-metrics tr[data-strategy="${result.strategy}"] td:nth-of-type(1)`, 'data-value');
    assert.equal(Number(hitRatio), result.hitRatio, result.strategy);
  }
  assert.match(await panel.textContent('#tradeoffs tr[data-strategy="write-behind"]'), /acknowledged writes lost in the crash at 3 s/);
  assert.ok(await drawnPixels(panel, 'canvas#strategies-chart') > 3000, 'the latency chart has drawn');
  await panel.evaluate(() => document.querySelector('section.results').scrollIntoView());
  await page.locator('.editor-group-container').first().screenshot({ path: join(screenshotDir, 'write-strategies-dark.png') });
});
