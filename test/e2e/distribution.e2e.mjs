// The Distribution Lab in a real VS Code: the figures are the CLI's, the ring animates which keys
// move when a node joins, and reduced motion turns the animation off.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { drawnPixels, findFrame, runCommand, screenshotDir, withWorkbench } from './workbench.mjs';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const json = (...args) => JSON.parse(execFileSync(process.execPath, [cli, ...args, '--json'], { encoding: 'utf8' }));

let page;
withWorkbench((opened) => (page = opened));

test('the Distribution Lab measures every scheme as cache-lab distribute does and animates the keys that move', async () => {
  await runCommand(page, 'Cache Lab: Open Distribution Lab');
  const panel = await findFrame(page, '#run-distribution');
  await panel.waitForSelector('#run-distribution:not([disabled])');
  await panel.click('#run-distribution');
  await panel.waitForSelector('#distribution-table tbody tr', { timeout: 120_000 });

  const report = json('distribute', '--nodes', '10', '--add', '1');
  assert.equal(await panel.locator('#distribution-table tbody tr').count(), report.results.length);
  for (const result of report.results) {
    const row = `#distribution-table tr[data-scheme="${result.scheme}"]`;
    assert.equal(Number(await panel.getAttribute(`${row} td[data-column="keys-max-over-mean"]`, 'data-value')), result.before.keys.maxOverMean, result.scheme);
    const movedFraction = await panel.getAttribute(`${row} td[data-column="moved"]`, 'data-value');
    assert.equal(Number(movedFraction), result.movedFraction, result.scheme);
  }

  // The ring: 360 keys drawn, the moved ones marked, and each moved key ends in the new node's colour.
  assert.equal(await panel.locator('#ring circle.key').count(), 360);
  const movedKeys = await panel.locator('#ring circle.key.moved').count();
  assert.ok(movedKeys > 10, `${movedKeys} keys moved`);
  assert.match(await panel.textContent('#ring-caption'), new RegExp(`node-11 joined: ${movedKeys} of the 360 keys drawn moved`));
  await panel.waitForFunction(() => [...document.querySelectorAll('#ring circle.key.moved')].every((dot) => dot.classList.contains('node-color-10')));
  assert.equal(await panel.$eval('#ring circle.key', (dot) => getComputedStyle(dot).transitionDuration), '0.9s');

  // Redis Cluster: the slot map is redis-cli's, the failover is cache-lab cluster failover's.
  const cluster = report.results.find((r) => r.scheme === 'redis-cluster');
  const firstAfter = cluster.after.slots[0];
  assert.equal(await panel.textContent('#slot-map tbody tr:first-child td:nth-child(1)'), `0–${firstAfter.last}`);
  assert.equal(await panel.textContent('#slot-map tbody tr:first-child td:nth-child(3)'), cluster.before.slots[0].node);
  assert.equal(await panel.textContent('#slot-map tbody tr:first-child td:nth-child(4)'), `→ ${firstAfter.node}`);
  assert.equal(await panel.locator('#slot-map tr.moved-row').count(), cluster.after.slots.filter((range) => range.node === 'node-11').length);
  const failover = json('cluster', 'failover', '--primaries', '10');
  for (const run of failover.results) {
    const unavailable = await panel.getAttribute(`#failover-table tr[data-timeout="${run.nodeTimeout}"] td[data-column="unavailable"]`, 'data-value');
    assert.equal(Number(unavailable), run.unavailableSeconds);
    const lost = await panel.getAttribute(`#failover-table tr[data-timeout="${run.nodeTimeout}"] td[data-column="lost"]`, 'data-value');
    assert.equal(Number(lost), run.lostWrites);
  }
  for (const canvas of ['load-chart', 'vnodes-chart', 'failover-chart']) assert.ok(await drawnPixels(panel, `canvas#${canvas}`) > 3000, `${canvas} has drawn`);

  await panel.evaluate(() => document.querySelector('section.results').scrollIntoView());
  await page.waitForTimeout(1200);
  await page.locator('.editor-group-container').first().screenshot({ path: join(screenshotDir, 'distribution-lab-dark.png') });
  await panel.evaluate(() => document.querySelector('#vnodes-chart').scrollIntoView());
  await page.locator('.editor-group-container').first().screenshot({ path: join(screenshotDir, 'distribution-lab-charts-dark.png') });
  await panel.evaluate(() => document.querySelector('#reshard-summary').scrollIntoView());
  await page.locator('.editor-group-container').first().screenshot({ path: join(screenshotDir, 'distribution-lab-cluster-dark.png') });
});

test('adding a node starts from the layout shown; with reduced motion the keys change colour at once', async () => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const panel = await findFrame(page, '#add-node');
  await panel.click('#add-node');
  await panel.waitForFunction(() => document.querySelector('#ring-caption')?.textContent?.startsWith('node-12 joined'), null, { timeout: 120_000 });
  assert.equal(await panel.inputValue('#nodes').catch(() => panel.$eval('#nodes', (field) => field.value)), '11');
  const report = json('distribute', '--nodes', '11', '--add', '1', '--scheme', 'ring');
  assert.equal(Number(await panel.getAttribute('#distribution-table tr[data-scheme="ring"] td[data-column="moved"]', 'data-value')), report.results[0].movedFraction);
  assert.equal(await panel.$eval('#ring circle.key', (dot) => getComputedStyle(dot).transitionDuration), '0s');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
});
