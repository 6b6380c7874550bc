#!/usr/bin/env node
// Real-browser tests of Gazette's web page: Debian's chromium, headless, driven
// by playwright-core, against gazette-serve on the shared test slice.
//
//   node tests/browser/run_browser_tests.mjs <build dir> <source dir> [scenario name…]
//
// Starts build/bin/gazette-serve on a loopback port of its choosing, runs each
// scenario in a fresh page, writes screenshots to <build dir>/screenshots/,
// stops the server (always), prints "N passed, N failed" and exits non-zero on
// any failure. Without the slice index (corpus absent) it says so and exits 0,
// or 1 under CI (CI=true).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const buildDir = path.resolve(args[0] || path.join(here, '../../build'));
const sourceDir = path.resolve(args[1] || path.join(here, '../..'));
const only = args.slice(2);
const dbDir = path.join(buildDir, 'test-slice', 'db');
const serveBin = path.join(buildDir, 'bin', 'gazette-serve');
const webDir = path.join(sourceDir, 'web');
const shotsDir = path.join(buildDir, 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const SCENARIO_MS = 90_000;

function finish(passed, failed, note) {
  if (note) console.log(note);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (!fs.existsSync(path.join(dbDir, 'iamglass'))) {
  const why = `no corpus slice index at ${dbDir} (the shared corpus is absent, or make_test_slice has not run)`;
  // Under CI a green run must have run the browser: a missing slice fails.
  if (process.env.CI === 'true') finish(0, 1, `browser tests: ${why}, and CI=true`);
  console.log(`browser tests skipped: ${why}`);
  process.exit(0);
}
if (!fs.existsSync(serveBin)) finish(0, 1, `browser tests: ${serveBin} is missing; build the project first`);
if (!fs.existsSync(CHROMIUM)) finish(0, 1, `browser tests: ${CHROMIUM} is missing; run bash scripts/setup-browser.sh`);
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  finish(0, 1, `browser tests: playwright-core is not installed (${e.message}); run bash scripts/setup-browser.sh`);
}

// ---- the server ----

let server = null;
const serverLog = [];

function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(serveBin, ['--db', dbDir, '--port', '0', '--host', '127.0.0.1', '--web', webDir, '--threads', process.env.GAZETTE_THREADS || '16', '--quiet'],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    const timer = setTimeout(() => reject(new Error(`gazette-serve did not say where it listens within 20 s:\n${serverLog.join('\n')}`)), 20_000);
    let pending = '';
    server.stderr.setEncoding('utf8');
    server.stderr.on('data', (chunk) => {
      pending += chunk;
      let nl;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        serverLog.push(line);
        if (serverLog.length > 200) serverLog.shift();
        const m = /gazette-serve: listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      }
    });
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`gazette-serve exited (${code ?? signal}):\n${serverLog.join('\n')}`));
    });
  });
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 5000));
  if ((await Promise.race([exited, timeout])) === 'timeout') server.kill('SIGKILL');
}

// A crash or Ctrl-C of this runner still stops the server.
process.on('exit', () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(130));

// ---- helpers for scenarios ----

let base = '';
let context = null;

// A page with the error watchers the scenarios check at their end.
async function newPage(viewport = DESKTOP) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(10_000);
  page.problems = [];
  page.allowedConsole = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (!page.allowedConsole.some((re) => re.test(text))) page.problems.push(`console error: ${text}`);
  });
  page.on('requestfailed', (r) => {
    const failure = r.failure()?.errorText || '';
    if (!/ERR_ABORTED/.test(failure)) page.problems.push(`request failed: ${r.url()} ${failure}`);
  });
  return page;
}

const renders = (page) => page.evaluate(() => Number(document.getElementById('main').dataset.renders || 0));

// Runs `action` and waits until the page has drawn a new view after it.
async function andRender(page, action) {
  const before = await renders(page);
  await action();
  await page.waitForFunction((n) => Number(document.getElementById('main').dataset.renders || 0) > n, before, { timeout: 15_000 });
}

async function open(page, query = '') {
  await page.goto(base + query);
  await page.waitForFunction(() => Number(document.getElementById('main').dataset.renders || 0) > 0, null, { timeout: 15_000 });
}

const params = (page) => new URL(page.url()).searchParams;
const text = (page, selector) => page.locator(selector).first().innerText();
const count = (page, selector) => page.locator(selector).count();

// "1 234 résultats pour …" → 1234 (French groups digits with narrow spaces).
async function total(page) {
  const t = await text(page, '#status');
  const m = /^(?:environ )?([\d\s\u202f\u00a0]+) résultat/.exec(t);
  if (/^Aucun résultat/.test(t)) return 0;
  assert.ok(m, `status line without a count: ${t}`);
  return Number(m[1].replace(/\D/g, ''));
}

async function facetCount(page, param, value) {
  const row = page.locator(`.facet[data-facet="${param}"] .facet-value`).filter({ has: page.locator('.facet-name', { hasText: new RegExp(`^${escapeRe(value)}$`) }) });
  if (!(await row.count())) return null;
  return Number((await row.locator('.facet-count').innerText()).replace(/\D/g, ''));
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function shot(page, name, { keepFocus = false } = {}) {
  fs.mkdirSync(shotsDir, { recursive: true });
  if (!keepFocus) await page.evaluate(() => document.activeElement?.blur?.());
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
}

// Every element inside titles and snippets of hits is a <mark>.
async function onlyMarks(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('.hit-link, .snippet'))
      for (const child of el.querySelectorAll('*')) if (child.tagName !== 'MARK') bad.push(child.outerHTML.slice(0, 80));
    return bad;
  });
}

async function hitDates(page) {
  return page.locator('.hit time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
}

// ---- scenarios ----

const scenarios = [];
const scenario = (name, fn, viewport = DESKTOP) => scenarios.push({ name, fn, viewport });

scenario('home page loads from web/ alone, within the CSP, and is light', async (page) => {
  const sizes = [];
  page.on('response', async (r) => {
    const type = r.headers()['content-type'] || '';
    if (!/text\/html|javascript|text\/css/.test(type)) return;
    try {
      const body = await r.body();
      const s = await r.request().sizes();
      sizes.push({ url: r.url(), raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length, wire: s.responseBodySize,
        encoding: r.headers()['content-encoding'] || 'identity' });
    } catch { /* a response without a body */ }
  });
  await open(page, '');
  assert.equal(await count(page, '.hit'), 10, 'ten hits on the home page');
  assert.match(await text(page, '#status'), /résultats dans les archives/);
  assert.ok((await count(page, '.histogram .bar')) > 3, 'a date histogram');
  assert.ok((await count(page, '.facet[data-facet="section"] .facet-value')) >= 8, 'section facet');
  await page.waitForFunction(() => document.getElementById('stats').textContent.includes('articles'));
  const audit = await page.evaluate(() => ({
    inlineScripts: document.querySelectorAll('script:not([src])').length,
    handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
    external: [...document.querySelectorAll('[src], link[href]')].map((el) => el.src || el.href).filter((u) => u && !u.startsWith(location.origin) && !u.startsWith('data:')),
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || '',
    lang: document.documentElement.lang,
  }));
  assert.equal(audit.inlineScripts, 0, 'no inline script');
  assert.deepEqual(audit.handlers, [], 'no inline event handler');
  assert.deepEqual(audit.external, [], 'nothing from another origin');
  assert.match(audit.csp, /script-src 'self'/);
  assert.equal(audit.lang, 'fr');
  await shot(page, 'desktop-home');
  await page.waitForTimeout(200);
  const files = sizes.filter((s) => s.url.startsWith(base));
  if (process.env.GAZETTE_DEBUG_SIZES) console.log(files);
  const sum = (k) => files.reduce((n, f) => n + (f[k] || 0), 0);
  assert.ok(files.some((f) => f.url.endsWith('/app.js')) && files.some((f) => f.url.endsWith('/style.css')));
  const encodings = [...new Set(files.map((f) => f.encoding))].join('/');
  page.note = `page weight: ${files.length} files (HTML+JS+CSS), ${sum('raw')} bytes uncompressed, ${sum('gzip')} bytes gzip -9, ` +
    `${sum('wire')} bytes as gazette-serve sent them to Chromium (${encodings})`;
});

scenario('typing a query shows hits with marked words', async (page) => {
  await open(page, '');
  await page.locator('#q').click();
  await page.keyboard.type('ukraine');
  await andRender(page, () => page.keyboard.press('Enter'));
  assert.equal(params(page).get('q'), 'ukraine');
  assert.ok((await count(page, '.hit')) > 0);
  assert.ok((await count(page, '.hit-title mark')) > 0, 'marked words in titles');
  assert.ok((await count(page, '.snippet mark')) > 0, 'marked words in snippets');
  assert.match((await text(page, '.hit-title mark')).toLowerCase(), /ukrain/);
  assert.match(await text(page, '#status'), /^\d[\d\s\u202f]* résultats pour « ukraine »$/);
  assert.equal(await page.locator('#status').getAttribute('aria-live'), 'polite');
  assert.equal(await page.title(), 'ukraine — Gazette');
  assert.deepEqual(await onlyMarks(page), []);
  await shot(page, 'desktop-search');
});

scenario('ticking sections filters hits, keeps disjunctive counts and updates the URL', async (page) => {
  await open(page, '?q=ukraine');
  const all = await total(page);
  const intl = await facetCount(page, 'section', 'International');
  const debats = await facetCount(page, 'section', 'Débats');
  assert.ok(intl > 0 && debats > 0 && intl + debats < all, `counts ${intl} ${debats} of ${all}`);
  await andRender(page, () => page.locator('.facet-value label', { hasText: 'International' }).first().click());
  assert.deepEqual(params(page).getAll('section'), ['International']);
  assert.equal(await total(page), intl, 'the total is the count the checkbox showed');
  const sections = await page.locator('.hit-section').allInnerTexts();
  assert.ok(sections.length > 0 && sections.every((s) => s === 'International'), sections.join(','));
  assert.ok(await page.locator('.facet-value', { hasText: 'International' }).locator('input').isChecked());
  assert.equal(await facetCount(page, 'section', 'Débats'), debats, 'other sections keep their counts (disjunctive)');
  assert.match(await text(page, '.chip'), /Rubrique : International/);
  // A second section adds its hits.
  await andRender(page, () => page.locator('.facet-value label', { hasText: 'Débats' }).first().click());
  assert.deepEqual(params(page).getAll('section').sort(), ['Débats', 'International']);
  assert.equal(await total(page), intl + debats);
  await shot(page, 'desktop-facets');
  // Removing a chip, then "tout effacer".
  await andRender(page, () => page.locator('.chip', { hasText: 'International' }).click());
  assert.deepEqual(params(page).getAll('section'), ['Débats']);
  assert.equal(await total(page), debats);
  await andRender(page, () => page.locator('.chips-clear').click());
  assert.equal(params(page).getAll('section').length, 0);
  assert.equal(await count(page, '.chip'), 0);
  assert.equal(await total(page), all);
  assert.equal(params(page).get('q'), 'ukraine', 'clearing filters keeps the query');
});

scenario('a click on a histogram bar selects its period', async (page) => {
  await open(page, '?q=ukraine');
  const bars = await page.locator('.bar').evaluateAll((els) => els.map((e) => ({ value: e.dataset.value, label: e.getAttribute('aria-label') })));
  const counted = bars.map((b) => ({ ...b, n: Number(b.label.split(':').pop().replace(/\D/g, '')) }));
  const top = counted.reduce((a, b) => (b.n > a.n ? b : a));
  assert.match(top.value, /^\d{4}-\d{2}$/, 'months for this query');
  await andRender(page, () => page.locator(`.bar[data-value="${top.value}"]`).click());
  assert.equal(params(page).get('from'), top.value);
  assert.equal(params(page).get('to'), top.value);
  assert.equal(await total(page), top.n);
  assert.match(await text(page, '.chip-period'), /^Période : \S+ \d{4}/);
  assert.equal(await page.locator(`.bar[data-value="${top.value}"]`).getAttribute('aria-pressed'), 'true');
  const dates = await hitDates(page);
  assert.ok(dates.length > 0 && dates.every((d) => d.startsWith(top.value)), dates.join(','));
  await shot(page, 'desktop-period');
  // The period chip removes the period.
  await andRender(page, () => page.locator('.chip-period').click());
  assert.equal(params(page).get('from'), null);
  assert.equal(await count(page, '.bar[aria-pressed="true"]'), 0);
});

scenario('a drag across histogram bars selects the span', async (page) => {
  await open(page, '');
  const years = await page.locator('.bar').evaluateAll((els) => els.map((e) => e.dataset.value));
  assert.ok(years.includes('2018') && years.includes('2020'), years.join(','));
  const boxOf = async (v) => page.locator(`.bar[data-value="${v}"]`).boundingBox();
  const a = await boxOf('2018');
  const b = await boxOf('2020');
  await andRender(page, async () => {
    await page.mouse.move(a.x + a.width / 2, a.y + a.height - 5);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width, a.y + a.height - 5, { steps: 3 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height - 5, { steps: 8 });
    assert.equal(await count(page, '.bar.previewed'), 3, 'the dragged span is previewed');
    await page.mouse.up();
  });
  assert.equal(params(page).get('from'), '2018');
  assert.equal(params(page).get('to'), '2020');
  assert.match(await text(page, '.chip-period'), /^Période : 2018 – 2020/);
  assert.equal(await count(page, '.bar[aria-pressed="true"]'), 3);
  const dates = await hitDates(page);
  assert.ok(dates.length === 10 && dates.every((d) => d >= '2018' && d < '2021'), dates.join(','));
  assert.ok(dates[0].startsWith('2020'), 'newest first without a query');
});

scenario('keyboard: bars, checkboxes and focus after redraw', async (page) => {
  await open(page, '?q=ukraine');
  const first = page.locator('.bar').first();
  await first.focus();
  const value = await first.getAttribute('data-value');
  await andRender(page, () => page.keyboard.press('Enter'));
  assert.equal(params(page).get('from'), value);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.value), value, 'focus stays on the bar');
  // Shift+Enter on a later bar extends the period.
  const last = page.locator('.bar').last();
  const lastValue = await last.getAttribute('data-value');
  await last.focus();
  await andRender(page, () => page.keyboard.press('Shift+Enter'));
  assert.equal(params(page).get('from'), value);
  assert.equal(params(page).get('to'), lastValue);
  // Space on a checkbox.
  const box = page.locator('.facet[data-facet="section"] input[type=checkbox]').first();
  await box.focus();
  await andRender(page, () => page.keyboard.press('Space'));
  assert.equal(params(page).getAll('section').length, 1);
  assert.equal(await page.evaluate(() => document.activeElement.type), 'checkbox', 'focus stays on the checkbox');
  assert.equal(await page.evaluate(() => document.activeElement.checked), true);
});

// Presses Tab from the focused element until `reached()` holds in the page,
// pressing Enter once on the "Aller aux résultats" link when `skip`; returns
// the Tab presses and where each one landed.
async function tabUntil(page, reached, { skip = false, max = 150 } = {}) {
  const path = [];
  let skipped = !skip;
  for (let tabs = 0; tabs <= max; tabs++) {
    if (await page.evaluate(reached)) return { tabs, path };
    if (!skipped && (await page.evaluate(() => document.activeElement.id === 'skip-results'))) {
      skipped = true;
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Tab');
    path.push(await page.evaluate(() => {
      const el = document.activeElement;
      const area = el.closest('.facet') ? `facet:${el.closest('.facet').getAttribute('aria-labelledby')}`
        : el.closest('.histogram-bars') ? 'chart' : el.id || el.className || el.tagName;
      return area;
    }));
  }
  throw new Error(`not reached in ${max} Tabs: ${path.join(' > ')}`);
}

const firstHitFocused = () => document.activeElement === document.querySelector('.hit-link');

scenario('keyboard: the first result within 5 Tabs of the search box; a facet group and the chart are one stop each', async (page) => {
  await open(page, '?q=ukraine');
  await page.locator('#q').focus();
  const skipping = await tabUntil(page, firstHitFocused, { skip: true });
  assert.ok(skipping.tabs <= 5, `${skipping.tabs} Tabs: ${skipping.path.join(' > ')}`);
  await shot(page, 'desktop-keyboard-first-result', { keepFocus: true });
  // Without the skip link: each facet group and the chart once.
  await page.locator('#q').focus();
  const walking = await tabUntil(page, firstHitFocused);
  const groups = await count(page, '#sidebar .facet');
  const facetStops = walking.path.filter((p) => p.startsWith('facet:'));
  assert.ok(groups >= 3, `${groups} facet groups`);
  assert.equal(facetStops.length, groups, walking.path.join(' > '));
  assert.equal(new Set(facetStops).size, groups, 'one stop per group');
  assert.equal(walking.path.filter((p) => p === 'chart').length, 1, walking.path.join(' > '));
  page.note = `Tab stops from the search box to the first result: ${skipping.tabs} with "Aller aux résultats", ${walking.tabs} without`;
  // Arrows inside a facet group, Space ticks.
  const group = page.locator('.facet[data-facet="section"]');
  await group.locator('input[tabindex="0"]').focus();
  const firstName = await page.evaluate(() => document.activeElement.closest('li').querySelector('.facet-name').textContent);
  await page.keyboard.press('ArrowDown');
  const secondName = await page.evaluate(() => document.activeElement.closest('li').querySelector('.facet-name').textContent);
  assert.notEqual(secondName, firstName, 'ArrowDown moves to the next value');
  await andRender(page, () => page.keyboard.press('Space'));
  assert.deepEqual(params(page).getAll('section'), [secondName]);
  assert.equal(await page.evaluate(() => document.activeElement.closest('li')?.querySelector('.facet-name')?.textContent), secondName);
  assert.equal(await group.locator('[tabindex="0"]').count(), 1, 'still one stop in the group');
  // Arrows along the chart, End, Enter chooses.
  await page.locator('.histogram-bars .bar[tabindex="0"]').focus();
  const start = Number(await page.evaluate(() => document.activeElement.dataset.index));
  await page.keyboard.press('ArrowRight');
  assert.equal(Number(await page.evaluate(() => document.activeElement.dataset.index)), start + 1);
  await page.keyboard.press('End');
  const last = page.locator('.histogram-bars .bar').last();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.index), await last.getAttribute('data-index'));
  await andRender(page, () => page.keyboard.press('Enter'));
  assert.equal(params(page).get('from'), await page.locator('.histogram-bars .bar').last().getAttribute('data-value'));
});

scenario('keyboard: focus after the pager, a removed chip, Escape and "Retour"; headings in order', async (page) => {
  await open(page, '?q=ukraine');
  const focusedId = () => page.evaluate(() => document.activeElement.id);
  // Headings: one h1, then the results' h2 right above the hits' h3.
  const headings = await page.evaluate(() => [...document.querySelectorAll('#search-view h1, #search-view h2, #search-view h3')]
    .filter((el) => !el.closest('[hidden]')).map((el) => `${el.tagName}${el.id ? `#${el.id}` : ''}`));
  assert.equal(headings[0], 'H1#search-title', headings.join(' '));
  assert.equal(headings.filter((x) => x.startsWith('H1')).length, 1);
  const hitTitles = headings.slice(headings.indexOf('H2#results-title') + 1);
  assert.equal(hitTitles.length, await count(page, '.hit-title'), headings.join(' '));
  assert.ok(hitTitles.every((x) => x === 'H3'), headings.join(' '));
  // Suivante, then a page number: the focus on the results' heading, the page said.
  await page.locator('.page-next').focus();
  await andRender(page, () => page.keyboard.press('Enter'));
  assert.equal(params(page).get('page'), '2');
  assert.equal(await focusedId(), 'results-title');
  assert.match(await text(page, '#status'), /· page 2 sur \d+$/);
  await page.locator('.page-number', { hasText: /^1$/ }).focus();
  await andRender(page, () => page.keyboard.press('Enter'));
  assert.equal(params(page).get('page'), null);
  assert.equal(await focusedId(), 'results-title');
  // A removed chip: the focus to the chip that took its place, then (none left) to the heading.
  await open(page, '?q=ukraine&section=International&section=Débats');
  await page.locator('.chip').first().focus();
  await andRender(page, () => page.keyboard.press('Enter'));
  assert.deepEqual(params(page).getAll('section'), ['Débats']);
  assert.match(await page.evaluate(() => document.activeElement.className), /\bchip\b/);
  await andRender(page, () => page.keyboard.press('Enter'));
  assert.equal(params(page).get('section'), null);
  assert.equal(await focusedId(), 'results-title');
  // A hit's entities are one Tab stop.
  const hitWithEntities = page.locator('.hit', { has: page.locator('.hit-entities li:nth-child(2)') }).first();
  await hitWithEntities.locator('.hit-link').focus();
  await page.evaluate(() => { document.activeElement.dataset.start = ''; });
  const stops = await tabUntil(page, () => !document.activeElement.closest('.hit') ||
    (document.activeElement.classList.contains('hit-link') && !('start' in document.activeElement.dataset)));
  assert.equal(stops.path.filter((p) => /entity-chip/.test(p)).length, 1, stops.path.join(' > '));
  // "/" from a checkbox goes to the search box.
  await page.locator('.facet input[type=checkbox]').first().focus();
  await page.keyboard.press('/');
  assert.equal(await focusedId(), 'q');
  // Open the third hit with the keyboard; Escape returns to it.
  const third = page.locator('.hit-link').nth(2);
  const key = await third.getAttribute('data-focus-key');
  await third.focus();
  await andRender(page, () => page.keyboard.press('Enter'));
  assert.ok(params(page).get('article'));
  await andRender(page, () => page.keyboard.press('Escape'));
  assert.equal(params(page).get('article'), null);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.focusKey), key, 'focus back on the hit opened');
  await shot(page, 'desktop-keyboard-back-to-hit', { keepFocus: true });
  // And with the "← Retour aux résultats" link.
  await andRender(page, () => page.keyboard.press('Enter'));
  await page.locator('.back').focus();
  await andRender(page, () => page.keyboard.press('Enter'));
  assert.equal(await page.evaluate(() => document.activeElement.dataset.focusKey), key);
  // Escape leaves an entity's page too, back to the article.
  await openArticleWithEntities(page, 'macron');
  const article = params(page).get('article');
  const fiche = page.locator('.entity-page-link').first();
  const ficheKey = await fiche.getAttribute('data-focus-key');
  await andRender(page, () => fiche.click());
  assert.ok(params(page).get('entity_page'));
  await andRender(page, () => page.keyboard.press('Escape'));
  assert.equal(params(page).get('entity_page'), null);
  assert.equal(params(page).get('article'), article);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.focusKey), ficheKey, 'back on the link to the page left');
});

scenario('an article shows its text and related coverage; Back returns', async (page) => {
  await open(page, '?q=ukraine');
  const firstTitle = await text(page, '.hit-link');
  await andRender(page, () => page.locator('.hit-link').first().click());
  assert.ok(params(page).get('article'), 'article in the URL');
  assert.equal(params(page).get('q'), 'ukraine', 'the search stays in the URL');
  assert.equal(await text(page, 'h1:visible'), firstTitle);
  assert.ok(await page.locator('#search-view').isHidden());
  assert.ok((await count(page, '.article-body p')) >= 2, 'paragraphs');
  assert.match(await text(page, '.article-meta'), /\d{4}/);
  assert.match(await text(page, '.article-authors'), /^Par /);
  assert.ok((await count(page, '.related-item')) > 0, 'related coverage');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus moves to the title');
  await shot(page, 'desktop-article');
  // Related article, then Back twice.
  const firstId = params(page).get('article');
  const relatedTitle = await text(page, '.related-item a');
  await andRender(page, () => page.locator('.related-item a').first().click());
  assert.notEqual(params(page).get('article'), firstId);
  assert.equal(await text(page, 'h1:visible'), relatedTitle);
  await andRender(page, () => page.goBack());
  assert.equal(params(page).get('article'), firstId);
  assert.equal(await text(page, 'h1:visible'), firstTitle);
  await andRender(page, () => page.goBack());
  assert.equal(params(page).get('article'), null);
  assert.ok(await page.locator('#article-view').isHidden());
  assert.equal(await text(page, '.hit-link'), firstTitle);
  await andRender(page, () => page.goForward());
  assert.equal(params(page).get('article'), firstId);
  // The back link.
  await andRender(page, () => page.locator('.back').click());
  assert.equal(params(page).get('article'), null);
  assert.equal(params(page).get('q'), 'ukraine');
});

scenario('Back and Forward move through earlier searches', async (page) => {
  await open(page, '');
  for (const q of ['ukraine', 'climat']) {
    await page.locator('#q').fill(q);
    await andRender(page, () => page.locator('#q').press('Enter'));
  }
  await andRender(page, () => page.locator('.sort select').selectOption('date'));
  assert.equal(params(page).get('sort'), 'date');
  await andRender(page, () => page.goBack());
  assert.equal(params(page).get('sort'), null);
  assert.equal(await page.locator('.sort select').inputValue(), 'relevance');
  await andRender(page, () => page.goBack());
  assert.equal(params(page).get('q'), 'ukraine');
  assert.equal(await page.locator('#q').inputValue(), 'ukraine');
  assert.match(await text(page, '#status'), /« ukraine »/);
  await andRender(page, () => page.goForward());
  assert.equal(await page.locator('#q').inputValue(), 'climat');
  assert.match(await text(page, '#status'), /« climat »/);
});

scenario('a copied link reproduces the whole view', async (page) => {
  await open(page, '?q=ukraine&section=International&from=2022-01&to=2022-02&sort=date&page=2');
  assert.equal(await page.locator('#q').inputValue(), 'ukraine');
  assert.ok(await page.locator('.facet-value', { hasText: 'International' }).locator('input').isChecked());
  assert.equal(await page.locator('.sort select').inputValue(), 'date');
  assert.equal(await text(page, '.page-current'), '2');
  assert.equal(await count(page, '.chip'), 2);
  assert.equal(await page.locator('ol.hits').getAttribute('start'), '11');
  const dates = await hitDates(page);
  assert.ok(dates.length > 0 && dates.every((d) => d >= '2022-01' && d < '2022-03'), dates.join(','));
  assert.deepEqual([...dates].sort().reverse(), dates, 'newest first');
  // The pager.
  const before = await text(page, '.hit-link');
  await andRender(page, () => page.locator('.page-next').click());
  assert.equal(params(page).get('page'), '3');
  assert.notEqual(await text(page, '.hit-link'), before);
  await andRender(page, () => page.locator('.page-number', { hasText: /^1$/ }).click());
  assert.equal(params(page).get('page'), null);
});

scenario('suggestions appear while typing and are chosen with the keyboard', async (page) => {
  await open(page, '');
  const input = page.locator('#q');
  await input.click();
  await page.keyboard.type('ukr', { delay: 60 });
  await page.locator('#suggestions [role=option]').first().waitFor();
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  const queries = await page.locator('#suggestions .suggestion-query').allInnerTexts();
  assert.ok(queries.length >= 2, `completions: ${queries}`);
  assert.ok((await count(page, '#suggestions .suggestion-article')) > 0, 'article titles');
  await shot(page, 'desktop-suggestions', { keepFocus: true });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  const active = await input.getAttribute('aria-activedescendant');
  assert.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true');
  const chosen = (await page.locator(`#${active} .suggestion-text`).innerText()).trim();
  const promised = Number((await page.locator(`#${active} .suggestion-count`).innerText()).replace(/\D/g, ''));
  assert.equal(chosen, queries[0].split('\n')[0].trim());
  await andRender(page, () => page.keyboard.press('Enter'));
  assert.equal(params(page).get('q'), chosen);
  assert.equal(await total(page), promised, 'a completion shows the number of results it gives');
  assert.ok(await page.locator('#suggestions').isHidden());
  // Escape closes the list without searching.
  await input.fill('');
  await page.keyboard.type('macro', { delay: 60 });
  await page.locator('#suggestions [role=option]').first().waitFor();
  assert.ok((await count(page, '#suggestions [role=option]')) <= 8, 'at most 8 options');
  const lines = await page.locator('#suggestions .suggestion-article .suggestion-text').evaluateAll((els) =>
    els.map((e) => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight || '20')));
  assert.ok(lines.length && lines.every((n) => n < 1.5), `titles on one line: ${lines}`);
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('#suggestions').isHidden());
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  assert.equal(params(page).get('q'), chosen, 'Escape does not search');
  // ArrowDown reopens; an article suggestion opens the article.
  await page.keyboard.press('ArrowDown');
  await page.locator('#suggestions [role=option]').first().waitFor();
  const options = await page.locator('#suggestions [role=option]').evaluateAll((els) => els.map((e) => e.classList.contains('suggestion-article')));
  const target = options.indexOf(true);
  assert.ok(target >= 0);
  for (let i = 0; i <= target; i++) await page.keyboard.press('ArrowDown');
  const title = await page.locator('#suggestions [aria-selected=true] .suggestion-text').innerText();
  await andRender(page, () => page.keyboard.press('Enter'));
  assert.ok(params(page).get('article'));
  assert.equal(await text(page, 'h1:visible'), title);
});

scenario('no results: the hits of the correction, said so', async (page) => {
  await open(page, '?q=ukrane');
  assert.match(await text(page, '#status'), /^Aucun résultat pour « ukrane » : \d+ résultats? pour « ukraine »/);
  assert.match(await text(page, '.did-you-mean'), /Aucun article ne correspond à « ukrane » ; voici les résultats pour ukraine/);
  assert.ok((await count(page, '.hit')) > 0);
  const link = page.locator('.did-you-mean .suggestion-link');
  assert.equal(await link.innerText(), 'ukraine');
  await shot(page, 'desktop-corrected');
  await andRender(page, () => link.click());
  assert.equal(params(page).get('q'), 'ukraine');
  assert.ok((await count(page, '.hit')) > 0);
  // Nothing to correct: nothing found, and tips.
  await open(page, '?q=xqzwvk');
  assert.match(await text(page, '#status'), /^Aucun résultat pour « xqzwvk »/);
  assert.match(await text(page, '.empty'), /Aucun article ne correspond/);
  await shot(page, 'desktop-no-results');
});

scenario('ordinary typing never fails: what was left out is said in French', async (page) => {
  for (const [q, left] of [['(ukraine', '« ( » ignoré'], ['Kim Jong-un AND', '« AND » ignoré'], ['Macron OR', '« OR » ignoré'],
    ['prix Goncourt 2021)', '« ) » ignoré'], ['NOT', '« NOT » ignoré'], ['ukraine NOT', '« NOT » ignoré']]) {
    await open(page, '?q=' + encodeURIComponent(q));
    assert.equal(await count(page, '.error'), 0, q);
    assert.ok(await text(page, '.query-notice').then((t) => t.startsWith(left)), q);
    assert.ok((await count(page, '.hit')) > 0, q);
  }
  await shot(page, 'desktop-query-notice');
});

scenario('French typography: 1er, guillemets once, long queries cut', async (page) => {
  await open(page, '?q=ukraine&from=2022-02-01&to=2022-02-01');
  assert.match(await text(page, '.chip-period'), /Période : 1er février 2022/);
  // The chart (months) marks the bar that holds the chosen day, as partly chosen.
  const marked = await page.locator('#histogram .bar[aria-pressed="mixed"]').evaluateAll((els) => els.map((e) => e.dataset.value));
  assert.deepEqual(marked, ['2022-02']);
  assert.equal(await count(page, '#histogram .bar[aria-pressed="true"]'), 0);
  await open(page, '?q=' + encodeURIComponent('« Macron »'));
  assert.match(await text(page, '#status'), /pour « Macron »$/);
  const long = Array(40).fill('retraites').join(' ');
  await open(page, '?q=' + encodeURIComponent(long));
  const status = await text(page, '#status');
  assert.ok(status.includes('…') && status.length < 120, status);
});

scenario('an article\'s text is shown once: its summary only when it says something else', async (page) => {
  await open(page, '?article=CNT000001rj370');  // the summary is the body's first lines
  assert.equal(await count(page, '.article-summary'), 0);
  assert.ok((await count(page, '.article-body p')) > 0);
  await open(page, '?article=lm-6108887');  // a summary of its own
  assert.equal(await count(page, '.article-summary'), 1);
  // The summary is the whole text, the body its first half: the text once, whole.
  await open(page, '?article=CNT000001rj038');
  assert.equal(await count(page, '.article-summary'), 0);
  const shown = await text(page, '.article');
  const times = (s) => shown.split(s).length - 1;
  assert.equal(times('Selon les informations du Canard enchaîné'), 1, 'the start once');
  assert.equal(times('Claire Chazal, qui présente des émissions culturelles'), 1, 'the summary\'s rest after the body');
});

scenario('a single page of hits has no pager and no "null"', async (page) => {
  await open(page, '?q=Romney');
  const n = await count(page, '.hit');
  assert.ok(n > 0 && n <= 10, `${n} hits`);
  assert.equal(await count(page, '.pager'), 0);
  assert.ok(!(await text(page, '#results')).includes('null'));
});

scenario('API errors show the message of the JSON body; a missing article or entity is said in French', async (page) => {
  page.allowedConsole.push(/status of 400/);
  await open(page, '?q=ukraine&from=pas-une-date');
  assert.match(await text(page, '.error[role=alert]'), /La recherche a échoué/);
  await shot(page, 'desktop-error');
  assert.match(await text(page, '.error-message'), /'from'.*is not a date/);
  page.allowedConsole.push(/status of 404/);
  await open(page, '?article=no-such-article');
  assert.match(await text(page, '.error'), /Article introuvable/);
  assert.match(await text(page, '.error-message'), /^Aucun article n’a l’identifiant « no-such-article »/);
  await open(page, '?entity_page=p:personne-inconnue');
  assert.match(await text(page, '.error'), /Entité introuvable/);
  assert.match(await text(page, '.error-message'), /^Aucune personne, aucun lieu ni aucune organisation n’a l’identifiant « p:personne-inconnue »/);
});

scenario('loading state while the API answers', async (page) => {
  await open(page, '');
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/api/v1/search?*', async (route) => {
    await held;
    await route.continue();
  });
  await page.locator('#q').fill('climat');
  await page.locator('#q').press('Enter');
  await page.locator('#search-view.is-loading').waitFor({ timeout: 5000 });
  assert.equal(await page.locator('#search-view').getAttribute('aria-busy'), 'true');
  assert.equal(await text(page, '#status'), 'Recherche en cours…');
  await andRender(page, async () => release());
  assert.ok(!(await page.locator('#search-view').getAttribute('class')).includes('is-loading'));
  assert.match(await text(page, '#status'), /climat/);
});

scenario('article text is escaped: only <mark> is ever markup', async (page) => {
  // A real title with "<" in it: "I <3 NY".
  await open(page, '?q=Milton+Glaser');
  const title = await text(page, '.hit-link');
  assert.match(title, /I <3 NY/);
  assert.deepEqual(await onlyMarks(page), []);
  await andRender(page, () => page.locator('.hit-link').first().click());
  assert.match(await text(page, 'h1:visible'), /I <3 NY/);
  // A body with "<" stays text in the article view (the importers drop the
  // code that interactive pages leave, "-->" included: boilerplate.h).
  await open(page, '?article=CNT000001rbBUf');
  assert.match(await page.locator('.article-body').innerText(), /I <3 NY/);
  // Paragraphs, and the quotes the indexer found marked as text spans.
  assert.equal(await page.locator('.article-body *:not(p):not(span.quote)').count(), 0);
  assert.equal(await page.locator('.article-body span.quote *').count(), 0);
  // A query with markup is echoed as text.
  await open(page, `?q=${encodeURIComponent('<img src=x id=xss> <script>window.pwned=1</script>')}`);
  assert.match(await text(page, '#status'), /<script>/);
  assert.equal(await page.evaluate(() => document.querySelectorAll('#xss, #main script').length + (window.pwned ? 1 : 0)), 0);
  // Many searches: snippets and titles hold nothing but <mark>.
  for (const q of ['ukraine', 'covid', 'élection présidentielle', 'football', 'tableau de bord']) {
    await open(page, `?q=${encodeURIComponent(q)}`);
    assert.deepEqual(await onlyMarks(page), [], q);
  }
  // Marks fall on whole words, accents included.
  await open(page, '?q=elysee');
  assert.ok((await page.locator('.hit mark').allTextContents()).includes('Élysée'), 'Élysée marked for "elysee"');
  // The renderer itself, given text with markup in it and ranges in code
  // points (the emoji is one code point but two UTF-16 units).
  const result = await page.evaluate(async () => {
    const { marked } = await import('/js/dom.js');
    const div = document.createElement('div');
    const text = '🗞 Élysée <img src=x onerror="window.pwned=1"> &amp; <script>x</script> l’Élysée';
    div.append(marked({ text, marks: [[2, 8], [73, 79]] }));
    return {
      tags: [...div.querySelectorAll('*')].map((e) => e.tagName),
      marks: [...div.querySelectorAll('mark')].map((e) => e.textContent),
      same: div.textContent === text,
      pwned: Boolean(window.pwned),
    };
  });
  assert.deepEqual(result.tags, ['MARK', 'MARK']);
  assert.deepEqual(result.marks, ['Élysée', 'Élysée']);
  assert.ok(result.same, 'the text is shown as it is');
  assert.equal(result.pwned, false);
});

scenario('versions of one text are one hit, listed on the article', async (page) => {
  // Two AFP dispatches of 3 June 2020 in the slice: "… pour 11 suspects",
  // then "… pour 12 suspects".
  const pair = ['CNT000001qCcZK', 'CNT000001qCtdA'];
  await open(page, '?q=Kardashian+braquage+assises+suspects');
  assert.equal(await text(page, '#status'), '2 résultats pour « Kardashian braquage assises suspects » (1 version regroupée)');
  const ids = await page.locator('.hit-link').evaluateAll((links) =>
    links.map((a) => new URLSearchParams(a.getAttribute('href').split('?')[1]).get('article')));
  const shown = ids.filter((id) => pair.includes(id));
  assert.equal(shown.length, 1, `one of the two dispatches: ${ids}`);
  const hit = page.locator('.hit').nth(ids.indexOf(shown[0]));
  assert.equal((await hit.locator('.hit-versions').innerText()).trim(), '1 autre version');
  await shot(page, 'desktop-versions-hit');
  await andRender(page, () => hit.locator('.hit-versions').click());
  const other = pair.find((id) => id !== shown[0]);
  assert.equal(await page.locator('#versions-title').textContent(), 'Autres versions de ce texte');
  const listed = await page.locator('.versions a').evaluateAll((links) =>
    links.map((a) => new URLSearchParams(a.getAttribute('href').split('?')[1]).get('article')));
  assert.deepEqual(listed, [other]);
  await shot(page, 'desktop-versions-article');
});

scenario('stories: the search names them, the article shows its timeline (desktop and phone)', async (page) => {
  // The slice's first three Le Monde articles on a policeman sought after
  // his companion was found dead (29 January, 31 January, 3 February 2022).
  const affair = ['lm-6111525', 'lm-6111635', 'lm-6112166'];
  await open(page, '?q=policier+compagne+recherch%C3%A9');
  await page.waitForSelector('#stories:not([hidden]) .stories-item');
  const told = await page.locator('.stories-item .related-meta').allInnerTexts();
  assert.ok(told.some((t) => t.startsWith('3 articles sur cette histoire')), `stories: ${told}`);
  const hitStory = page.locator('.hit-story', { hasText: '3 articles sur cette histoire' }).first();
  await hitStory.waitFor();
  await shot(page, 'desktop-stories-search');
  await andRender(page, () => hitStory.click());
  assert.equal(await page.locator('#story-title').textContent(), 'Le fil de l’histoire');
  const listed = await page.locator('.story-article').evaluateAll((items) => items.map((li) => {
    const a = li.querySelector('a');
    return a ? new URLSearchParams(a.getAttribute('href').split('?')[1]).get('article') : 'current';
  }));
  assert.equal(listed.length, 3, `timeline: ${listed}`);
  assert.equal(listed.filter((x) => x === 'current').length, 1);
  const current = page.locator('.story-article[aria-current="true"]');
  assert.match(await current.innerText(), /^Cet article/i);
  const linked = listed.filter((x) => x !== 'current');
  assert.ok(linked.every((id) => affair.includes(id)), `linked: ${linked}`);
  const dates = await page.locator('.story-date').evaluateAll((t) => t.map((x) => x.getAttribute('datetime')));
  assert.deepEqual(dates, ['2022-01-29', '2022-01-31', '2022-02-03']);
  await shot(page, 'desktop-story-article');
  // The keyboard reaches the other articles of the story.
  await page.locator('.story-article a').first().focus();
  assert.equal(await page.evaluate(() => document.activeElement.closest('.story-timeline') !== null), true);
  // On a phone the timeline fits the width.
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `sideways scroll of ${overflow} px`);
  await page.locator('#story-title').scrollIntoViewIfNeeded();
  await shot(page, 'phone-story-article');
});

scenario('a filter written otherwise in a link ticks its facet value, and unticking removes it', async (page) => {
  await open(page, '?q=ukraine&section=international');
  const row = page.locator('.facet[data-facet="section"] .facet-value', { has: page.locator('.facet-name', { hasText: /^International$/ }) });
  assert.equal(await row.count(), 1, 'one row, the facet\'s spelling');
  assert.equal(await row.locator('input').isChecked(), true);
  assert.ok(!(await text(page, '.facet[data-facet="section"]')).includes('–'), 'no row without a count');
  await andRender(page, () => row.locator('input').click());
  assert.equal(params(page).get('section'), null);
});

scenario('facet groups: "afficher plus" and the filter box', async (page) => {
  await open(page, '');
  const tags = page.locator('.facet[data-facet="tag"]');
  assert.equal(await tags.locator('.facet-value').count(), 8);
  await andRender(page, () => tags.locator('.facet-more').click());
  assert.ok((await tags.locator('.facet-value').count()) > 12, 'more tags');
  assert.equal(await tags.locator('.facet-more').getAttribute('aria-expanded'), 'true');
  const filter = tags.locator('.facet-filter');
  await filter.fill('poli');
  const visible = await tags.locator('.facet-value:visible .facet-name').allInnerTexts();
  assert.ok(visible.length > 0 && visible.every((v) => /poli/i.test(v.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))), visible.join(','));
  await shot(page, 'desktop-facet-more');
  // Ticking a filtered value keeps the group open.
  await andRender(page, () => tags.locator('.facet-value:visible label').first().click());
  assert.equal(params(page).getAll('tag').length, 1);
  await andRender(page, () => tags.locator('.facet-more').click());
  assert.ok((await tags.locator('.facet-value').count()) <= 9);
  assert.equal(await tags.locator('.facet-value input:checked').count(), 1, 'the ticked tag still shows');
});

scenario('checkbox ids come from the group and the value, the same on every load', async (page) => {
  const ids = () => page.locator('#facets input[type=checkbox]').evaluateAll((els) => els.map((e) => e.id));
  await open(page, '');
  const first = await ids();
  assert.ok(first.length > 8, 'checkboxes in the sidebar');
  assert.equal(new Set(first).size, first.length, 'unique ids');
  for (const id of first) assert.match(id, /^f-[a-z0-9-]+$/);
  const orphans = await page.locator('#facets label[for]').evaluateAll((labels) => labels.filter((l) => !l.control).length);
  assert.equal(orphans, 0, 'every label names its checkbox');
  await open(page, '');
  assert.deepEqual(await ids(), first);
  // Values that read alike once folded, or without a letter to keep.
  const made = await page.evaluate(async () => {
    const { renderFacets } = await import('/js/facets.js');
    const { stateFromUrl } = await import('/js/state.js');
    const div = document.createElement('div');
    const values = [{ value: 'Économie', count: 3 }, { value: 'economie', count: 2 }, { value: 'économie !', count: 1 }, { value: '日本', count: 1 }];
    renderFacets(div, stateFromUrl(''), { tag: { values } }, { onToggle() {}, onExpand() {} });
    return [...div.querySelectorAll('input')].map((e) => e.id);
  });
  assert.deepEqual(made, ['f-tag-economie', 'f-tag-economie-2', 'f-tag-economie-3', 'f-tag-v']);
});

// The first article of a search that names entities, opened.
async function openArticleWithEntities(page, q) {
  await open(page, `?q=${encodeURIComponent(q)}`);
  const hrefs = await page.locator('.hit-link').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
  for (const href of hrefs) {
    await open(page, href);
    if (await count(page, '.entity-chip')) return;
  }
  assert.fail(`no article of "${q}" names an entity`);
}

scenario('an entity chip of an article filters the search on it', async (page) => {
  await openArticleWithEntities(page, 'macron');
  assert.ok((await count(page, '.article-entities .entity-group')) >= 1, 'entity groups');
  const groups = await page.locator('.entity-group-title').allInnerTexts();
  assert.ok(groups.every((g) => ['Personnes', 'Lieux', 'Organisations'].includes(g)), groups.join(','));
  const chipLink = page.locator('.entity-chip').first();
  const id = await chipLink.getAttribute('data-entity');
  const name = await chipLink.innerText();
  await andRender(page, () => chipLink.click());
  assert.deepEqual(params(page).getAll('entity'), [id]);
  assert.equal(params(page).get('article'), null);
  assert.ok(await page.locator('#search-view').isVisible());
  const n = await total(page);
  assert.ok(n > 0, 'articles naming the entity');
  assert.match(await text(page, '.chip'), new RegExp(`^(Personne|Lieu|Organisation) : ${escapeRe(name)}`));
  const shown = await facetCount(page, 'entity', name);
  if (shown !== null) assert.equal(n, shown, 'the total is the count of the entity facet');
  assert.ok(await page.locator(`.facet[data-facet="entity"] input[data-focus-key="facet:entity:${id}"]`).isChecked());
  await shot(page, 'desktop-entity-filter');
});

scenario('ticking a person in the facet sidebar filters hits', async (page) => {
  await open(page, '?q=ukraine');
  const all = await total(page);
  const firstBefore = await text(page, '.hit-link');
  const people = page.locator('.facet[data-facet="entity"][data-type="person"]');
  assert.equal(await people.locator('.facet-title').textContent(), 'Personnes');
  assert.ok((await count(page, '.facet[data-facet="entity"][data-type="place"]')) > 0, 'a group of places');
  assert.ok((await people.locator('.facet-value').count()) > 0, 'people in the facet');
  const name = await people.locator('.facet-name').first().innerText();
  const n = await facetCount(page, 'entity', name);
  assert.ok(n > 0 && n < all, `${name}: ${n} of ${all}`);
  await andRender(page, () => people.locator('.facet-value label').first().click());
  const ids = params(page).getAll('entity');
  assert.equal(ids.length, 1);
  assert.match(ids[0], /^p:/);
  assert.equal(await total(page), n, 'the total is the count the checkbox showed');
  assert.notEqual(`${await total(page)} ${await text(page, '.hit-link')}`, `${all} ${firstBefore}`, 'the hits change');
  assert.match(await text(page, '.chip'), new RegExp(`^Personne : ${escapeRe(name)}`));
  assert.equal(params(page).get('q'), 'ukraine');
  // Unticking with the keyboard.
  const box = people.locator('input:checked').first();
  await box.focus();
  await andRender(page, () => page.keyboard.press('Space'));
  assert.equal(params(page).getAll('entity').length, 0);
  assert.equal(await total(page), all);
});

scenario('an entity page: name, chart, latest articles; Back returns', async (page) => {
  await openArticleWithEntities(page, 'macron');
  const articleId = params(page).get('article');
  const articleTitle = await text(page, 'h1:visible');
  const link = page.locator('.entity-page-link').first();
  const id = await link.getAttribute('data-entity');
  const name = await page.locator('.entity-chip').first().innerText();
  await link.focus();
  await andRender(page, () => page.keyboard.press('Enter'));
  assert.equal(params(page).get('entity_page'), id);
  assert.ok(await page.locator('#article-view').isHidden());
  assert.equal(await text(page, 'h1:visible'), name);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus moves to the name');
  assert.match(await text(page, '.entity-type'), /^(Personne|Lieu|Organisation)$/);
  const cited = Number((await text(page, '.entity-count')).replace(/\D/g, ''));
  assert.ok(cited > 0, 'an article count');
  assert.ok((await count(page, '.entity-histogram .bar')) > 0, 'bars of articles per month');
  const months = await page.locator('.entity-histogram .bar').evaluateAll((els) => els.map((e) => e.dataset.value));
  assert.ok(months.every((m) => /^\d{4}-\d{2}$/.test(m)), months.join(','));
  assert.ok((await count(page, '.entity-latest .related-item')) > 0, 'latest articles');
  assert.equal(await page.title(), `${name} — Gazette`);
  await shot(page, 'desktop-entity');
  // A latest article, then Back to the entity page and to the article.
  const latestTitle = await text(page, '.entity-latest .related-item a');
  await andRender(page, () => page.locator('.entity-latest .related-item a').first().click());
  assert.equal(params(page).get('entity_page'), null);
  assert.ok(params(page).get('article'));
  assert.equal(await text(page, 'h1:visible'), latestTitle);
  await andRender(page, () => page.goBack());
  assert.equal(params(page).get('entity_page'), id);
  assert.equal(await text(page, 'h1:visible'), name);
  await andRender(page, () => page.goBack());
  assert.equal(params(page).get('entity_page'), null);
  assert.equal(params(page).get('article'), articleId);
  assert.equal(await text(page, 'h1:visible'), articleTitle);
  await andRender(page, () => page.goForward());
  // A co-occurring entity's page.
  if (await count(page, '.cooccurring-link')) {
    const other = await page.locator('.cooccurring-link').first().getAttribute('data-entity');
    await andRender(page, () => page.locator('.cooccurring-link').first().click());
    assert.equal(params(page).get('entity_page'), other);
    await andRender(page, () => page.goBack());
  }
  // "Rechercher dans ses articles".
  await andRender(page, () => page.locator('.entity-search').click());
  assert.deepEqual(params(page).getAll('entity'), [id]);
  assert.equal(params(page).get('entity_page'), null);
  assert.equal(await total(page), cited, 'the search finds the articles the page counts');
  // An unknown entity.
  page.allowedConsole.push(/status of 404/);
  await open(page, '?entity_page=p:personne-inconnue-xyz');
  assert.match(await text(page, '.error'), /Entité introuvable/);
});

scenario('the search offers itself as an Atom feed', async (page) => {
  await open(page, '?q=ukraine&section=International');
  const href = await page.locator('#feed-link').getAttribute('href');
  assert.equal(href, '/api/v1/search.atom?q=ukraine&section=International');
  assert.equal(await page.locator('link[rel=alternate][type="application/atom+xml"]').getAttribute('href'), href);
  const feed = await page.request.get(new URL(href, base).toString());
  assert.equal(feed.status(), 200);
  assert.match(feed.headers()['content-type'], /^application\/atom\+xml/);
  const xml = await feed.text();
  const entries = xml.match(/<entry>/g) || [];
  assert.ok(entries.length > 0, 'the feed has the search\'s articles');
  assert.ok(xml.includes('<category term="International"/>'), 'each entry has its section');
  // Another search, another feed.
  await open(page, '?q=inflation');
  assert.equal(await page.locator('#feed-link').getAttribute('href'), '/api/v1/search.atom?q=inflation');
});

scenario('who said what: the quotes of a search, each at its place in its article', async (page) => {
  await open(page, '?q=ukraine');
  await andRender(page, () => page.locator('#quotes-toggle').click());
  assert.equal(params(page).get('view'), 'quotes');
  assert.equal(params(page).get('q'), 'ukraine');
  assert.match(await text(page, '#status'), /^Citations pour « ukraine » dans \d+ articles?$/);
  const items = page.locator('.quote-results .quote-item');
  assert.ok((await items.count()) > 0, 'quotes are listed');
  const quoted = (await items.first().locator('.quote-text').innerText()).replace(/^« | »$/g, '');
  const link = items.first().locator('.quote-article');
  const href = await link.getAttribute('href');
  assert.match(href, /[?&]article=[^&#]+.*#citation-\d+$/);
  assert.ok(await page.locator('#sidebar').isHidden(), 'no empty filters column');
  assert.equal(await page.locator('#sort').inputValue(), 'date', 'quotes come newest first, and the menu says so');
  await shot(page, 'desktop-quotes');
  // "Plus de citations": the focus goes to the first new quote.
  const more = page.locator('.more-quotes');
  assert.ok(await more.isVisible(), 'more quotes than one page');
  const before = await items.count();
  await more.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.quote-results .quote-item').length > n, before);
  await page.waitForFunction((n) => document.activeElement === document.querySelectorAll('.quote-results .quote-item')[n], before);
  // The quote's place: marked in the article, focused.
  await andRender(page, () => link.click());
  const id = href.split('#')[1];
  const mark = page.locator(`#${id}`);
  assert.equal(await mark.innerText(), quoted);
  assert.equal(await page.evaluate(() => document.activeElement.id), id, 'the quote has the focus');
  // Back: the quotes again; the toggle goes back to the articles.
  await andRender(page, () => page.goBack());
  assert.equal(params(page).get('view'), 'quotes');
  await andRender(page, () => page.locator('#quotes-toggle').click());
  assert.equal(params(page).get('view'), null);
  assert.ok((await count(page, '.hit')) > 0, 'the articles again');
});

scenario('an entity page lists what the entity is quoted as saying', async (page) => {
  await open(page, '?q=ukraine&view=quotes');
  const speaker = page.locator('.quote-results a.quote-speaker').first();
  assert.ok((await speaker.count()) > 0, 'a quote with a known speaker');
  const name = await speaker.innerText();
  await andRender(page, () => speaker.click());
  assert.equal(await text(page, 'h1:visible'), name);
  assert.ok((await count(page, '.entity-quotes .quote-item')) > 0, 'the entity page lists quotes');
  await shot(page, 'desktop-entity-quotes');
});

scenario('phone (375 px): the entity page fits', async (page) => {
  await openArticleWithEntities(page, 'macron');
  await page.locator('.article-entities').scrollIntoViewIfNeeded();
  await shot(page, 'phone-article-entities');
  await andRender(page, () => page.locator('.entity-page-link').first().click());
  assert.ok((await count(page, '.entity-histogram .bar')) > 0);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll');
  const narrowest = await barWidth(page, '.entity-histogram .bar');
  assert.ok(narrowest >= 24, `a bar of ${narrowest} px`);
  page.note = `phone: the entity page's narrowest bar is ${narrowest.toFixed(1)} px`;
  await shot(page, 'phone-entity');
}, PHONE);

// The narrowest of the bars, in CSS pixels.
const barWidth = (page, selector) =>
  page.locator(selector).evaluateAll((bars) => Math.min(...bars.map((b) => b.getBoundingClientRect().width)));

scenario('phone (375 px): the charts group their bars into touch targets of 24 px or more', async (page) => {
  await open(page, '');
  const home = await barWidth(page, '#histogram .bar');
  assert.ok(home >= 24, `home: a bar of ${home} px`);
  await shot(page, 'phone-chart');
  // An entity's months, grouped: a bar chooses every month of its span.
  await openArticleWithEntities(page, 'macron');
  await andRender(page, () => page.locator('.entity-page-link').first().click());
  const months = await page.evaluate(async (id) => (await fetch(`/api/v1/entities/${encodeURIComponent(id)}`).then((r) => r.json())).per_month.length,
    params(page).get('entity_page'));
  const bars = await count(page, '.entity-histogram .bar');
  assert.ok(months > bars, `${months} months in ${bars} bars`);
  assert.ok((await barWidth(page, '.entity-histogram .bar')) >= 24);
  const labels = await page.locator('.entity-histogram .bar').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  const wide = labels.findIndex((l) => / – /.test(l));
  assert.ok(wide >= 0, `a grouped bar names its span: ${labels.join(' | ')}`);
  // Turned sideways, finer bars (still 24 px or more).
  await page.setViewportSize({ width: 812, height: 375 });
  await page.waitForFunction((n) => document.querySelectorAll('.entity-histogram .bar').length > n, bars);
  assert.ok((await barWidth(page, '.entity-histogram .bar')) >= 24);
  await page.setViewportSize(PHONE);
  await page.waitForFunction((n) => document.querySelectorAll('.entity-histogram .bar').length === n, bars);
  await andRender(page, () => page.locator('.entity-histogram .bar').nth(wide).click());
  assert.notEqual(params(page).get('from'), params(page).get('to'), 'the span of the bar');
  page.note = `phone: the home chart's narrowest bar is ${home.toFixed(1)} px; an entity's ${months} months in ${bars} bars`;
}, PHONE);


scenario('phone (375 px): readable, no sideways scroll, filters behind a button', async (page) => {
  const noOverflow = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await open(page, '');
  assert.ok(await noOverflow(), 'home fits');
  await shot(page, 'phone-home');
  await open(page, '?q=ukraine');
  assert.ok(await noOverflow(), 'results fit');
  assert.ok(await page.locator('#sidebar').isHidden());
  await shot(page, 'phone-search');
  // The filters: a sheet over the results, closed by its button.
  await page.locator('#filters-toggle').click();
  assert.ok(await page.locator('#sidebar').isVisible());
  assert.equal(await page.locator('#filters-toggle').getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#sidebar').getAttribute('aria-modal'), 'true');
  const sheet = await page.locator('#sidebar').boundingBox();
  assert.ok(sheet.y <= 0 && sheet.height >= 740, `the sheet covers the screen: ${JSON.stringify(sheet)}`);
  assert.ok(await page.locator('#sheet-apply').isVisible(), 'its button shows without scrolling');
  await andRender(page, () => page.locator('.facet-value label', { hasText: 'International' }).first().click());
  assert.ok(await page.locator('#sidebar').isVisible(), 'the sheet stays open while filters are ticked');
  const n = await total(page);
  assert.equal(await text(page, '#sheet-apply'), `Voir les ${n.toLocaleString('fr-FR')} résultats`.replace(/\u202f/g, '\u202f'));
  await shot(page, 'phone-filters');
  await page.locator('#sheet-apply').click();
  assert.ok(await page.locator('#sidebar').isHidden());
  assert.equal(await page.evaluate(() => document.activeElement.id), 'results-title');
  assert.match(await text(page, '#filters-toggle'), /Filtres \(1\)/);
  // Escape closes it too, the focus back on its button.
  await page.locator('#filters-toggle').click();
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('#sidebar').isHidden());
  assert.equal(await page.evaluate(() => document.activeElement.id), 'filters-toggle');
  await andRender(page, () => page.locator('.hit-link').first().click());
  assert.ok(await noOverflow(), 'article fits');
  await shot(page, 'phone-article');
  await page.locator('.related').scrollIntoViewIfNeeded();
  await shot(page, 'phone-related');
}, PHONE);

// ---- the run ----

async function main() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-chromium-'));
  fs.mkdirSync(shotsDir, { recursive: true });
  for (const f of fs.readdirSync(shotsDir)) if (/^failed-.*\.png$/.test(f)) fs.rmSync(path.join(shotsDir, f));
  let passed = 0;
  let failed = 0;
  const notes = [];
  try {
    base = await startServer();
    console.log(`gazette-serve at ${base} (index ${dbDir}, page ${webDir})`);
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: DESKTOP, locale: 'fr-FR',
    });
    await context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    for (const s of scenarios) {
      if (only.length && !only.some((o) => s.name.includes(o))) continue;
      const page = await newPage(s.viewport);
      const started = Date.now();
      try {
        let timer;
        await Promise.race([
          s.fn(page),
          new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${SCENARIO_MS / 1000} s`)), SCENARIO_MS); }),
        ]).finally(() => clearTimeout(timer));
        const csp = await page.evaluate(() => window.__csp || []);
        if (csp.length) page.problems.push(...csp.map((c) => `CSP violation: ${c}`));
        if (page.problems.length) throw new Error(page.problems.join('\n'));
        passed++;
        console.log(`ok   ${s.name} (${Date.now() - started} ms)`);
        if (page.note) notes.push(page.note);
      } catch (e) {
        failed++;
        console.log(`FAIL ${s.name} (${Date.now() - started} ms)\n     ${String(e.stack || e).split('\n').slice(0, 6).join('\n     ')}\n     at URL ${page.url()}`);
        try {
          await shot(page, `failed-${scenarios.indexOf(s) + 1}`);
        } catch { /* the page may be gone */ }
      } finally {
        await page.close().catch(() => {});
      }
    }
  } catch (e) {
    failed++;
    console.log(`FAIL setup: ${e.stack || e}`);
  } finally {
    if (context) await context.close().catch(() => {});
    await stopServer();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  for (const n of notes) console.log(n);
  console.log(`screenshots in ${shotsDir}`);
  finish(passed, failed);
}

await main();
