// The hostile fixture's pages in headless Chromium: no dialog may open and no injected element
// (img[onerror], an element with an on* attribute, a script that is not the theme's search.js)
// may exist on the article, speaker, digest and search pages (searching for the hostile name).
//
//   node tests/browser/hostile.mjs PUBLIC_DIR        (PUBLIC_DIR: tests/fixtures/bad/hostile built)
//
// CHROMIUM names the browser (default /usr/bin/chromium). Exits 0 when everything holds.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';

const publicDir = path.resolve(process.argv[2] || '');
if (!fs.existsSync(path.join(publicDir, 'index.html'))) {
  console.error(`no built site at ${publicDir}`);
  process.exit(2);
}
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml' };

const server = http.createServer((req, res) => {
  let file = path.join(publicDir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!file.startsWith(publicDir)) { res.writeHead(403); res.end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
  res.end(fs.readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}/`;

const speakers = fs.readdirSync(path.join(publicDir, 'speakers'))
  .filter((name) => fs.existsSync(path.join(publicDir, 'speakers', name, 'index.html')));
const pages = [
  'articles/xss/',
  'digests/edition/',
  ...speakers.map((name) => `speakers/${name}/`),
  'search/?q=' + encodeURIComponent('Evil'),
  'search/?q=' + encodeURIComponent('onerror'),
];

const failures = [];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true });
try {
  const page = await browser.newPage();
  let current = '';
  page.on('dialog', async (dialog) => {
    failures.push(`${current}: a ${dialog.type()} dialog opened: ${dialog.message()}`);
    await dialog.dismiss();
  });
  for (const target of pages) {
    current = target;
    await page.goto(base + target, { waitUntil: 'load' });
    if (target.startsWith('search/')) {
      // The results are drawn by search.js after the index loads.
      await page.waitForSelector('#search-results *, .search-results *, [data-results] *', { timeout: 3000 }).catch(() => {});
      await page.waitForTimeout(300);
    }
    const injected = await page.evaluate(() => {
      const found = [];
      for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.getAttributeNames()) {
          if (attribute.startsWith('on')) found.push(`<${element.localName} ${attribute}>`);
          if (['href', 'src', 'action', 'formaction', 'data'].includes(attribute)
            && /^\s*(javascript|vbscript|data):/i.test(element.getAttribute(attribute))) {
            found.push(`<${element.localName} ${attribute}=${element.getAttribute(attribute)}>`);
          }
        }
        if (element.localName === 'script' && !(element.getAttribute('src') || '').endsWith('search.js')) {
          found.push(`<script> ${element.outerHTML.slice(0, 80)}`);
        }
        if (['iframe', 'object', 'embed'].includes(element.localName)) found.push(`<${element.localName}>`);
      }
      return found;
    });
    for (const what of injected) failures.push(`${target}: injected ${what}`);
    console.log(`${injected.length ? 'FAIL' : 'ok  '} ${target}`);
  }
} finally {
  await browser.close();
  server.close();
}
for (const line of failures) console.log(`FAIL ${line}`);
console.log(failures.length ? `${failures.length} problems` : `hostile content is inert in ${pages.length} pages`);
process.exit(failures.length ? 1 : 0);
