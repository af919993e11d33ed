// End-to-end test of how the page guides the eye and the keyboard (issue 11), in headless
// Chromium against the built page (dist/): after loading, a status line says the report is
// ready (aria-live) and focus is on the report's heading; a keyboard-only walk reaches every
// control with focus never on <body>; changing the year or the council keeps focus; a council
// typed wrong takes the comparison away; each chart costs at most two Tab stops, its toolbar
// moved through with the arrow keys; wide tables scroll inside their box on a phone; axe-core
// is clean at 1280, 768 and 390 px. Screenshots of the sections issue 11 changed land in
// target/e2e-shots/guide-*.png.
// Run: node tests/e2e/guide.mjs   (or `make e2e`). Prints every check; exits 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, DIST, serve, launch, waitForMark, waitWorkerReady, waitOfflineCopy } from './common.mjs';

const SHOTS = path.join(ROOT, 'target', 'e2e-shots');
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const WIDTHS = [1280, 768, 390];
// The sections issue 11 changed, shot at 1280 and 390 px.
const SHOT_SECTIONS = ['reviews', 'in-care', 'flows', 'trends'];
// ... and, closer, the charts and tables it added or changed.
const SHOT_ELEMENTS = [
  'chart-latest-review-participation', 'chart-time-in-care', 'chart-missing-and-away', 'chart-care-leavers',
  'table-trends-overview', 'chart-trend-participation', 'chart-trend-age-band',
];

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

async function axe(page, label) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  for (const v of result) {
    note(`axe ${label}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} nodes)`);
    for (const n of v.nodes.slice(0, 5)) note(`    ${n}`);
  }
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(`axe ${label}: no serious or critical violation`, bad.length === 0,
    `${result.length} violations: ${result.map((v) => `${v.id}(${v.impact})`).join(', ') || 'none'}`);
}

/// What has focus, in a few words: `#id`, or the tag and class, or `body`.
async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return 'body';
    return e.id ? `#${e.id}` : `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`;
  });
}

async function waitReady(page, timeout = 120000) {
  await page.waitForSelector('#report[data-state="ready"]', { timeout });
}

/// Every element a Tab can reach: focusable, not tabindex -1, not disabled, rendered.
async function tabbables(page) {
  return page.evaluate(() => {
    const sel = 'a[href], button, input, select, textarea, summary, [tabindex]';
    return [...document.querySelectorAll(sel)].filter((e) => {
      if (e.disabled || e.getAttribute('tabindex') === '-1') return false;
      if (e.tagName === 'INPUT' && e.type === 'hidden') return false;
      const r = e.getBoundingClientRect();
      const s = getComputedStyle(e);
      if (s.visibility === 'hidden' || s.display === 'none') return false;
      // The skip link sits off-screen until it has focus; it is reachable all the same.
      return r.width > 0 || r.height > 0 || e.classList.contains('skip-link');
    }).length;
  });
}

async function main() {
  check('dist/index.html exists (make dist)', fs.existsSync(path.join(DIST, 'index.html')));
  fs.mkdirSync(SHOTS, { recursive: true });
  const srv = await serve();
  const { context, close } = await launch();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(srv.origin + '/');
    await waitForMark(page, 'careboard-usable', 60000);
    // As the other e2e files do: the worker listens and the offline copy is made before the
    // keyboard walk, so neither lands in the middle of it on a loaded machine.
    await waitForMark(page, 'careboard-worker-listening', 60000);
    await waitOfflineCopy(page);
    await waitWorkerReady(page);

    // ---- From the top to the sample button, keyboard only --------------------------------
    let steps = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      steps.push(await focused(page));
      if (steps.at(-1) === '#sample-button') break;
    }
    check('keyboard: Tab from the top reaches #sample-button, never focusing <body>',
      steps.at(-1) === '#sample-button' && !steps.includes('body'), steps.join(' > '));
    await page.keyboard.press('Enter');
    await waitReady(page);

    // ---- After loading: the status line and the focus ------------------------------------
    await page.waitForFunction(() => document.activeElement?.id === 'report-heading', null, { timeout: 10000 })
      .catch(() => {});
    check('after loading, focus is on the report heading', (await focused(page)) === '#report-heading',
      await focused(page));
    const status = await page.evaluate(() => {
      const s = document.querySelector('#report-status');
      const link = s?.querySelector('a');
      return s && {
        live: s.getAttribute('aria-live'), role: s.getAttribute('role'), text: s.textContent.trim(),
        href: link?.getAttribute('href'),
        // Near the file controls: right after the load section.
        afterLoad: s.previousElementSibling?.classList.contains('load') ?? false,
      };
    });
    check('after loading, a status line near the file controls announces the report (aria-live)',
      status && status.live === 'polite' && status.role === 'status' && status.afterLoad
        && status.text.startsWith('The report is ready'), JSON.stringify(status));
    check('the status line links to the report heading', status?.href === '#report-heading', status?.href);
    const headingTop = await page.evaluate(() => document.querySelector('#report-heading').getBoundingClientRect().top);
    check('the report heading is scrolled into view', headingTop >= 0 && headingTop < 900, `top ${Math.round(headingTop)} px`);

    // ---- A keyboard walk through the whole page, from the report heading round again ------
    // Past the last control the browser's own toolbar takes focus, which the page sees as
    // <body>; the next Tab comes back to the top. That one step is the walk wrapping round,
    // allowed only right after the page's last control; any other <body> is focus dropped.
    const total = await tabbables(page);
    const walk = [];
    const reached = new Set();
    const chartStops = {};
    const bodySteps = [];
    for (let i = 0; i < total + 10; i++) {
      await page.keyboard.press('Tab');
      const here = await page.evaluate(() => {
        const e = document.activeElement;
        if (!e || e === document.body) return { body: true };
        if (!e.dataset.walk) e.dataset.walk = String(Math.random());
        const chart = e.closest('figure.chart');
        return { body: false, key: e.dataset.walk, chart: chart?.id ?? null, name: e.id || e.className };
      });
      if (here.body) {
        const last = await page.evaluate(() => {
          const sel = 'a[href], button, input, select, textarea, summary, [tabindex]';
          const all = [...document.querySelectorAll(sel)].filter((e) => !e.disabled && e.tabIndex >= 0
            && getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden');
          return all.at(-1)?.dataset.walk ?? null;
        });
        bodySteps.push({ step: i, afterLast: walk.length > 0 && walk.at(-1).key === last });
      }
      walk.push(here);
      if (here.body) continue;
      reached.add(here.key);
      if (here.chart) chartStops[here.chart] = (chartStops[here.chart] ?? 0) + 1;
    }
    const dropped = bodySteps.filter((b) => !b.afterLast);
    check('keyboard walk: focus never drops to <body> (only the wrap past the last control leaves the page)',
      dropped.length === 0 && bodySteps.length <= 1, JSON.stringify(bodySteps));
    // The report heading itself is reached by script focus (tabindex -1), not by Tab.
    check('keyboard walk: every control is reached', reached.size >= total, `${reached.size} of ${total}`);
    const charts = Object.entries(chartStops);
    const costly = charts.filter(([, n]) => n > 2);
    check('each chart costs at most two Tab stops', charts.length > 0 && costly.length === 0,
      `${charts.length} charts; ${costly.map(([id, n]) => `${id}: ${n}`).join(', ') || 'none above 2'}`);

    // ---- A chart's toolbar: arrow keys move between its items ----------------------------
    {
      const tool = page.locator('figure.chart .chart__toolbar .chart__tool[tabindex="0"]').first();
      await tool.focus();
      const first = await focused(page);
      await page.keyboard.press('ArrowRight');
      const moved = await page.evaluate(() => {
        const e = document.activeElement;
        const bar = e.closest('.chart__toolbar');
        const items = [...bar.querySelectorAll('.chart__tool')];
        return { index: items.indexOf(e), stops: items.filter((i) => i.tabIndex === 0).length };
      });
      check('chart toolbar: ArrowRight moves focus to the next item, which becomes the one Tab stop',
        moved.index === 1 && moved.stops === 1, `${first} -> item ${moved.index}, ${moved.stops} tab stop(s)`);
    }

    // ---- Changing the year keeps focus ---------------------------------------------------
    {
      const years = await page.$$eval('#year option', (os) => os.map((o) => o.value));
      const current = await page.$eval('#year', (s) => s.value);
      const other = years.find((y) => y !== current);
      await page.focus('#year');
      await page.selectOption('#year', other);
      await page.waitForFunction((y) => document.querySelector('#report')?.dataset.year?.startsWith(y), other, { timeout: 60000 });
      await waitReady(page);
      check('changing the year: focus stays on the year (never <body>)', (await focused(page)) === '#year', await focused(page));
      await page.selectOption('#year', current);
      await page.waitForFunction((y) => document.querySelector('#report')?.dataset.year?.startsWith(y), current, { timeout: 60000 });
      await waitReady(page);
    }

    // ---- The council: chosen, then typed wrong -------------------------------------------
    {
      const hasEngland = () => [...document.querySelectorAll('th')].some((th) => th.textContent.startsWith('England 20'));
      await page.fill('#council', 'Hampshire (850)');
      await page.press('#council', 'Tab');
      const afterTab = await focused(page);
      await page.waitForFunction(hasEngland, null, { timeout: 60000 });
      await waitReady(page);
      await page.locator('#chart-age').screenshot({ path: path.join(SHOTS, 'guide-el-chart-age-compared-1280.png') });
      check('a council typed then Tab: focus moves on, never to <body>',
        afterTab !== 'body' && (await focused(page)) !== 'body', `${afterTab}, then ${await focused(page)}`);
      await page.fill('#council', 'Hamshire');
      await page.press('#council', 'Tab');
      await page.waitForFunction(() => ![...document.querySelectorAll('th')].some((th) => th.textContent.startsWith('England 20')),
        null, { timeout: 60000 }).catch(() => {});
      await waitReady(page);
      const state = await page.evaluate(() => ({
        error: document.querySelector('#council-error')?.textContent ?? null,
        value: document.querySelector('#council').value,
        england: [...document.querySelectorAll('th')].some((th) => th.textContent.startsWith('England 20')),
        rate: document.querySelector('#headlines .figure__detail')?.textContent ?? '',
      }));
      check('a council typo: the error is shown and the typed words stay in the field',
        !!state.error && state.value === 'Hamshire', JSON.stringify({ error: state.error, value: state.value }));
      check('a council typo: the old council\'s comparisons are not left on the report',
        !state.england && !state.rate.includes('per 10,000'), JSON.stringify({ england: state.england }));
      check('a council typo then Tab: focus is not on <body>', (await focused(page)) !== 'body', await focused(page));
      await page.fill('#council', '');
      await page.press('#council', 'Tab');
      await waitReady(page);
    }

    // ---- Phone: wide tables scroll inside their box, the page does not -------------------
    {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(300);
      const phone = await page.evaluate(() => {
        const wraps = [...document.querySelectorAll('.table-wrap')].filter((w) => w.offsetParent !== null);
        const wide = wraps.filter((w) => w.scrollWidth > w.clientWidth + 1);
        const scrolls = wide.filter((w) => ['auto', 'scroll'].includes(getComputedStyle(w).overflowX));
        const cue = wide.filter((w) => getComputedStyle(w).backgroundImage.includes('gradient'));
        return {
          page: document.documentElement.scrollWidth, wraps: wraps.length, wide: wide.length,
          scrolls: scrolls.length, cue: cue.length, labelled: wide.filter((w) => w.getAttribute('aria-label')).length,
        };
      });
      check('390 px: nothing sticks out of the page sideways', phone.page <= 390, `page is ${phone.page} px wide`);
      check('390 px: every wide table scrolls inside its own box, with a shadow showing there is more',
        phone.wide > 0 && phone.scrolls === phone.wide && phone.cue === phone.wide && phone.labelled === phone.wide,
        JSON.stringify(phone));
    }

    // ---- axe at three widths, and screenshots of the changed sections --------------------
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300);
      await axe(page, `report at ${width}px`);
      if (width === 768) continue;
      for (const s of SHOT_SECTIONS) {
        const loc = page.locator(`section#${s}`);
        if (await loc.count()) await loc.screenshot({ path: path.join(SHOTS, `guide-${s}-${width}.png`) });
      }
      for (const id of SHOT_ELEMENTS) {
        const loc = page.locator(`#${id}`).first();
        if (await loc.count()) await loc.screenshot({ path: path.join(SHOTS, `guide-el-${id}-${width}.png`) });
      }
      await page.evaluate(() => document.querySelector('#report-heading').focus());
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SHOTS, `guide-status-${width}.png`) });
    }
    check('no page errors', errors.length === 0, errors.join('; '));
  } finally {
    await close();
    await srv.close();
  }
  console.log(`\n${passes} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
