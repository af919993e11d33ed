// The drafted narrative (issue 9) in headless Chromium: each section's paragraph under its
// heading, its figures equal to the CLI's `report --json`; "Copy" puts the text on the
// clipboard and says "Copied"; "Edit" opens a labelled text box (focus there, and back to
// "Edit" after "Done"), the edit stays through a redraw and shows in print, "Reset to the
// draft" brings the draft back, and changing how figures are shown (publication mode) forgets
// it. axe-core finds no serious or critical violation at 1280 and 390 px, reading and
// editing. Screenshots land in target/e2e-shots/narrative-*.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, serve, launch, cli, synth, thousands, waitForMark, checker } from './common.mjs';

const SHOTS = path.join(ROOT, 'target', 'e2e-shots');
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const { check, counts } = checker();

/// axe-core on the part of the page `selector` names: no serious or critical violation.
async function axe(page, selector, label) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE);
  const found = await page.evaluate(async (sel) => {
    const r = await window.axe.run(sel, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}(${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
  const bad = found.filter((v) => /\((serious|critical)\)/.test(v));
  check(`axe ${label}: no serious or critical violation`, bad.length === 0, found.join('; ') || 'none');
}

/// The paragraphs of a section's narrative as shown.
async function paragraphs(page, section) {
  return page.$$eval(`[data-narrative="${section}"] p`, (ps) => ps.map((p) => p.textContent));
}

const focused = (page) => page.evaluate(() => document.activeElement?.id ?? '');

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careboard-narrative-'));
  const files = synth(path.join(tmp, 'export'), 200, 11);
  const json = JSON.parse(cli(['report', '--json', path.dirname(files[0])]));
  const srv = await serve();
  const { context, close } = await launch();
  const errors = [];
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: srv.origin });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(srv.origin + '/');
    await waitForMark(page, 'careboard-usable', 60000);
    await page.setInputFiles('#file-input', files);
    await page.waitForSelector('#report[data-state="ready"]', { timeout: 120000 });

    // ---- A narrative under each section's heading, its figures the CLI's -------------------
    const sections = await page.$$eval('section.report-section', (ss) => ss.map((s) => ({
      id: s.id,
      first: s.querySelector('h2')?.nextElementSibling?.classList.contains('narrative') ?? false,
      paragraphs: [...s.querySelectorAll('[data-narrative] p')].map((p) => p.textContent),
    })));
    const drafted = sections.filter((s) => s.paragraphs.length > 0).map((s) => s.id);
    // The IRO service's exports are not in a 903 export: that section has nothing to draft.
    const expected = sections.map((s) => s.id).filter((id) => id !== 'iro-service');
    check('every section but the IRO service (no exports loaded) has a narrative',
      expected.every((id) => drafted.includes(id)) && expected.length >= 7, drafted.join(', '));
    check('each narrative comes right under its section heading',
      sections.filter((s) => s.paragraphs.length).every((s) => s.first));
    const text = (id) => sections.find((s) => s.id === id)?.paragraphs.join(' ') ?? '';
    const cla = json.cla_at_31_march.total;
    const want = [
      ['headlines', `the council was corporate parent to ${thousands(cla)} children looked after`],
      ['headlines', `The IRO service chaired ${thousands(json.reviews.held)} child in care reviews`],
      ['reviews', `chaired ${thousands(json.reviews.held)} child in care reviews for ${thousands(json.reviews.children_reviewed)} children`],
      ['in-care', `${thousands(cla)} children were looked after`],
      ['flows', `${thousands(json.started)} children started to be looked after`],
      ['flows', `${thousands(json.ceased.total)} children stopped being looked after`],
      ['stability', `${thousands(json.cla_at_31_march.three_plus_placements)} of the ${thousands(cla)} children`],
    ];
    for (const [id, words] of want) {
      check(`the ${id} narrative says "${words}" (the CLI's figure)`, text(id).includes(words), text(id).slice(0, 200));
    }

    // ---- Copy: on the clipboard, and said in the live region ---------------------------------
    await page.click('#headlines-narrative-copy');
    await page.waitForFunction(() => document.querySelector('#headlines-narrative-status')?.textContent !== '', null, { timeout: 10000 });
    const status = await page.$eval('#headlines-narrative-status', (e) => ({ text: e.textContent, role: e.getAttribute('role') }));
    check('"Copy" says "Copied" in a status region', status.text === 'Copied' && status.role === 'status', JSON.stringify(status));
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    const headlines = await paragraphs(page, 'headlines');
    check('the clipboard holds the headlines narrative, a blank line between paragraphs',
      clipboard === headlines.join('\n\n'), clipboard.slice(0, 120));

    // ---- Edit with the keyboard: a labelled box, focus there and back ------------------------
    const draft = await paragraphs(page, 'reviews');
    await page.focus('#reviews-narrative-edit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#reviews-narrative-text');
    check('"Edit" moves focus to the text box', (await focused(page)) === 'reviews-narrative-text');
    const box = await page.evaluate(() => {
      const t = document.querySelector('#reviews-narrative-text');
      return { value: t.value, label: document.querySelector('label[for="reviews-narrative-text"]')?.textContent ?? '' };
    });
    check('the text box holds the draft and has a label', box.value === draft.join('\n\n') && /Edit the drafted text: Reviews/.test(box.label), box.label);
    await page.setViewportSize({ width: 1280, height: 900 });
    await axe(page, '#reviews .narrative', 'the narrative being edited at 1280 px');
    await page.locator('#reviews .narrative').screenshot({ path: path.join(SHOTS, 'narrative-editing-1280.png') });
    await page.fill('#reviews-narrative-text', 'Our own first paragraph.\n\nAnd a second one.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // "Done", the next control.
    await page.waitForSelector('#reviews-narrative-edit');
    check('"Done" returns focus to "Edit"', (await focused(page)) === 'reviews-narrative-edit');
    const edited = await paragraphs(page, 'reviews');
    check('the edit shows as two paragraphs, marked edited',
      JSON.stringify(edited) === JSON.stringify(['Our own first paragraph.', 'And a second one.'])
      && (await page.$eval('#reviews .narrative', (e) => e.dataset.edited)) === 'true', JSON.stringify(edited));
    check('the edit is announced', /kept until the page is closed/.test(await page.$eval('#reviews-narrative-status', (e) => e.textContent)));

    // ---- The edit stays through moving about and a redraw, and prints -----------------------
    await page.click('a[href="#in-care"]');
    await page.setViewportSize({ width: 390, height: 900 });
    await page.waitForTimeout(300);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.click('a[href="#reviews"]');
    check('the edit is kept after moving to another section and a redraw',
      JSON.stringify(await paragraphs(page, 'reviews')) === JSON.stringify(edited));
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const n = document.querySelector('#reviews .narrative');
      // Laid out at all (an element inside a hidden one keeps its own display value).
      const shown = (e) => e !== null && e.getClientRects().length > 0;
      return {
        text: shown(n.querySelector('[data-narrative]')) ? n.querySelector('[data-narrative]').innerText : null,
        buttons: [...n.querySelectorAll('button, .narrative__note, .narrative__label')].filter(shown).length,
      };
    });
    await page.emulateMedia({ media: 'screen' });
    check('print shows the edited text and none of the buttons or notes',
      typeof printed.text === 'string' && printed.text.includes('Our own first paragraph.') && printed.buttons === 0, JSON.stringify(printed));

    // ---- Reset to the draft -----------------------------------------------------------------
    await page.click('#reviews-narrative-reset');
    check('"Reset to the draft" brings the draft back',
      JSON.stringify(await paragraphs(page, 'reviews')) === JSON.stringify(draft)
      && (await page.$eval('#reviews .narrative', (e) => e.dataset.edited)) === 'false');
    check('after the reset focus is on "Edit"', (await focused(page)) === 'reviews-narrative-edit');

    // ---- axe and screenshots at both widths --------------------------------------------------
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(200);
      await axe(page, '#headlines .narrative', `the headlines narrative at ${width} px`);
      await axe(page, '#in-care .narrative', `the in-care narrative at ${width} px`);
      await page.locator('#headlines .narrative').screenshot({ path: path.join(SHOTS, `narrative-headlines-${width}.png`) });
      await page.locator('#in-care .narrative').screenshot({ path: path.join(SHOTS, `narrative-in-care-${width}.png`) });
    }
    await page.click('#flows-narrative-edit');
    await axe(page, '#flows .narrative', 'the narrative being edited at 390 px');
    await page.locator('#flows .narrative').screenshot({ path: path.join(SHOTS, 'narrative-editing-390.png') });
    await page.fill('#flows-narrative-text', 'Typed outside publication mode.');
    await page.click('#flows .narrative button:has-text("Done")');
    await page.setViewportSize({ width: 1280, height: 900 });

    // ---- Publication mode redrafts, forgetting the edit -------------------------------------
    await page.check('#publication-mode');
    await page.waitForSelector('#report[data-publication="true"]');
    const flows = await paragraphs(page, 'flows');
    check('publication mode forgets an edit made outside it (the draft is redrafted)',
      flows.length > 0 && !flows.join(' ').includes('Typed outside publication mode.'), flows.join(' ').slice(0, 120));
    await page.uncheck('#publication-mode');
    check('no error in the page', errors.length === 0, errors.join('; '));
  } finally {
    await close();
    await srv.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\n${counts.passes} passed, ${counts.failures} failed`);
  process.exit(counts.failures ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
