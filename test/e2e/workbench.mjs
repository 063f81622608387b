// Drives the VS Code workbench that scripts/e2e.mjs started, through Chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const screenshotDir = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

export async function openWorkbench() {
  const url = process.env.CACHE_LAB_URL;
  if (!url) throw new Error('CACHE_LAB_URL is not set: run the end-to-end tests with `npm run test:e2e`');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // Cache Lab's icon in the activity bar shows that the extension's contributions have loaded.
  await page.waitForSelector('.activitybar .action-item a[aria-label^="Cache Lab"]', { timeout: 60_000 });
  mkdirSync(screenshotDir, { recursive: true });
  return { browser, page };
}

export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

/** The webview frame whose document has `selector` (webviews sit in nested iframes). */
export async function findFrame(page, selector, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        if (await frame.$(selector)) return frame;
      } catch {
        // the frame went away while we looked
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview showed ${selector} within ${timeout} ms`);
}

/** Pixels of the canvas that are not fully transparent. */
export async function drawnPixels(frame, selector) {
  return frame.$eval(selector, (canvas) => {
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) drawn++;
    return drawn;
  });
}

export async function setColorTheme(page, theme) {
  await runCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.fill(theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1000);
}

/** Opens the workbench before the calling file's tests and closes it after them; `use` gets the page. */
export function withWorkbench(use) {
  let browser;
  before(async () => {
    const opened = await openWorkbench();
    browser = opened.browser;
    use(opened.page);
  });
  after(async () => {
    await browser?.close();
  });
}
