// End-to-end test of the built page (dist/) in headless Chromium, against the CLI's figures.
// Run: node tests/e2e/e2e.mjs   (or `make e2e`). Prints every check; exits 1 on any failure.
//
// What counts as "a request": every request Playwright reports for the browser context (the
// page, its frames and its dedicated worker) plus every request our own server receives.
// `blob:` and `data:` URLs are NOT network: the page's downloads (JSON, CSV, PNG) are made from
// `blob:` URLs of its own origin, which never leave the browser. They are listed, never failed.
// Anything else -- another origin, or any request to our own server once files are chosen --
// fails the test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  ROOT, DIST, CLI, SUB_PATH, serve, launch, cli, synth, at, thousands, percentText, waitForMark, waitWorkerReady, openPage,
  waitOfflineCopy, pageRequests,
} from './common.mjs';

const SHOTS = path.join(ROOT, 'target', 'e2e-shots');
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const SECTIONS = ['headlines', 'reviews', 'in-care', 'flows', 'stability', 'data-quality'];
const FIGURE_PATHS = [
  'cla_at_31_march.total', 'started', 'ceased.total', 'reviews.held', 'reviews.on_time', 'reviews.late',
  'reviews.not_assessable', 'reviews.overdue_at_year_end', 'cla_at_31_march.three_plus_placements',
  'cla_at_31_march.distance.over_20_miles', 'cla_at_31_march.uasc',
];
const TABLES = [
  'reviews-by-month', 'review-participation', 'age-and-sex', 'ethnicity', 'legal-status', 'placement-type',
  'distance-from-home', 'leavers-by-reason', 'looked-after-each-month', 'files-loaded',
];
const WIDTHS = [1280, 768];

let failures = 0;
let passes = 0;
function check(name, ok, detail = '') {
  if (ok) passes++;
  else failures++;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? `  -- ${detail}` : ''}`);
  return ok;
}
function note(text) {
  console.log(`      ${text}`);
}

/// Where two JSON values differ: up to `max` paths.
function jsonDiff(a, b, here = '$', out = [], max = 8) {
  if (out.length >= max) return out;
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    out.push(`${here}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`);
  } else if (a && typeof a === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (!(k in a)) out.push(`${here}.${k}: missing in the download`);
      else if (!(k in b)) out.push(`${here}.${k}: not in the CLI JSON`);
      else jsonDiff(a[k], b[k], `${here}.${k}`, out, max);
      if (out.length >= max) break;
    }
  } else if (a !== b) out.push(`${here}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  return out;
}

const isNetwork = (url) => !url.startsWith('blob:') && !url.startsWith('data:');

/// Every request of the context, with the page it belongs to when known.
function recordRequests(context) {
  const requests = [];
  const add = (url, from) => requests.push({ url, from, at: Date.now() });
  context.on('request', (r) => {
    let from = 'page';
    try {
      if (r.serviceWorker()) from = 'service-worker';
    } catch { /* older playwright */ }
    add(r.url(), from);
  });
  context.on('serviceworker', (w) => add(`(service worker started) ${w.url()}`, 'service-worker'));
  return requests;
}

/// The figures on the page: [{ path, value, text }].
async function pageFigures(page) {
  return page.$$eval('[data-figure]', (els) =>
    els.map((e) => ({ path: e.dataset.figure, value: e.dataset.value ?? null, text: e.textContent.trim() })),
  );
}

/// Every [data-figure] equals the CLI's JSON at its path, as data-value and as text.
async function compareFigures(page, json, label) {
  const figures = await pageFigures(page);
  check(`${label}: the page shows figures`, figures.length >= FIGURE_PATHS.length, `${figures.length} figures`);
  const paths = new Set(figures.map((f) => f.path));
  const missing = FIGURE_PATHS.filter((p) => !paths.has(p));
  check(`${label}: every headline path has a figure`, missing.length === 0, missing.length ? `missing ${missing.join(', ')}` : `${paths.size} paths`);
  const wrong = [];
  for (const f of figures) {
    const want = at(json, f.path);
    if (!Number.isInteger(want)) wrong.push(`${f.path}: CLI has no integer (${JSON.stringify(want)})`);
    else if (f.value !== String(want)) wrong.push(`${f.path}: data-value ${f.value} != CLI ${want}`);
    else if (f.text !== thousands(want)) wrong.push(`${f.path}: text "${f.text}" != "${thousands(want)}"`);
  }
  check(`${label}: all ${figures.length} figures equal the CLI JSON (data-value and text)`, wrong.length === 0, wrong.join('; '));
  // The percentage of reviews held on time: on_time / assessable, 1 decimal.
  const pct = await page.evaluate(() => {
    const label = [...document.querySelectorAll('p.figure__label')].find((p) => p.textContent.trim() === 'Reviews held on time');
    const value = label?.parentElement.querySelector('p.figure__value');
    return value ? { value: value.dataset.value ?? null, text: value.textContent.trim() } : null;
  });
  const rv = json.reviews;
  const want = percentText(rv.on_time, rv.assessable, 1) ?? 'not available';
  check(`${label}: "Reviews held on time" is on_time/assessable to 1 decimal`,
    pct && pct.value === `${rv.on_time}/${rv.assessable}` && pct.text === want,
    `page ${JSON.stringify(pct)}, CLI ${rv.on_time}/${rv.assessable} = ${want}`);
}

async function waitReady(page, timeout = 120000) {
  await page.waitForSelector('#report[data-state="ready"]', { timeout });
}

async function axe(page, label) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary?.split('\n').slice(0, 3).join(' | ') })),
    }));
  });
  for (const v of result) {
    note(`axe ${label}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} nodes)`);
    for (const n of v.nodes.slice(0, 8)) note(`    ${n.target}  ${n.summary ?? ''}`);
    if (v.nodes.length > 8) note(`    ... and ${v.nodes.length - 8} more`);
  }
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(`axe ${label}: no serious or critical violation`, bad.length === 0,
    `${result.length} violations: ${result.map((v) => `${v.id}(${v.impact})`).join(', ') || 'none'}`);
}

/// Nothing the page keeps holds a child's ID.
async function checkNoChildId(page, context, childId, label) {
  const kept = await page.evaluate(async () => {
    const dbs = indexedDB.databases ? await indexedDB.databases() : [];
    const caches = {};
    for (const name of self.caches ? await self.caches.keys() : []) {
      caches[name] = (await (await self.caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    }
    const sw = navigator.serviceWorker ? await navigator.serviceWorker.getRegistrations() : [];
    return {
      local: JSON.stringify(localStorage),
      session: JSON.stringify(sessionStorage),
      cookie: document.cookie,
      href: location.href,
      dbs: dbs.map((d) => d.name),
      caches,
      serviceWorkers: sw.map((r) => new URL(r.active?.scriptURL ?? r.installing?.scriptURL ?? 'about:blank').pathname),
    };
  });
  const cookies = JSON.stringify(await context.cookies());
  const where = ['local', 'session', 'cookie', 'href'].filter((k) => kept[k].includes(childId));
  if (cookies.includes(childId)) where.push('context cookies');
  check(`${label}: no child ID (${childId}) in localStorage, sessionStorage, cookies or URL`, where.length === 0,
    where.length ? `found in ${where.join(', ')}` : `localStorage=${kept.local}`);
  check(`${label}: no IndexedDB database`, kept.dbs.length === 0, `databases=${JSON.stringify(kept.dbs)}`);
  // The service worker keeps the page's own files for use offline (sw.js), nothing else.
  const ownFiles = new Set(pageFiles());
  const name = (p) => p.slice(p.lastIndexOf('/') + 1);
  const notOwn = Object.entries(kept.caches).flatMap(([cache, paths]) =>
    (cache.startsWith('careboard ') ? paths.filter((p) => !ownFiles.has(name(p))) : [`cache "${cache}"`]));
  check(`${label}: Cache Storage holds only the page's own files (the service worker's copy)`, notOwn.length === 0,
    notOwn.length ? notOwn.join(' ') : Object.keys(kept.caches).join(', '));
  check(`${label}: the only service worker is the page's sw.js`, kept.serviceWorkers.every((p) => name(p) === 'sw.js'),
    kept.serviceWorkers.join(' '));
}

/// The page's own files, as the build listed them in dist/sw.js.
function pageFiles() {
  const text = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  return JSON.parse(text.match(/^const FILES = (\[.*\]);$/m)?.[1] ?? '[]');
}

/// The first child ID of an export: the CHILD column of the header (or episodes) CSV.
function firstChildId(csvFiles) {
  for (const f of csvFiles) {
    const lines = fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
    const cols = lines[0].split(',').map((c) => c.trim().toUpperCase());
    const i = cols.indexOf('CHILD');
    if (i >= 0 && lines[1]) return lines[1].split(',')[i].trim();
  }
  return null;
}

/// Counts pages of a Chromium-made PDF (uncompressed page objects).
function pdfPages(file) {
  const text = fs.readFileSync(file).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

async function main() {
  check('dist/index.html exists (make dist)', fs.existsSync(path.join(DIST, 'index.html')));
  check(`CLI exists (${path.relative(ROOT, CLI)})`, fs.existsSync(CLI));
  fs.mkdirSync(SHOTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careboard-e2e-'));
  const csvDir = path.join(tmp, 'csv');
  const csvFiles = synth(csvDir, 300, 11, 'csv');
  note(`synthetic export: ${csvFiles.map((f) => path.basename(f)).join(', ')}`);
  const cliJson = JSON.parse(cli(['report', '--json', csvDir]));
  const childId = firstChildId(csvFiles);
  check('a child ID was read from the synthetic files', !!childId, childId ?? '');

  const srv = await serve();
  const { context, close } = await launch();
  const requests = recordRequests(context);
  // What the Content-Security-Policy refused: a refused fetch never becomes a request, so
  // the recorder would not see the page trying to reach another origin; this does.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.effectiveDirective} refused ${e.blockedURI}`));
  });
  const workers = [];
  const sameOrigin = (url) => !isNetwork(url) || url.startsWith(srv.origin + '/') || url.startsWith('(service worker');
  try {
    // ---- 1. The empty page, then the CSV export ----------------------------------------
    const page = await context.newPage();
    page.on('worker', (w) => workers.push(w.url()));
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('response', (r) => { if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} for ${r.url()}`); });
    await page.goto(srv.origin + '/');
    await waitForMark(page, 'careboard-usable', 60000);
    check('page at / is usable (careboard-usable mark)', true);
    check('#report starts empty', (await page.getAttribute('#report', 'data-state')) === 'empty');
    // The page starts its worker as it mounts; the browser may report it a moment after the
    // page is usable (seen in a clean clone's first run), so wait up to 10 s for the report.
    const started = () => workers.some((u) => u.endsWith('/worker_loader.js'));
    for (let waited = 0; !started() && waited < 10000; waited += 100) await page.waitForTimeout(100);
    check('the worker was started', started(), workers.join(', '));
    // The worker fetches its own wasm once it is running: wait for it, so that fetch counts
    // as page loading and proves the recorder sees worker requests.
    check('the worker installs its message handler', await waitWorkerReady(page));
    check('the recorder sees the worker\'s own request for worker_bg.wasm',
      requests.some((r) => r.url.endsWith('/worker_bg.wasm')),
      `recorded: ${requests.map((r) => r.url.replace(srv.origin, '')).join(' ')}`);

    // The page's rehearsal (a small synthetic report the worker made as it started, put on a
    // page no one sees, then removed) leaves nothing behind and marks no report as shown.
    await waitForMark(page, 'careboard-page-rehearsal-removed', 30000);
    const rehearsal = await page.evaluate(() => ({
      shown: ['careboard-figures-shown', 'careboard-report-shown'].filter((n) => performance.getEntriesByName(n).length),
      reports: document.querySelectorAll('#report').length,
      figures: document.querySelectorAll('[data-figure], canvas, .report-section').length,
      state: document.querySelector('#report')?.dataset.state,
    }));
    check('the page\'s rehearsal is removed, leaving no report, figure or chart and no mark of one shown',
      rehearsal.shown.length === 0 && rehearsal.reports === 1 && rehearsal.figures === 0 && rehearsal.state === 'empty',
      JSON.stringify(rehearsal));

    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await axe(page, `empty page at ${width}px`);
      await page.screenshot({ path: path.join(SHOTS, `empty-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    check('the page\'s service worker has made its offline copy and controls the page', await waitOfflineCopy(page));
    const beforeFiles = requests.length;
    const serverBefore = srv.log.length;
    await page.setInputFiles('#file-input', csvFiles);
    await waitReady(page);
    check('CSV: #report is ready', true);
    const year = await page.getAttribute('#report', 'data-year');
    check('CSV: data-year is the CLI\'s year', year === cliJson.year_ending, `${year} vs ${cliJson.year_ending}`);
    await compareFigures(page, cliJson, 'CSV');
    const tablesMissing = [];
    for (const t of TABLES) if (!(await page.$(`table#table-${t}`))) tablesMissing.push(t);
    check('CSV: every expected table is there', tablesMissing.length === 0, tablesMissing.join(', '));
    const sectionsMissing = [];
    for (const s of SECTIONS) if (!(await page.$(`section#${s}`))) sectionsMissing.push(s);
    check('CSV: every section is there', sectionsMissing.length === 0, sectionsMissing.join(', '));
    const fileRows = await page.$$eval('#files-panel tbody th', (ths) => ths.map((t) => t.textContent));
    const listed = csvFiles.filter((f) => fileRows.some((r) => r.includes(path.basename(f))));
    check('CSV: #files-panel lists every file', listed.length === csvFiles.length, `${listed.length}/${csvFiles.length}`);
    check('CSV: there are charts with a canvas', (await page.$$('figure[id^="chart-"] canvas')).length > 0);

    // Hover a chart: a tooltip appears.
    const canvas = await page.$('figure[id^="chart-"] canvas.chart__canvas');
    if (canvas) {
      await canvas.scrollIntoViewIfNeeded();
      const box = await canvas.boundingBox();
      let tip = null;
      for (let fx = 0.05; fx < 1; fx += 0.05) {
        for (const fy of [0.5, 0.7, 0.85, 0.3]) {
          await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
          await page.waitForTimeout(30);
          tip = await page.$eval('figure[id^="chart-"]', (f) => f.querySelector('.chart__tooltip')?.textContent ?? null);
          if (tip) break;
        }
        if (tip) break;
      }
      check('hovering the first chart shows a tooltip', !!tip, tip ?? 'no .chart__tooltip');
      await page.mouse.move(0, 0);
    }
    // A legend button toggles its series.
    const legend = await page.$('.chart__legend-item');
    if (legend) {
      const before = await legend.getAttribute('aria-pressed');
      await legend.click();
      const after = await legend.getAttribute('aria-pressed');
      await legend.click();
      check('a chart legend button toggles aria-pressed', before !== after, `${before} -> ${after}`);
    }

    // Year change recomputes.
    const years = await page.$$eval('#year option', (os) => os.map((o) => o.value));
    const other = years.find((y) => `${y}-03-31` !== year);
    check('#year offers more than one year', !!other, years.join(', '));
    if (other) {
      const yearJson = JSON.parse(cli(['report', '--json', '--year', other, csvDir]));
      await page.selectOption('#year', other);
      await page.waitForSelector(`#report[data-state="ready"][data-year="${other}-03-31"]`, { timeout: 60000 });
      check(`year ${other}: data-year changed`, true);
      await compareFigures(page, yearJson, `year ${other}`);
      const back = year.slice(0, 4);
      await page.selectOption('#year', back);
      await page.waitForSelector(`#report[data-state="ready"][data-year="${year}"]`, { timeout: 60000 });
      await compareFigures(page, cliJson, `back to ${back}`);
    }

    // Publication mode.
    const listsBefore = (await page.$$('details.child-list')).length;
    check('child lists are shown outside publication mode', listsBefore > 0, `${listsBefore} details.child-list`);
    await page.check('#publication-mode');
    await page.waitForSelector('#report[data-publication="true"]');
    {
      const figures = await pageFigures(page);
      const wrong = [];
      let small = 0;
      for (const f of figures) {
        const v = at(cliJson, f.path);
        if (v >= 1 && v <= 4) {
          small++;
          if (f.text !== 'fewer than 5' || f.value !== null) wrong.push(`${f.path}=${v} shows "${f.text}" (data-value ${f.value})`);
        } else if (f.text !== thousands(v) && !(f.text === 'hidden' && f.value === null)) wrong.push(`${f.path}=${v} shows "${f.text}"`);
      }
      // "hidden": a count hidden so that a small one along its line cannot be worked out.
      check('publication: figures of 1 to 4 read "fewer than 5", the others unchanged or "hidden"', wrong.length === 0,
        wrong.length ? wrong.join('; ') : `${small} of ${figures.length} figures suppressed`);
      if (small === 0) note('no figure of 1 to 4 in this export: the suppression of figures was not exercised');
      const cells = await page.$$eval('.table__cell--suppressed', (c) => c.map((x) => x.textContent.trim()));
      check('publication: table cells read "fewer than 5" (1 to 4) or "hidden"', cells.length > 0 && cells.every((c) => c === 'fewer than 5' || c === 'hidden'),
        `${cells.length} suppressed cells`);
      check('publication: child lists are gone', (await page.$$('details.child-list')).length === 0);
      const ids = await page.evaluate((id) => document.body.innerText.includes(id), childId);
      check('publication: the page text holds no child ID', !ids);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.locator('section#headlines').screenshot({ path: path.join(SHOTS, `publication-headlines-${width}.png`) });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.uncheck('#publication-mode');
    await page.waitForSelector('#report[data-publication="false"]');
    check('publication mode off again: child lists are back', (await page.$$('details.child-list')).length === listsBefore);

    // The JSON download equals the CLI's report.
    {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.click('#download-json')]);
      const file = path.join(tmp, 'download.json');
      await download.saveAs(file);
      const got = JSON.parse(fs.readFileSync(file, 'utf8'));
      check('#download-json gives exactly the CLI\'s JSON', isDeepStrictEqual(got, cliJson),
        `name ${download.suggestedFilename()}; differences (download vs CLI): ${jsonDiff(got, cliJson).join('; ') || 'none'}`);
    }
    // The rows set aside download (CSV).
    {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.click('#download-rejected')]);
      const file = path.join(tmp, 'rejected.csv');
      await download.saveAs(file);
      const lines = fs.readFileSync(file, 'utf8').trim().split('\n').length;
      check('#download-rejected gives a CSV with rows', lines > 1, `${lines} lines, ${cliJson.data_quality?.rejected?.length} rejected rows in the CLI JSON`);
    }

    // A council chosen: the comparisons and the trend, exactly as `careboard report --la 850`.
    {
      const laJson = JSON.parse(cli(['report', '--json', '--la', '850', csvDir]));
      await page.fill('#council', 'Hampshire (850)');
      await page.press('#council', 'Tab');
      await page.waitForFunction(() => document.querySelector('#report')?.dataset.state === 'ready'
        && [...document.querySelectorAll('th')].some((th) => th.textContent === 'England 2025'), null, { timeout: 60000 });
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.click('#download-json')]);
      const file = path.join(tmp, 'download-la.json');
      await download.saveAs(file);
      const got = JSON.parse(fs.readFileSync(file, 'utf8'));
      check('council 850: #download-json is exactly `careboard report --la 850`', isDeepStrictEqual(got, laJson),
        `differences (download vs CLI): ${jsonDiff(got, laJson).join('; ') || 'none'}`);
      const rate = laJson.cla_at_31_march.rate_per_10000;
      const england = laJson.benchmarks.england.cla_at_31_march.rate_per_10000;
      const detail = await page.locator('#headlines .figure__detail').first().textContent();
      check('council 850: the headline gives the rate per 10,000 and England\'s',
        detail.includes(`a rate of ${rate} per 10,000 children (England ${england}`), detail);
      check('council 850: a five-year trends section is shown', (await page.locator('section#trends').count()) === 1);
      const englandAge = laJson.benchmarks.england.cla_at_31_march.age_band['10_to_15'];
      const ageRow = page.locator('#table-age tr', { hasText: '10 to 15' }).first();
      const lastCell = (await ageRow.locator('td').last().textContent()).trim();
      check('council 850: the age table\'s last column is England\'s published 10 to 15 share',
        lastCell === `${englandAge}%`, `${lastCell} vs ${englandAge}%`);
      await page.fill('#council', '');
      await page.press('#council', 'Tab');
      await page.waitForFunction(() => document.querySelector('#report')?.dataset.state === 'ready'
        && ![...document.querySelectorAll('th')].some((th) => th.textContent === 'England 2025'), null, { timeout: 60000 });
    }

    // Accessibility and screenshots of the report at each width.
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300); // charts redraw on resize
      await axe(page, `report at ${width}px`);
      for (const s of SECTIONS) {
        const loc = page.locator(`section#${s}`);
        if (await loc.count()) await loc.screenshot({ path: path.join(SHOTS, `${s}-${width}.png`) });
      }
      await page.locator('#files-panel').screenshot({ path: path.join(SHOTS, `files-panel-${width}.png`) });
      await page.screenshot({ path: path.join(SHOTS, `top-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    const pdf = path.join(SHOTS, 'report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const pages = pdfPages(pdf);
    check('print to PDF (A4) makes pages', pages > 0, `${pages} pages, ${fs.statSync(pdf).size} bytes`);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, 'print-media-top.png') });
    await page.screenshot({ path: path.join(SHOTS, 'print-media-full.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await checkNoChildId(page, context, childId, 'CSV');

    // "Remove all files" empties the page.
    await page.click('#clear-button');
    await page.waitForSelector('#report[data-state="empty"]', { state: 'attached', timeout: 30000 });
    check('#clear-button empties the report and the files panel',
      (await page.$$('[data-figure]')).length === 0 && !(await page.$('#files-panel')));

    const after = requests.slice(beforeFiles).filter((r) => isNetwork(r.url));
    const blobs = requests.slice(beforeFiles).filter((r) => !isNetwork(r.url));
    check('no request at all from choosing the files to the end of the checks', after.length === 0,
      after.map((r) => r.url).join(' '));
    if (blobs.length) note(`blob:/data: URLs (downloads, not network): ${blobs.length}`);
    const serverAfter = pageRequests(srv.log.slice(serverBefore));
    check('our server received nothing from the page after the files were chosen', serverAfter.length === 0,
      serverAfter.map((r) => r.path).join(' '));
    const updateChecks = srv.log.slice(serverBefore).length - serverAfter.length;
    if (updateChecks) note(`the browser checked sw.js for a new build ${updateChecks} time(s) meanwhile (a GET with no body)`);
    const csp = await page.evaluate(() => window.__cspViolations);
    check('the Content-Security-Policy refused nothing on the page', csp.length === 0, csp.join('; '));
    check('no console error on the page', consoleErrors.length === 0, consoleErrors.slice(0, 5).join(' | '));
    await page.close();

    // ---- 2. XLSX and XML exports ----------------------------------------------------------
    for (const format of ['xlsx', 'xml']) {
      const dir = path.join(tmp, format);
      const files = synth(dir, 300, 11, format);
      const json = JSON.parse(cli(['report', '--json', dir]));
      const p = await context.newPage();
      await p.goto(srv.origin + '/');
      await waitForMark(p, 'careboard-usable', 60000);
      await waitWorkerReady(p);
      const n0 = requests.length;
      await p.setInputFiles('#file-input', files);
      await waitReady(p);
      await compareFigures(p, json, format.toUpperCase());
      const [download] = await Promise.all([p.waitForEvent('download', { timeout: 30000 }), p.click('#download-json')]);
      const file = path.join(tmp, `${format}.json`);
      await download.saveAs(file);
      const got = JSON.parse(fs.readFileSync(file, 'utf8'));
      check(`${format.toUpperCase()}: #download-json equals the CLI's JSON`, isDeepStrictEqual(got, json),
        `differences (download vs CLI): ${jsonDiff(got, json).join('; ') || 'none'}`);
      const extra = requests.slice(n0).filter((r) => isNetwork(r.url));
      check(`${format.toUpperCase()}: no request after the files were chosen`, extra.length === 0, extra.map((r) => r.url).join(' '));
      await p.close();
    }

    // ---- 2b. Requests in quick succession --------------------------------------------------
    // The worker reads a small export's files ahead, asynchronously; a request arriving
    // meanwhile waits its turn. Here the browser is made to take half a second over reading the
    // first set's files (the second set's at once), and two sets of files are chosen one straight after the other (the later names
    // first, so that the files' order on the page shows the order the requests were answered
    // in): the report is the CLI's for all of them, with every file listed in the order chosen.
    {
      const { page: p, workers: pageWorkers } = await openPage(context, srv.origin);
      const half = Math.ceil(csvFiles.length / 2);
      const [first, second] = [csvFiles.slice(half), csvFiles.slice(0, half)];
      await pageWorkers[0].evaluate((slow) => {
        const read = Blob.prototype.arrayBuffer;
        Blob.prototype.arrayBuffer = function arrayBuffer() {
          const wait = slow.includes(this.name) ? 500 : 0;
          return new Promise((resolve) => setTimeout(resolve, wait)).then(() => read.call(this));
        };
      }, first.map((f) => path.basename(f)));
      await p.setInputFiles('#file-input', first);
      await p.setInputFiles('#file-input', second);
      await p.waitForFunction((n) => document.querySelectorAll('#files-panel tbody th[scope="row"]').length === n,
        csvFiles.length, { timeout: 60000 });
      await waitReady(p);
      await compareFigures(p, cliJson, 'two sets chosen at once');
      const order = await p.$$eval('#files-panel tbody th[scope="row"]', (ths) => ths.map((t) => t.firstChild.textContent));
      const chosen = [...first, ...second].map((f) => path.basename(f));
      check('two sets chosen at once: the files are listed in the order chosen (the requests answered in turn)',
        order.join() === chosen.join(), `${order.join(', ')} against ${chosen.join(', ')}`);
      await p.close();
    }

    // ---- 2c. A big export, its big files read a piece at a time -----------------------------
    // Over 32 MB in all, so not read ahead; a CSV over 4 MB is read a piece at a time (its
    // whole bytes never in memory). The report, and the JSON downloaded, are the CLI's.
    {
      const dir = path.join(tmp, 'big');
      const files = synth(dir, 16000, 11, 'csv');
      const sizes = files.map((f) => fs.statSync(f).size);
      const json = JSON.parse(cli(['report', '--json', dir]));
      const { page: p, workers: pageWorkers } = await openPage(context, srv.origin);
      await p.setInputFiles('#file-input', files);
      await waitReady(p, 120000);
      const mb = (n) => (n / 1048576).toFixed(1);
      const label = `a ${mb(sizes.reduce((a, b) => a + b, 0))} MB export (largest file ${mb(Math.max(...sizes))} MB)`;
      await compareFigures(p, json, label);
      const [download] = await Promise.all([p.waitForEvent('download', { timeout: 30000 }), p.click('#download-json')]);
      const file = path.join(tmp, 'big.json');
      await download.saveAs(file);
      const got = JSON.parse(fs.readFileSync(file, 'utf8'));
      check(`${label}: #download-json equals the CLI's JSON`, isDeepStrictEqual(got, json),
        `differences (download vs CLI): ${jsonDiff(got, json).join('; ') || 'none'}`);
      // One read for each file no bigger than a piece; one for each piece of a bigger one.
      const piece = 4 << 20;
      const expected = sizes.reduce((n, size) => n + Math.max(1, Math.ceil(size / piece)), 0);
      const reads = await pageWorkers[0].evaluate(() => performance.getEntriesByName('careboard-worker-file-reading').length);
      check(`${label}: the worker read its files a 4 MB piece at a time (${expected} reads)`, reads === expected, `${reads} reads`);
      // Each piece after a file's first, read by the page while the worker split the one
      // before (the export is ASCII: no file is read whole to tell its encoding).
      const later = sizes.reduce((n, size) => n + Math.max(0, Math.ceil(size / piece) - 1), 0);
      const fromPage = await pageWorkers[0].evaluate(() => performance.getEntriesByName('careboard-worker-piece-from-page').length);
      const readByPage = await p.evaluate(() => performance.getEntriesByName('careboard-page-piece-read').length);
      check(`${label}: the page read the ${later} later pieces ahead and the worker took each`,
        later > 0 && fromPage === later && readByPage === later, `${readByPage} read by the page, ${fromPage} taken by the worker`);
      await p.close();
    }

    // ---- 3. The keyboard alone -------------------------------------------------------------
    {
      const p = await context.newPage();
      await p.goto(srv.origin + '/');
      await waitForMark(p, 'careboard-usable', 60000);
      await waitWorkerReady(p);
      let reached = false;
      const path1 = [];
      for (let i = 0; i < 20 && !reached; i++) {
        await p.keyboard.press('Tab');
        const id = await p.evaluate(() => document.activeElement?.id || document.activeElement?.className || document.activeElement?.tagName);
        path1.push(id);
        reached = id === 'sample-button';
      }
      check('keyboard: Tab from the top reaches #sample-button', reached, `path: ${path1.join(' > ')}`);
      if (reached) {
        await p.keyboard.press('Enter');
        await waitReady(p);
        check('keyboard: Enter on #sample-button shows the report', true);
        let onChart = false;
        let tabs = 0;
        for (; tabs < 400 && !onChart; tabs++) {
          await p.keyboard.press('Tab');
          onChart = await p.evaluate(() => document.activeElement?.classList.contains('chart__focus'));
        }
        check('keyboard: Tab reaches a .chart__focus', onChart, `${tabs} tabs`);
        if (onChart) {
          const live = () => p.evaluate(() => document.activeElement.closest('figure').querySelector('[aria-live]')?.textContent ?? null);
          const before = await live();
          await p.keyboard.press('ArrowRight');
          await p.waitForTimeout(50);
          const first = await live();
          await p.keyboard.press('ArrowRight');
          await p.waitForTimeout(50);
          const second = await live();
          check('keyboard: ArrowRight changes the aria-live text', !!first && first !== before && second !== first,
            `"${before}" -> "${first}" -> "${second}"`);
          const ring = await p.evaluate(() => {
            const s = getComputedStyle(document.activeElement);
            return { outline: `${s.outlineStyle} ${s.outlineWidth}`, shadow: s.boxShadow };
          });
          check('keyboard: the focused chart shows a focus indicator',
            !ring.outline.startsWith('none') || ring.shadow !== 'none', JSON.stringify(ring));
          await p.locator('.chart__focus:focus').evaluate((e) => e.closest('figure').scrollIntoView());
          await p.screenshot({ path: path.join(SHOTS, 'keyboard-chart-focus.png') });
        }
      }
      await p.close();
    }

    // ---- 4. Under a sub-path, with the sample button ---------------------------------------
    {
      const p = await context.newPage();
      const n0 = srv.log.length;
      await p.goto(srv.origin + SUB_PATH);
      await waitForMark(p, 'careboard-usable', 60000);
      check('sub-path: the worker starts', await waitWorkerReady(p));
      await p.click('#sample-button');
      await waitReady(p);
      check(`sub-path ${SUB_PATH}: the sample report is shown`, (await p.$$('[data-figure]')).length > 0);
      const sample = await p.$eval('#files-panel', (e) => e.textContent);
      check(`sub-path: #files-panel lists the sample files`, /sample-/.test(sample));
      // Except /sw.js: the copy of the site at / opened above left a service worker whose scope
      // covers the sub-path too, and the browser checks it for an update (offline.mjs tests
      // the sub-path's own service worker).
      const outside = srv.log.slice(n0).filter((r) => !r.path.startsWith(SUB_PATH) && r.path !== '/sw.js');
      check('sub-path: every request stayed under the sub-path (relative links)', outside.length === 0,
        outside.map((r) => r.path).join(' '));
      await p.close();
    }

    // ---- 5. A click as soon as the page says it is usable -----------------------------------
    // careboard-usable is marked when the app mounts; a request sent before the worker's wasm
    // has installed its message handler must not be lost.
    {
      // The worker's wasm is held back 2 s by the server, so the click surely comes first,
      // as it may on a slow machine or network.
      srv.delays['worker_bg.wasm'] = 2000;
      const p = await context.newPage();
      await p.goto(srv.origin + '/', { waitUntil: 'commit' });
      // Click in the page itself, within a few ms of the mark (a node-side click comes later
      // and would hide the race).
      const clickedAfter = await p.evaluate(() => new Promise((resolve) => {
        const poll = () => {
          const mark = performance.getEntriesByName('careboard-usable')[0];
          const button = document.getElementById('sample-button');
          if (mark && button) {
            button.click();
            resolve(performance.now() - mark.startTime);
          } else setTimeout(poll, 1);
        };
        poll();
      }));
      note(`clicked ${clickedAfter.toFixed(1)} ms after careboard-usable`);
      let ready = true;
      try {
        await waitReady(p, 20000);
      } catch {
        ready = false;
      }
      check('a click on #sample-button right after careboard-usable, before the worker runs, gives a report (within 20 s)', ready,
        ready ? '' : `#report stays "${await p.getAttribute('#report', 'data-state')}": the request reached the worker before its message handler`);
      delete srv.delays['worker_bg.wasm'];
      await p.close();
    }

    // ---- Over everything ------------------------------------------------------------------
    const foreign = requests.filter((r) => !sameOrigin(r.url));
    check('no request to any origin but the page\'s', foreign.length === 0, foreign.map((r) => r.url).join(' '));
    const sw = requests.filter((r) => r.from === 'service-worker');
    const unrecorded = srv.log.filter((l) => !requests.some((r) => r.url === srv.origin + l.path));
    note(`requests the server received that the browser-side recorder did not report: ${unrecorded.map((l) => l.path).join(' ') || 'none'}`);
    const missing = srv.log.filter((l) => l.status >= 400);
    check('the server answered every request the page made (no 404)', missing.length === 0,
      missing.map((l) => `${l.status} ${l.path}`).join(' '));
    const own = new Set(pageFiles());
    // Its own files, the page itself when navigated to (the folder's URL), and sw.js (the
    // browser's update check).
    own.add('').add('sw.js');
    const swOther = sw.filter((r) => !r.url.startsWith('(service worker started)') && !own.has(r.url.slice(r.url.lastIndexOf('/') + 1)));
    check('the service worker asks only for the page\'s own files', swOther.length === 0, swOther.map((r) => r.url).join(' '));
    note(`requests recorded: ${requests.length}; server log: ${srv.log.length}; workers: ${[...new Set(workers)].join(', ')}`);
  } finally {
    await close();
    await srv.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  check('the test ran to the end', false, e.stack || String(e));
}
console.log(`\n${passes} passed, ${failures} failed. Screenshots and PDF in ${path.relative(ROOT, SHOTS)}/`);
process.exit(failures ? 1 : 0);
