// Gazette's browser tests: serve a built site over HTTP under a subpath, read it as a person
// would in headless Chromium (clicking links, searching, using the keyboard), check every
// page read with axe-core, and take screenshots at two widths in light and dark.
//
// Usage: node tests/browser/run.mjs PUBLIC_DIR ARTIFACTS_DIR
// The site is served at /news/; build it with `--base-url /news/` so that 404.html, which
// hosts serve at any address, links from there (tests/browser.rs does).
// CHROMIUM names the browser (default /usr/bin/chromium). Exits 0 when everything holds,
// 1 with one line per problem (which page, what) otherwise, 2 when it cannot start.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const AXE = path.join(here, 'node_modules', 'axe-core', 'axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// Served below a subpath, as on a shared host: a link that assumes the site is at / fails.
const SUBPATH = '/news/';
const WIDTHS = [375, 1280];
const SCHEMES = ['light', 'dark'];
const TIMEOUT_MS = 15_000;

const [publicArg, artifactsArg] = process.argv.slice(2);
if (!publicArg || !artifactsArg) {
  console.error('usage: node run.mjs PUBLIC_DIR ARTIFACTS_DIR');
  process.exit(2);
}
const publicDir = path.resolve(publicArg);
const artifactsDir = path.resolve(artifactsArg);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(path.join(publicDir, 'index.html'))) {
  console.error(`no built site at ${publicDir} (index.html is missing)`);
  process.exit(2);
}
fs.mkdirSync(artifactsDir, { recursive: true });

// ---- problems: each names the page it was seen on and what went wrong ----

const failures = [];
let current = 'start';
const fail = (page, what) => {
  const line = `${page}: ${what}`;
  // A browser may ask twice for the same refused file: one line per problem and page.
  if (failures.includes(line)) return;
  failures.push(line);
  console.log(`FAIL ${line}`);
};
let checks = 0;
const pass = (page, what) => console.log(`ok   ${page}: ${what}`);

// Runs one named check; an exception is a failure of that page, and the run goes on.
async function check(page, what, body) {
  checks += 1;
  const before = failures.length;
  try {
    await body();
    if (failures.length === before) pass(page, what);
  } catch (error) {
    fail(page, `${what}: ${String(error && error.message ? error.message : error).split('\n')[0]}`);
  }
}

const expect = (condition, message) => {
  if (!condition) throw new Error(message);
};

// ---- a small static server ----

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function serve(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const send = (status, body, type = 'text/plain; charset=utf-8', headers = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    if (!url.pathname.startsWith(SUBPATH)) {
      // Browsers ask for /favicon.ico by themselves; anything else here is a link that
      // ignores the subpath.
      if (url.pathname !== '/favicon.ico') fail(current, `request outside the site's subpath: ${url.pathname}`);
      send(404, 'outside the site');
      return;
    }
    let relative;
    try {
      relative = decodeURIComponent(url.pathname.slice(SUBPATH.length));
    } catch {
      send(400, 'bad path');
      return;
    }
    let file = path.resolve(root, relative);
    if (file !== root && !file.startsWith(root + path.sep)) {
      send(403, 'outside the site');
      return;
    }
    try {
      if (fs.statSync(file).isDirectory()) {
        if (!url.pathname.endsWith('/')) {
          send(301, '', undefined, { location: url.pathname + '/' + url.search });
          return;
        }
        file = path.join(file, 'index.html');
      }
      const body = fs.readFileSync(file);
      send(200, body, TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream');
    } catch {
      const notFound = path.join(root, '404.html');
      send(404, fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found', TYPES['.html']);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---- the browser ----

// Every page is watched for console errors, uncaught exceptions, failed loads and requests to
// any other site (the theme makes none).
async function newContext(browser, origin, { width, scheme, javaScript = true }) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme: scheme,
    javaScriptEnabled: javaScript,
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(TIMEOUT_MS);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/')) return route.continue();
    fail(current, `request to another site: ${url}`);
    return route.abort();
  });
  context.on('page', (page) => watch(page));
  return context;
}

function watch(page) {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (expectedNotFound && message.location().url === expectedNotFound && /\b404\b/.test(message.text())) return;
    fail(current, `console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => fail(current, `uncaught exception: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url() !== expectedNotFound) fail(current, `HTTP ${response.status()} for ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure() ? request.failure().errorText : 'failed';
    // Aborted requests to other sites are reported by the route handler already.
    if (!/ERR_FAILED|ERR_ABORTED/.test(reason)) fail(current, `request failed (${reason}): ${request.url()}`);
  });
}

// Clicks a link and waits for the page it leads to; what goes wrong from the click on is
// that page's problem.
async function follow(page, link, urlPattern, destination) {
  current = destination;
  await Promise.all([page.waitForURL(urlPattern), link.click()]);
  await page.waitForLoadState('load');
}

const pathOf = (url) => new URL(url).pathname;

// The one address that is meant to answer 404 (and the console line that reports it).
let expectedNotFound = '';

// What each page of the walk is, and where it was: filled in as the walk goes.
const visited = {};

async function walk(page, base) {
  // Home
  current = 'home';
  await check('home', 'loads with the site title as its heading', async () => {
    const response = await page.goto(base);
    expect(response && response.ok(), `HTTP ${response && response.status()}`);
    expect((await page.locator('h1').count()) === 1, 'expected one h1');
    visited.home = page.url();
  });
  await check('home', 'the first Tab reaches a visible skip link that moves focus to the content', async () => {
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      const box = el.getBoundingClientRect();
      return { cls: el.className, top: box.top, left: box.left, width: box.width };
    });
    expect(skip.cls === 'skip-link', `the first Tab focused .${skip.cls || '(nothing)'}, not the skip link`);
    expect(skip.left >= 0 && skip.top >= 0 && skip.width > 0, `the focused skip link is off screen (left ${skip.left}, top ${skip.top})`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#main');
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => Boolean(document.activeElement.closest('main')));
    expect(inMain, 'after the skip link, Tab did not lead into <main>');
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    });
    expect(outline, 'the focused link in <main> shows no outline of 2 px or more');
  });
  await check('home', 'the lead digest link opens the digest', async () => {
    await follow(page, page.locator('.lead-digest h2 a').first(), /\/digests\/[^/]+\/$/, 'digest');
    visited.digest = page.url();
  });

  // Digest
  current = 'digest';
  await check('digest', "shows its articles and a \"Who's quoted\" bar chart", async () => {
    expect((await page.locator('.digest-item').count()) > 0, 'no .digest-item');
    const chart = page.locator('figure.chart svg.bars');
    expect((await chart.count()) === 1, 'no svg.bars chart');
    expect((await chart.getAttribute('role')) === 'img', 'the chart has no role="img"');
    expect(((await chart.getAttribute('aria-label')) || '').length > 0, 'the chart has no aria-label');
    expect((await chart.locator('rect.bar').count()) > 0, 'the chart has no bars');
    const box = await chart.boundingBox();
    expect(box && box.width > 200 && box.height > 20, `the chart is drawn ${box && box.width}×${box && box.height}`);
  });
  await check('digest', 'an article link in the edition opens the article', async () => {
    // An item whose strongest quote has a speaker, so the walk can go on to a speaker.
    const item = page.locator('.digest-item').filter({ has: page.locator('.callout figcaption a:not(.permalink)') }).first();
    await follow(page, item.locator('h3 a'), /\/articles\/[^/]+\/$/, 'article');
    visited.article = page.url();
  });

  // Article
  current = 'article';
  let quote = null;
  await check('article', 'marks quotes in the text and shows callouts', async () => {
    expect((await page.locator('.article-body .quote').count()) > 0, 'no quote marked in the text');
    expect((await page.locator('.callouts .callout').count()) > 0, 'no callout');
  });
  await check('article', 'finds a quote to follow', async () => {
    // The first quote long enough to search for by its words whose speaker has a role.
    quote = await page.evaluate(() => {
      for (const by of document.querySelectorAll('.article-body .quote[id] > a.quote-by')) {
        const span = by.parentElement;
        const words = span.textContent.replace(by.textContent, '').split(/\s+/).filter((w) => /\w/.test(w));
        if (words.length >= 6 && (by.getAttribute('aria-label') || '').includes(', ')) {
          return { id: span.id, speakerPath: new URL(by.href).pathname, words, label: by.getAttribute('aria-label') || '' };
        }
      }
      return null;
    });
    expect(quote, 'no quote of six words or more by a speaker with a role');
  });
  if (!quote) return;
  const tipState = (page) => page.evaluate((id) => {
    const tip = document.querySelector(`[id="${id}"] > a.quote-by > .quote-tip`);
    if (!tip) return null;
    const s = getComputedStyle(tip);
    const box = tip.getBoundingClientRect();
    return {
      shown: s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0 && box.width > 0,
      text: tip.textContent,
      left: box.left,
      right: box.right,
      width: innerWidth,
    };
  }, quote.id);
  await check('article', "a quote's speaker and role show on keyboard focus and on hover", async () => {
    expect(quote.label.includes(','), `the speaker link of #${quote.id} is not labelled "name, role" (aria-label "${quote.label}")`);
    const by = page.locator(`[id="${quote.id}"] > a.quote-by`);
    let state = await tipState(page);
    expect(state, `the speaker link of #${quote.id} has no .quote-tip`);
    expect(state.text === quote.label, `the tip says "${state.text}", the link's label "${quote.label}"`);
    expect(!state.shown, 'the tooltip shows before anything is focused or hovered');
    // Tab from the link before it, as a keyboard user arrives.
    await page.evaluate((id) => {
      const links = [...document.querySelectorAll('a[href]')];
      const at = links.indexOf(document.querySelector(`[id="${id}"] > a.quote-by`));
      links[at - 1].focus();
    }, quote.id);
    await page.keyboard.press('Tab');
    expect(await by.evaluate((el) => el === document.activeElement), 'Tab did not reach the speaker link');
    state = await tipState(page);
    expect(state.shown, 'the tooltip does not show when its speaker link has focus');
    expect(state.left >= 0 && state.right <= state.width, `the focused tooltip runs off screen (${Math.round(state.left)}…${Math.round(state.right)} of ${state.width} px)`);
    await by.evaluate((el) => el.blur());
    await page.mouse.move(0, 0);
    expect(!(await tipState(page)).shown, 'the tooltip stays after focus leaves');
    // The middle of the quote's first line: a quote over several lines has no solid box.
    const line = await page.locator(`[id="${quote.id}"]`).evaluate((el) => {
      el.scrollIntoView({ block: 'center' });
      const r = el.getClientRects()[0];
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.move(line.x, line.y);
    state = await tipState(page);
    expect(state.shown, 'the tooltip does not show when the quote is hovered');
    expect(state.text.trim().length > 0, 'the tooltip is empty');
    await page.mouse.move(0, 0);
  });
  await check('article', "the quote's speaker link opens the speaker page", async () => {
    await follow(page, page.locator(`[id="${quote.id}"] > a.quote-by`), (url) => url.pathname === quote.speakerPath, 'speaker');
    visited.speaker = page.url();
  });

  // Speaker
  current = 'speaker';
  let speakerName = '';
  await check('speaker', 'shows a timeline chart and lists the quote', async () => {
    speakerName = (await page.locator('h1').innerText()).trim();
    expect(speakerName, 'no h1');
    const chart = page.locator('figure.chart svg.timeline');
    expect((await chart.count()) === 1, 'no svg.timeline chart');
    expect((await chart.locator('rect.bar').count()) > 0, 'the timeline has no bars');
    expect((await page.locator(`.quote-list a[href$="#${quote.id}"]`).count()) === 1, `no link to #${quote.id} in the list of quotes`);
  });
  await check('speaker', "following the quote's link goes back to its place in the article", async () => {
    const articlePath = pathOf(visited.article);
    await follow(page, page.locator(`.quote-list a[href$="#${quote.id}"]`), (url) => url.pathname === articlePath && url.hash === `#${quote.id}`, 'article (at the quote)');
    const target = await page.evaluate(() => {
      const el = document.querySelector(':target');
      if (!el) return null;
      const box = el.getBoundingClientRect();
      return { id: el.id, top: box.top, bottom: box.bottom, height: innerHeight };
    });
    expect(target && target.id === quote.id, `:target is ${target ? '#' + target.id : 'nothing'}, not #${quote.id}`);
    expect(target.top < target.height && target.bottom > 0, `the quote is not in view (top ${Math.round(target.top)} px)`);
  });

  // Search
  current = 'search';
  const phrase = quote.words.slice(0, 5).join(' ');
  await check('search', 'the Search link in the header opens the search page', async () => {
    await follow(page, page.locator('nav[aria-label="Sections"] a', { hasText: 'Search' }), /\/search\/$/, 'search');
  });
  await check('search', `finding the speaker "${speakerName}"`, async () => {
    await page.locator('#search-q').fill(speakerName);
    const hit = page.locator('#search-results .search-speaker a', { hasText: speakerName }).first();
    await hit.waitFor();
    expect(new URL(page.url()).searchParams.get('q') === speakerName, `the address keeps no ?q= (${page.url()})`);
    visited.search = page.url();
  });
  await check('search', `finding the quote by "${phrase}" and following it`, async () => {
    await page.locator('#search-q').fill(phrase);
    const hit = page.locator(`#search-results .search-quote blockquote a[href$="#${quote.id}"]`);
    await hit.waitFor();
    const articlePath = pathOf(visited.article);
    await follow(page, hit, (url) => url.pathname === articlePath && url.hash === `#${quote.id}`, 'article (from search)');
    const target = await page.evaluate(() => document.querySelector(':target')?.id);
    expect(target === quote.id, `:target is ${target ? '#' + target : 'nothing'}, not #${quote.id}`);
  });
}

// No sideways scrolling: the page is no wider than the window; the widest culprits named.
async function checkFits(page, name) {
  await check(name, 'fits the width without sideways scrolling', async () => {
    const overflow = await page.evaluate(() => {
      const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > innerWidth + 1);
      const describe = (el) => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
      return { scroll: document.documentElement.scrollWidth, view: innerWidth, wide: wide.slice(0, 3).map(describe) };
    });
    expect(overflow.scroll <= overflow.view, `the page is ${overflow.scroll} px wide in a ${overflow.view} px window (${overflow.wide.join(', ')})`);
  });
}

// The tags every page has, for sharing and search engines.
async function checkMeta(page, name) {
  await check(name, 'has a title, description, canonical URL, Open Graph and Twitter tags', async () => {
    const meta = await page.evaluate(() => {
      const content = (selector) => document.querySelector(selector)?.getAttribute('content') || '';
      return {
        lang: document.documentElement.lang,
        title: document.title,
        canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href') || '',
        description: content('meta[name="description"]'),
        og: ['title', 'description', 'url', 'type', 'site_name'].map((p) => [p, content(`meta[property="og:${p}"]`)]),
        twitter: ['card', 'title', 'description'].map((p) => [p, content(`meta[name="twitter:${p}"]`)]),
      };
    });
    const missing = [];
    const at = new URL(page.url());
    const canonical = meta.canonical && new URL(meta.canonical, at);
    expect(!canonical || canonical.pathname === at.pathname, `the canonical URL ${meta.canonical} is not this page (${at.pathname})`);
    if (!meta.lang) missing.push('<html lang>');
    if (!meta.title) missing.push('<title>');
    if (!meta.canonical) missing.push('canonical link');
    if (!meta.description) missing.push('meta description');
    for (const [p, v] of meta.og) if (!v) missing.push(`og:${p}`);
    for (const [p, v] of meta.twitter) if (!v) missing.push(`twitter:${p}`);
    expect(missing.length === 0, `missing or empty: ${missing.join(', ')}`);
  });
}

async function checkAxe(page, name) {
  await check(name, `axe-core finds no ${AXE_TAGS.join('/')} violations`, async () => {
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async (tags) => {
      const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return result.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} (${(n.failureSummary || '').replace(/\s+/g, ' ').trim()})`),
        count: v.nodes.length,
      }));
    }, AXE_TAGS);
    for (const v of violations) {
      fail(name, `axe ${v.id}: ${v.help}; ${v.count} element(s), e.g. ${v.nodes.join('; ')}`);
    }
  });
}

// Every speaker tip, shown by focus, stays inside the window; a picture of the first one.
async function checkTips(page, name, picture) {
  await check(name, "every quote's speaker tip stays on screen when focused", async () => {
    const badges = page.locator('.article-body a.quote-by');
    const count = await badges.count();
    expect(count > 0, 'no speaker links on quotes');
    const off = [];
    for (let i = 0; i < count; i++) {
      await badges.nth(i).focus();
      const box = await badges.nth(i).evaluate((el) => {
        const tip = el.querySelector('.quote-tip');
        const r = tip ? tip.getBoundingClientRect() : null;
        return r && { left: r.left, right: r.right, top: r.top, width: r.width, view: innerWidth, label: el.getAttribute('aria-label') };
      });
      if (!box || box.width === 0) off.push(`#${i + 1} shows no tip`);
      else if (box.left < 0 || box.right > box.view || box.top < 0) off.push(`#${i + 1} (${box.label}) at ${Math.round(box.left)}…${Math.round(box.right)} px, top ${Math.round(box.top)}`);
    }
    expect(off.length === 0, `${off.length} of ${count} tips missing or off screen: ${off.slice(0, 3).join('; ')}`);
    await badges.first().focus();
    await page.screenshot({ path: path.join(artifactsDir, picture) });
    await badges.first().evaluate((el) => el.blur());
  });
}

async function main() {
  const server = await serve(publicDir);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const base = origin + SUBPATH;
  console.log(`serving ${publicDir} at ${base}`);
  let browser;
  try {
    browser = await chromium.launch({ executablePath, headless: true });
    console.log(`browser: ${browser.version()}`);

    // 1. The walk, as a reader with a mouse and a keyboard, light, wide.
    const context = await newContext(browser, origin, { width: 1280, scheme: 'light' });
    await walk(await context.newPage(), base);
    await context.close();

    const names = ['home', 'digest', 'article', 'speaker', 'search'];
    const missed = names.filter((n) => !visited[n]);
    if (missed.length) fail('walk', `stopped before reaching: ${missed.join(', ')}; the later checks skip those pages`);

    // 2. Each page read: meta tags, axe, overflow, screenshots, at each width and scheme.
    for (const scheme of SCHEMES) {
      for (const width of WIDTHS) {
        const ctx = await newContext(browser, origin, { width, scheme });
        const page = await ctx.newPage();
        for (const name of names.filter((n) => visited[n])) {
          const label = `${name} (${width} px, ${scheme})`;
          current = label;
          await check(label, 'loads', async () => {
            const response = await page.goto(visited[name]);
            expect(response && response.ok(), `HTTP ${response && response.status()}`);
            if (name === 'search') await page.locator('#search-results .search-status').waitFor();
          });
          if (scheme === 'light' && width === 1280) {
            await checkMeta(page, name);
            if (name !== 'search') {
              await check(name, 'loads no JavaScript (only search needs it)', async () => {
                const scripts = await page.locator('script').count();
                expect(scripts === 0, `${scripts} script element(s)`);
              });
            }
          }
          await checkFits(page, label);
          await check(label, 'screenshot', async () => {
            await page.screenshot({ path: path.join(artifactsDir, `${name}-${width}-${scheme}.png`), fullPage: true });
          });
          await checkAxe(page, label);
          if (name === 'article') await checkTips(page, label, `${name}-tip-${width}-${scheme}.png`);
        }
        await ctx.close();
      }
    }

    // 3. The narrowest phone: every page fits 320 px; the other indexes pass axe too.
    const others = {
      articles: 'articles/',
      topics: 'topics/',
      speakers: 'speakers/',
      digests: 'digests/',
      'not found': '404.html',
    };
    for (const scheme of SCHEMES) {
      const ctx = await newContext(browser, origin, { width: 320, scheme });
      const page = await ctx.newPage();
      const all = [
        ...names.filter((n) => visited[n]).map((n) => [n, visited[n]]),
        ...Object.entries(others).map(([n, p]) => [n, base + p]),
      ];
      for (const [name, url] of all) {
        const label = `${name} (320 px, ${scheme})`;
        current = label;
        await check(label, 'loads', async () => {
          const response = await page.goto(url);
          expect(response && response.ok(), `HTTP ${response && response.status()}`);
        });
        await checkFits(page, label);
        if (name in others) await checkAxe(page, label);
      }
      await ctx.close();
    }

    // 4. A missing address: the host serves 404.html there, styled, with its links working.
    current = 'not found (a missing address)';
    {
      const ctx = await newContext(browser, origin, { width: 1280, scheme: 'light' });
      const page = await ctx.newPage();
      await check(current, 'shows the styled not-found page whose front page link works', async () => {
        expectedNotFound = base + 'no/such/page/';
        const response = await page.goto(expectedNotFound);
        expect(response && response.status() === 404, `HTTP ${response && response.status()}, not 404`);
        const styled = await page.evaluate(() => [...document.styleSheets].some((sheet) => {
          try {
            return sheet.href && sheet.href.endsWith('/style.css') && sheet.cssRules.length > 0;
          } catch {
            return false;
          }
        }));
        expect(styled, 'the stylesheet did not load');
        await follow(page, page.locator('main a', { hasText: 'front page' }), (url) => url.href === base, 'home (from not found)');
      });
      expectedNotFound = '';
      await ctx.close();
    }

    // 5. Print: the article without navigation or tips, as the print stylesheet has it.
    if (visited.article) {
      current = 'article (print)';
      // A dark screen scheme must not print light text on white paper.
      const ctx = await newContext(browser, origin, { width: 1280, scheme: 'dark' });
      const page = await ctx.newPage();
      await check(current, 'prints black on white without navigation, footer or skip link', async () => {
        await page.goto(visited.article);
        await page.emulateMedia({ media: 'print' });
        const shown = await page.evaluate(() =>
          ['.site-header nav', '.site-footer', '.skip-link']
            .filter((s) => document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== 'none'));
        expect(shown.length === 0, `still shown in print: ${shown.join(', ')}`);
        const colours = await page.evaluate(() => ['body', 'h1', '.article-body p', '.callout blockquote p', '.meta']
          .map((s) => [s, document.querySelector(s)])
          .filter(([, el]) => el)
          .map(([s, el]) => [s, getComputedStyle(el).color]));
        const light = colours.filter(([, c]) => {
          const [r, g, b] = c.match(/[\d.]+/g).map(Number);
          return 0.2126 * r + 0.7152 * g + 0.0722 * b > 110;
        });
        expect(light.length === 0, `light text on paper: ${light.map(([s, c]) => `${s} ${c}`).join(', ')}`);
        await page.screenshot({ path: path.join(artifactsDir, 'article-print.png'), fullPage: true });
      });
      await ctx.close();
    }

    // 6. Without JavaScript: the search page still leads somewhere, and article quotes show.
    const noJs = await newContext(browser, origin, { width: 1280, scheme: 'light', javaScript: false });
    const page = await noJs.newPage();
    if (visited.search) {
      current = 'search (without JavaScript)';
      await check(current, 'links to the articles, speakers and topics indexes', async () => {
        await page.goto(new URL('./', visited.search).href);
        const links = page.locator('.search-noscript a');
        expect((await links.count()) >= 3, 'no links to browse by');
        await follow(page, links.first(), /\/articles\/$/, 'articles (without JavaScript)');
      });
    }
    if (visited.article) {
      current = 'article (without JavaScript)';
      await check(current, 'shows the quotes marked and their speakers', async () => {
        await page.goto(visited.article);
        expect((await page.locator('.article-body .quote a.quote-by').count()) > 0, 'no speaker link on a quote');
      });
    }
    await noJs.close();
  } finally {
    if (browser) await browser.close();
    server.close();
  }
}

const started = Date.now();
// Each step has its own timeout; this bounds the whole run should the browser itself hang.
const WATCHDOG_MS = 5 * 60_000;
setTimeout(() => {
  console.log(`\nthe browser tests did not finish in ${WATCHDOG_MS / 1000} s (last page: ${current})`);
  process.exit(1);
}, WATCHDOG_MS).unref();
main()
  .catch((error) => fail(current, `the run stopped: ${error && error.stack ? error.stack : error}`))
  .finally(() => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`screenshots in ${artifactsDir}`);
    if (failures.length) {
      console.log(`\n${failures.length} problem(s) in the browser tests (${seconds} s):`);
      for (const f of failures) console.log(`  - ${f}`);
      process.exitCode = 1;
    } else {
      console.log(`browser tests: all ${checks} checks passed (${seconds} s)`);
    }
  });
