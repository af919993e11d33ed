// The printed paper (issue 9): the sample council ("Try it with sample data", about 600
// children) with a council chosen, printed to PDF by headless Chromium (page.pdf, A4, the page's
// own @page rules) as a committee clerk would with "Print or save as PDF", then the same layout
// checked in print media at the A4 page's content width: the page count, every table whole (no
// table wider than the page), the council and year on page 1, sections that flow (a forced page
// break only before a top-level section), chart text of at least 9 pt at print size, and no
// machine-written chart description printed. The PDFs land in target/e2e-shots/print-*.pdf and,
// where poppler's pdftoppm is installed, their pages as PNGs in target/e2e-shots/print-pages/.
// Run: node tests/e2e/print.mjs   (part of `make e2e`). Exits 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, serve, launch, waitForMark, waitWorkerReady, checker } from './common.mjs';

const SHOTS = path.join(ROOT, 'target', 'e2e-shots');
const PAGES = path.join(SHOTS, 'print-pages');

// Page counts of the printed sample council before this work: main at 1d8a5fb (its dist/),
// measured by this file's own page.pdf() in Chromium 156 on 2 December 2026. Each chart with
// its table and machine-written description was kept whole, so most took a page of their own
// (page 1 two-thirds empty, a page per trend), and the charts were the screen's canvas scaled
// down (text about 6.5 pt). The issue asks for at most half of each.
const BEFORE = { council: 51, publication: 51 };

// A4 less the @page margins of styles/careboard.css (15 mm each side, 12 mm top, 20 mm bottom),
// in CSS pixels (96 per inch).
const MM = 96 / 25.4;
const CONTENT_WIDTH = Math.floor((210 - 2 * 15) * MM);
const CONTENT_HEIGHT = Math.floor((297 - 12 - 20) * MM);
const COUNCIL = 'Hampshire';

const { check, counts } = checker();

/// Pages in a Chromium-made PDF: its page objects.
function pdfPages(file) {
  const text = fs.readFileSync(file).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

function havePoppler() {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function printPdf(page, name) {
  const file = path.join(SHOTS, `print-${name}.pdf`);
  await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const pages = pdfPages(file);
  if (havePoppler()) {
    const dir = path.join(PAGES, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('pdftoppm', ['-r', '50', '-png', file, path.join(dir, 'page')]);
  }
  return { file, pages };
}

/// The print layout, measured in the page with print media at the page's content width.
async function printLayout(page) {
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: CONTENT_WIDTH, height: CONTENT_HEIGHT });
  await page.waitForTimeout(300);
  const layout = await page.evaluate(({ contentWidth, contentHeight }) => {
    const shown = (el) => {
      if (!el.isConnected) return false;
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden') return false;
      }
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const report = document.querySelector('#report');
    const top = report ? report.getBoundingClientRect().top + window.scrollY : 0;
    // Tables: none scrolls sideways or reaches past the page's right edge.
    const tables = [...document.querySelectorAll('#report .table-wrap')].filter(shown).map((w) => {
      const t = w.querySelector('table');
      return {
        id: t?.id ?? '(no table)',
        scroll: w.scrollWidth, client: w.clientWidth,
        right: Math.round(t.getBoundingClientRect().right), columns: t.querySelectorAll('thead th').length,
      };
    });
    // Forced breaks: elements whose computed break-before or break-after forces a page.
    const forced = (v) => ['page', 'always', 'left', 'right', 'recto', 'verso'].includes(v);
    const breaks = [...document.querySelectorAll('#report *')].filter(shown)
      .filter((e) => forced(getComputedStyle(e).breakBefore) || forced(getComputedStyle(e).breakAfter))
      .map((e) => ({
        tag: e.tagName.toLowerCase(), id: e.id, cls: e.className && String(e.className),
        topLevel: e.matches('section.report-section') && e.querySelector(':scope > h2') !== null
          && forced(getComputedStyle(e).breakBefore) && !forced(getComputedStyle(e).breakAfter),
        y: e.getBoundingClientRect().top + window.scrollY,
      }));
    // Page 1: everything printed before the first forced break, from the first thing printed.
    const firstBreak = breaks.length ? Math.min(...breaks.map((b) => b.y)) : Infinity;
    const printed = [...document.body.querySelectorAll('*')].filter(shown);
    const start = Math.min(...printed.map((e) => e.getBoundingClientRect().top + window.scrollY));
    const pageOneEnd = Math.min(firstBreak, start + contentHeight);
    const pageOne = printed
      .filter((e) => e.children.length === 0 || [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
      .filter((e) => e.getBoundingClientRect().bottom + window.scrollY <= pageOneEnd + 0.5)
      .map((e) => e.textContent.trim()).filter(Boolean).join(' | ');
    // Charts: what draws each chart in print, and the size of its text on paper.
    const charts = [...document.querySelectorAll('#report figure.chart')].filter(shown).map((f) => {
      const canvas = [...f.querySelectorAll('canvas.chart__canvas')].filter(shown).length;
      const svgs = [...f.querySelectorAll('svg')].filter(shown);
      let minPt = Infinity;
      let texts = 0;
      for (const svg of svgs) {
        const vb = svg.viewBox.baseVal;
        const drawn = vb && vb.width ? vb.width : Number(svg.getAttribute('width'));
        const scale = svg.getBoundingClientRect().width / drawn;
        for (const t of svg.querySelectorAll('text')) {
          if (!t.textContent.trim()) continue;
          texts++;
          const px = parseFloat(getComputedStyle(t).fontSize);
          minPt = Math.min(minPt, px * scale * 0.75);
        }
      }
      return { id: f.id, canvas, svgs: svgs.length, texts, minPt };
    });
    const descriptions = [...document.querySelectorAll('#report .chart__description')].filter(shown)
      .map((d) => d.textContent.slice(0, 80));
    const buttons = [...document.querySelectorAll('#report button')].filter(shown).map((b) => b.textContent.trim());
    const narratives = [...document.querySelectorAll('#report .narrative')];
    return {
      tables, breaks, pageOne, charts, descriptions, buttons,
      narratives: { total: narratives.length, shown: narratives.filter(shown).length },
      width: document.documentElement.clientWidth, contentWidth, top,
    };
  }, { contentWidth: CONTENT_WIDTH, contentHeight: CONTENT_HEIGHT });
  // Back to no emulation: page.pdf() prints with print media unless screen is emulated.
  await page.emulateMedia({ media: null });
  await page.setViewportSize({ width: 1280, height: 900 });
  return layout;
}

function checkLayout(layout, label, year) {
  const wide = layout.tables.filter((t) => t.scroll > t.client + 1 || t.right > layout.width + 1);
  check(`${label}: every table's columns are all on the page (none wider than the page's ${layout.width} px)`,
    layout.tables.length > 0 && wide.length === 0,
    wide.length ? wide.map((t) => `${t.id}: ${t.columns} columns, ${t.scroll} px in ${t.client} px, right edge ${t.right}`).join('; ')
      : `${layout.tables.length} tables`);
  const notTop = layout.breaks.filter((b) => !b.topLevel);
  check(`${label}: a page break only before a top-level section, none before a subsection`,
    notTop.length === 0 && layout.breaks.length > 0,
    notTop.length ? notTop.slice(0, 6).map((b) => `${b.tag}#${b.id}.${b.cls}`).join('; ') : `${layout.breaks.length} breaks, all before sections`);
  check(`${label}: page 1 names the council (${COUNCIL}) and the year (${year})`,
    layout.pageOne.includes(COUNCIL) && layout.pageOne.includes(year), layout.pageOne.slice(0, 200));
  const canvases = layout.charts.filter((c) => c.canvas > 0 || c.svgs === 0);
  check(`${label}: every chart prints as vector drawing (SVG), not the screen's canvas scaled to the page`,
    layout.charts.length > 0 && canvases.length === 0,
    canvases.length ? `${canvases.length} of ${layout.charts.length} charts print their canvas` : `${layout.charts.length} charts`);
  const small = layout.charts.filter((c) => c.svgs > 0 && !(c.texts > 0 && c.minPt >= 9 - 1e-6));
  const minPt = Math.min(...layout.charts.map((c) => c.minPt));
  check(`${label}: chart text is at least 9 pt at print size`, layout.charts.length > 0 && small.length === 0,
    small.length ? small.slice(0, 6).map((c) => `${c.id}: ${c.minPt.toFixed(1)} pt over ${c.texts} texts`).join('; ')
      : `smallest ${minPt.toFixed(2)} pt over ${layout.charts.length} charts`);
  check(`${label}: no machine-written chart description is printed`, layout.descriptions.length === 0,
    layout.descriptions.length ? `${layout.descriptions.length}: ${layout.descriptions[0]}` : '');
  check(`${label}: no button is printed`, layout.buttons.length === 0, layout.buttons.slice(0, 5).join(' | '));
  check(`${label}: every drafted narrative on the page is printed`, layout.narratives.shown === layout.narratives.total,
    `${layout.narratives.shown} of ${layout.narratives.total}`);
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const srv = await serve();
  const { context, close } = await launch();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(srv.origin + '/');
    await waitForMark(page, 'careboard-usable', 60000);
    await waitWorkerReady(page);
    await page.click('#sample-button');
    await page.waitForSelector('#report[data-state="ready"]', { timeout: 120000 });
    await page.fill('#council', `${COUNCIL} (850)`);
    await page.press('#council', 'Tab');
    await page.waitForFunction(() => document.querySelector('#report')?.dataset.state === 'ready'
      && document.querySelector('section#trends') !== null, null, { timeout: 60000 });
    await page.waitForTimeout(500); // charts draw after the report is on the page
    const year = await page.evaluate(() => {
      const m = document.querySelector('#report-heading')?.textContent.match(/\d{1,2} \w+ \d{4} to \d{1,2} \w+ \d{4}/);
      return m ? m[0] : '';
    });
    check('the sample council with Hampshire chosen shows a report with a year', year !== '', year);

    const council = await printPdf(page, 'council');
    const layout = await printLayout(page);
    checkLayout(layout, 'council', year);

    await page.check('#publication-mode');
    await page.waitForSelector('#report[data-publication="true"][data-state="ready"]');
    await page.waitForTimeout(500);
    const publication = await printPdf(page, 'publication');
    checkLayout(await printLayout(page), 'council, publication mode', year);

    for (const [name, got] of [['council', council], ['publication', publication]]) {
      const before = BEFORE[name];
      check(`${name}: the printed paper takes at most half the ${before} pages it took before`,
        got.pages > 0 && got.pages <= Math.floor(before / 2), `${got.pages} pages (${path.relative(ROOT, got.file)})`);
    }
    check('no script error on the page', errors.length === 0, errors.slice(0, 3).join(' | '));
  } finally {
    await close();
    await srv.close();
  }
  console.log(`\n${counts.passes} passed, ${counts.failures} failed. PDFs in ${path.relative(ROOT, SHOTS)}/`);
  process.exit(counts.failures ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
