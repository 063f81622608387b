// Step Through a Race in a real VS Code: the double delete, stepped one event at a time, then explored.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { findFrame, runCommand, screenshotDir, withWorkbench } from './workbench.mjs';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

let page;
withWorkbench((opened) => (page = opened));

async function setParameter(panel, name, value) {
  await panel.evaluate(([id, text]) => {
    const field = document.getElementById(id);
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }, [`param-${name}`, String(value)]);
}

test('the double delete with a short delay steps to the stale verdict the CLI prints', async () => {
  await runCommand(page, 'Cache Lab: Step Through a Race');
  const panel = await findFrame(page, '#run-race');
  await panel.waitForSelector('#lanes tbody tr');
  // Choose the double delete, with a delay shorter than the reader's window.
  await panel.evaluate(() => {
    const select = document.getElementById('scenario');
    select.value = 'double-delete';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await panel.waitForSelector('#param-delay');
  await setParameter(panel, 'delay', 20);
  await panel.click('#run-race');
  await panel.waitForFunction(() => document.querySelectorAll('#lanes tbody tr').length === 6 && document.getElementById('step-position').textContent.startsWith('Before'));

  const expected = JSON.parse(execFileSync(process.execPath, [cli, 'race', 'double-delete', '--param', 'delay=20', '--json'], { encoding: 'utf8' }));
  for (const [i, event] of expected.events.entries()) {
    await panel.click('#step-next');
    await panel.waitForFunction((n) => document.getElementById('step-position').textContent.startsWith(`Step ${n} of`), i + 1);
    assert.match(await panel.textContent('#lanes tr.current'), new RegExp(event.detail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // The stores show the state after this very step.
    const cache = await panel.evaluate(() => [...document.querySelectorAll('[data-store="Cache"] tbody tr:not(.removed)')].map((row) => row.textContent));
    assert.deepEqual(cache, Object.entries(event.after.caches.Cache).map(([key, value]) => key + value), `cache after step ${i + 1}`);
  }
  assert.equal(await panel.evaluate(() => document.getElementById('step-next').disabled), true, 'Next stops at the last step');
  assert.equal((await panel.textContent('#verdict-line')).trim(), `Inconsistent: ${expected.verdict.summary}`);
  await page.locator('.editor-group-container').first().screenshot({ path: join(screenshotDir, 'race-double-delete-dark.png') });

  // Back and the scrubber go to earlier steps.
  await panel.click('#step-back');
  assert.match(await panel.textContent('#step-position'), /^Step 5 of 6/);
  await panel.evaluate(() => {
    const scrubber = document.getElementById('scrubber');
    scrubber.value = '2';
    scrubber.dispatchEvent(new Event('input', { bubbles: true }));
  });
  assert.match(await panel.textContent('#step-position'), /^Step 2 of 6/);
});

test('exploring every interleaving counts the stale ones and opens the counterexample', async () => {
  const panel = await findFrame(page, '#run-race');
  await setParameter(panel, 'delay', 40);
  await panel.click('#explore-race');
  await panel.waitForSelector('#exploration-summary');
  const expected = JSON.parse(execFileSync(process.execPath, [cli, 'race', 'double-delete', '--param', 'delay=40', '--explore', '--json'], { encoding: 'utf8' }));
  assert.match(await panel.textContent('#exploration-summary'), new RegExp(`^${expected.interleavings} interleavings; ${expected.inconsistent} end stale`));
  await panel.click('#open-counterexample');
  await panel.waitForFunction(() => document.getElementById('status').textContent.startsWith('Showing the counterexample'));
  const steps = await panel.evaluate(() => document.querySelectorAll('#lanes tbody tr').length);
  assert.equal(steps, expected.counterexample.order.length);
  await panel.evaluate(() => {
    const scrubber = document.getElementById('scrubber');
    scrubber.value = scrubber.max;
    scrubber.dispatchEvent(new Event('input', { bubbles: true }));
  });
  assert.match(await panel.textContent('#verdict-line'), /Inconsistent: stale: Cache holds user:42 = 'v1'/);
});
