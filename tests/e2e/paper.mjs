// The committee paper (issue 9), in headless Chromium: with the small fixture export loaded and
// Hampshire (850) chosen, "Download the committee paper (Word)" gives a .docx that LibreOffice
// (headless, from apt) converts to PDF without error; the PDF's text holds every headline
// figure equal to `careboard report --json --la 850`, its pictures are the charts, and the
// page's paper and `careboard report --docx` have the same text and tables (document.xml
// byte for byte); a narrative edited on the page is the paper's text for its section. The pages
// as PNG (pdftoppm -r 60) land in target/e2e-shots/paper-*.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, serve, launch, cli, at, thousands, waitForMark, checker } from './common.mjs';

const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'synth-small');
const SHOTS = path.join(ROOT, 'target', 'e2e-shots');
const { check, counts } = checker();

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { maxBuffer: 1 << 30, encoding: 'utf8', ...opts });
}

/// A part of a .docx as text.
function part(docx, name) {
  return run('unzip', ['-p', docx, name]);
}

/// LibreOffice's PDF of `docx`, with a profile of its own (another run may hold the default).
function toPdf(docx, dir, profile) {
  run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx],
    { stdio: ['ignore', 'pipe', 'pipe'], timeout: 180000 });
  const pdf = path.join(dir, path.basename(docx).replace(/\.docx$/, '.pdf'));
  return fs.existsSync(pdf) ? pdf : null;
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careboard-paper-'));
  const profile = path.join(tmp, 'lo-profile');
  const files = fs.readdirSync(FIXTURE).filter((f) => !f.startsWith('.')).sort().map((f) => path.join(FIXTURE, f));
  const json = JSON.parse(cli(['report', '--json', '--la', '850', FIXTURE]));
  const cliDocx = path.join(tmp, 'cli', 'paper.docx');
  fs.mkdirSync(path.dirname(cliDocx), { recursive: true });
  cli(['report', '--la', '850', '--docx', cliDocx, FIXTURE]);

  const server = await serve();
  const { context, close } = await launch();
  try {
    const page = await context.newPage();
    await page.goto(server.origin + '/');
    await waitForMark(page, 'careboard-usable', 60000);
    await page.setInputFiles('#file-input', files);
    await page.waitForSelector('#report[data-state="ready"]', { timeout: 120000 });
    await page.fill('#council', 'Hampshire (850)');
    await page.press('#council', 'Tab');
    await page.waitForFunction(() => document.querySelector('#report')?.dataset.state === 'ready'
      && [...document.querySelectorAll('th')].some((th) => th.textContent === 'England 2025'), null, { timeout: 60000 });
    const headlines = await page.$$eval('#headlines .figure', (els) => els.map((e) => ({
      label: e.querySelector('.figure__label')?.textContent.trim(),
      path: e.querySelector('.figure__value')?.dataset.figure ?? null,
      text: e.querySelector('.figure__value')?.textContent.trim(),
    })));

    const started = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60000 }),
      page.click('#download-paper'),
    ]);
    const pageDocx = path.join(tmp, 'page', 'paper.docx');
    fs.mkdirSync(path.dirname(pageDocx), { recursive: true });
    await download.saveAs(pageDocx);
    check('the page offers the paper as a .docx named for the year',
      download.suggestedFilename() === 'iro-annual-report-statistics-2024-25.docx',
      `${download.suggestedFilename()}, ${fs.statSync(pageDocx).size} bytes in ${Date.now() - started} ms`);

    // The same text and tables as the command line's paper, and every chart drawn as a PNG.
    const pageXml = part(pageDocx, 'word/document.xml');
    check('the page\'s document.xml is byte for byte the command line\'s',
      pageXml === part(cliDocx, 'word/document.xml'), `${pageXml.length} characters`);
    for (const name of ['word/styles.xml', 'word/footer1.xml', 'word/_rels/document.xml.rels']) {
      check(`the page's ${name} is the command line's`, part(pageDocx, name) === part(cliDocx, name));
    }
    const listing = run('unzip', ['-Z1', pageDocx]).split('\n');
    const charts = listing.filter((n) => /^word\/media\/chart\d+\.svg$/.test(n)).length;
    const pngs = listing.filter((n) => /^word\/media\/chart\d+\.png$/.test(n)).length;
    check('every chart on the page has its SVG and a PNG drawn on the canvas', charts > 10 && pngs === charts,
      `${charts} SVGs, ${pngs} PNGs`);

    // A real word processor: LibreOffice converts both without error.
    const t0 = Date.now();
    const pagePdf = toPdf(pageDocx, path.dirname(pageDocx), profile);
    check('LibreOffice converts the page\'s paper to PDF', pagePdf !== null, `${Date.now() - t0} ms`);
    const cliPdf = toPdf(cliDocx, path.dirname(cliDocx), profile);
    check('LibreOffice converts the command line\'s paper to PDF', cliPdf !== null);
    if (pagePdf && cliPdf) {
      const layout = run('pdftotext', ['-layout', pagePdf, '-']);
      const lines = layout.split('\n');
      const wrong = [];
      for (const f of headlines) {
        if (f.path) {
          const want = at(json, f.path);
          if (!Number.isInteger(want) || f.text !== thousands(want)) wrong.push(`${f.path}: page ${f.text}, CLI ${want}`);
        }
        // The row of the paper's headline table: the label's first words and the value.
        const start = f.label.split(' ').slice(0, 3).join(' ');
        const value = new RegExp(`(^|\\s)${escapeRe(f.text)}(\\s|$)`);
        if (!lines.some((l) => l.includes(start) && value.test(l))) wrong.push(`"${f.label}" ${f.text} not in the PDF`);
      }
      check('the PDF holds every headline figure as `careboard report --json --la 850` gives it',
        wrong.length === 0 && headlines.length >= 5, wrong.join('; ') || `${headlines.length} figures`);
      const reviewsHeld = thousands(json.reviews.held);
      check('the PDF\'s first section names the council and the year',
        layout.includes('Hampshire') && layout.includes('1 April 2024 to 31 March 2025'));
      check('the reviews held figure reads as the JSON\'s', new RegExp(`Reviews held\\s+${reviewsHeld}\\s`).test(layout), reviewsHeld);
      const images = run('pdfimages', ['-list', pagePdf]).split('\n').slice(2).filter((l) => l.trim()).length;
      check('the PDF shows a picture for every chart', images >= charts, `${images} images, ${charts} charts`);
      const norm = (pdf) => run('pdftotext', [pdf, '-']).replace(/\s+/g, ' ');
      check('the page\'s and the command line\'s papers read alike in LibreOffice', norm(pagePdf) === norm(cliPdf));
      const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pagePdf]))?.[1]);
      fs.mkdirSync(SHOTS, { recursive: true });
      for (const f of fs.readdirSync(SHOTS).filter((f) => f.startsWith('paper-'))) fs.rmSync(path.join(SHOTS, f));
      run('pdftoppm', ['-r', '60', '-png', pagePdf, path.join(SHOTS, 'paper')]);
      check('the paper\'s pages are drawn for a person to look at', pages > 0, `${pages} pages in target/e2e-shots/paper-*.png`);
    }

    // The user's edit of a narrative on the page is what the paper says for that section.
    const draft = await page.$$eval('#reviews [data-narrative] p', (ps) => ps.map((p) => p.textContent.trim()));
    await page.click('#reviews-narrative-edit');
    await page.fill('#reviews-narrative-text', 'Our own words on reviews.\n\nA second paragraph.');
    await page.click('#reviews .narrative button:has-text("Done")');
    await page.waitForSelector('#reviews .narrative[data-edited="true"]');
    const [again] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click('#download-paper')]);
    const editedDocx = path.join(tmp, 'page', 'edited.docx');
    await again.saveAs(editedDocx);
    const editedXml = part(editedDocx, 'word/document.xml');
    const xmlText = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    check('the paper carries the narrative as the user edited it on the page',
      editedXml.includes('Our own words on reviews.') && editedXml.includes('A second paragraph.')
        && draft.length > 0 && pageXml.includes(xmlText(draft[0])) && !editedXml.includes(xmlText(draft[0])),
      `draft began "${(draft[0] ?? '').slice(0, 50)}"`);
  } finally {
    await close();
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\n${counts.passes} passed, ${counts.failures} failed`);
  process.exit(counts.failures ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
