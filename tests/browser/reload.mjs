// Live reload in a real browser: a page served by `gazette serve` reloads when its article is
// saved, shows a bad save's error over the page, and drops it after the next good save.
//
// Usage: node tests/browser/reload.mjs PAGE_URL ARTICLE_FILE
// CHROMIUM names the browser (default /usr/bin/chromium). Exits 0 when everything holds,
// 1 with the step that failed otherwise.

import fs from 'node:fs';
import { chromium } from 'playwright-core';

const [pageUrl, articleFile] = process.argv.slice(2);
if (!pageUrl || !articleFile) {
  console.error('usage: node reload.mjs PAGE_URL ARTICLE_FILE');
  process.exit(2);
}
const TIMEOUT_MS = 15_000;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const errors = [];
let step = 'opening the page';
try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(pageUrl);
  step = 'waiting for the live-reload connection';
  await page.waitForSelector('html[data-live-reload="connected"]', { timeout: TIMEOUT_MS });
  const original = fs.readFileSync(articleFile, 'utf8');

  step = 'saving a new sentence and waiting for the page to reload with it';
  await page.evaluate(() => { window.gazetteBeforeReload = true; });
  const marker = `A sentence saved at ${Date.now()}.`;
  fs.writeFileSync(articleFile, `${original}\n${marker}\n`);
  await page.waitForFunction(
    (m) => !window.gazetteBeforeReload && document.body.innerText.includes(m),
    marker,
    { timeout: TIMEOUT_MS },
  );
  console.log('ok   the page reloaded with the saved sentence');

  step = 'saving broken front matter and waiting for the error over the page';
  fs.writeFileSync(articleFile, '+++\ntitle = \n+++\n');
  await page.waitForSelector('#gazette-error', { timeout: TIMEOUT_MS });
  const overlay = await page.locator('#gazette-error').innerText();
  if (!overlay.includes(':2:')) throw new Error(`the error does not say where: ${overlay}`);
  if (!(await page.locator('body').innerText()).includes(marker)) {
    throw new Error('the last good page is not shown under the error');
  }
  console.log('ok   a bad save shows its error, with its line, over the last good page');

  step = 'saving the article again and waiting for the error to go';
  await page.waitForSelector('html[data-live-reload="connected"]', { timeout: TIMEOUT_MS });
  fs.writeFileSync(articleFile, original);
  await page.waitForFunction(
    (m) => !document.querySelector('#gazette-error') && !document.body.innerText.includes(m),
    marker,
    { timeout: TIMEOUT_MS },
  );
  console.log('ok   the next good save recovers');
  if (errors.length) throw new Error(`console errors: ${errors.join(' | ')}`);
  console.log('live reload: all checks passed');
} catch (e) {
  console.log(`FAIL ${step}: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
