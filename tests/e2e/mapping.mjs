// The mapping step (issue 14): a synthetic export whose IRO service files are in a Mosaic-like
// shape is dropped; the page asks how to read them; the mapping is completed with the keyboard
// only (Tab to each field, arrow keys to choose, Enter to apply), to match the profile the
// generator wrote; the IRO service figures then equal `careboard report --mapping`. The mapping
// profile is saved, the page reloaded with nothing remembered, a damaged profile refused with a
// message naming it, the saved profile and the files loaded again: the same figures, no
// mapping step. Screenshots of the step at 1280 and 390 px land in target/e2e-shots/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, DIST, CLI, serve, launch, cli, waitForMark, waitWorkerReady, waitOfflineCopy,
  pageFigures, figureMismatches, checker,
} from './common.mjs';

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

/// Presses Tab until the element with `id` has focus (false if it never does).
async function tabTo(page, id, max = 400) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return true;
    await page.keyboard.press('Tab');
  }
  return false;
}

/// With the keyboard: Tab to the <select> `id` and move to the option of value `want` with the
/// arrow keys (a closed select changes, and fires `change`, at each arrow press).
async function choose(page, id, want) {
  if (!(await tabTo(page, id))) return `could not Tab to #${id}`;
  const { from, to } = await page.evaluate(([sel, value]) => {
    const s = document.getElementById(sel);
    return { from: s.selectedIndex, to: [...s.options].findIndex((o) => o.value === value) };
  }, [id, want]);
  if (to < 0) return `#${id} has no option ${JSON.stringify(want)}`;
  const key = to > from ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(to - from); i++) await page.keyboard.press(key);
  const now = await page.$eval(`#${id}`, (s) => s.value);
  return now === want ? null : `#${id} is ${JSON.stringify(now)}, not ${JSON.stringify(want)}`;
}

const norm = (h) => h.toUpperCase().replace(/[^A-Z0-9]/g, '');

/// The page's mapping form 0 completed, with the keyboard, to agree with `profile`: returns
/// what could not be done.
async function completeForm(page, profile) {
  const problems = [];
  const headings = await page.$$eval('#map-0-child option, #map-0-iro option, select[id^="map-0-"] option',
    (os) => [...new Set(os.map((o) => o.textContent.replace(/ \((e\.g\.|blank).*$/s, '')))]);
  // The profile's mapping whose headings are all this file's.
  const have = new Set(headings.map(norm));
  const mapping = profile.tables.find((m) => Object.values(m.columns).every((h) => have.has(norm(h))));
  if (!mapping) return [`no profile mapping fits the headings ${headings.join(', ')}`];
  const err = await choose(page, 'map-0-table', mapping.table);
  if (err) problems.push(err);
  // Every select of the form in page order, again after each change (value fields appear).
  for (let pass = 0; pass < 3; pass++) {
    const selects = await page.$$eval('select[id^="map-0-"]', (ss) => ss.map((s) => ({
      id: s.id,
      label: document.querySelector(`label[for="${s.id}"]`)?.textContent ?? '',
      options: [...s.options].map((o) => ({ value: o.value, text: o.textContent })),
    })));
    for (const s of selects) {
      if (s.id === 'map-0-table') continue;
      const value = s.id.match(/^map-0-(.+)-value-\d+$/);
      let want;
      if (value) {
        const column = value[1].toUpperCase().replace(/-/g, '_');
        const found = s.label.replace(/^\u201c|\u201d$/g, '');
        want = mapping.values?.[column]?.[found] ?? '-';
      } else {
        const column = s.id.slice('map-0-'.length).toUpperCase().replace(/-/g, '_');
        const heading = mapping.columns[column];
        const option = heading && s.options.find((o) => o.value !== '' && o.text.replace(/ \((e\.g\.|blank).*$/s, '') === heading);
        want = option ? option.value : '';
      }
      const e = await choose(page, s.id, want);
      if (e && pass === 2) problems.push(e);
    }
  }
  if (!(await tabTo(page, 'map-0-apply'))) problems.push('could not Tab to the apply button');
  else await page.keyboard.press('Enter');
  return problems;
}

async function settle(page) {
  await page.waitForFunction(() => document.querySelector('#report')?.dataset.state !== 'working'
    && !document.querySelector('.progress'), null, { timeout: 120000, polling: 50 });
}

async function main() {
  check('dist/index.html exists (make dist)', fs.existsSync(path.join(DIST, 'index.html')));
  check(`CLI exists (${path.relative(ROOT, CLI)})`, fs.existsSync(CLI));
  fs.mkdirSync(SHOTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careboard-mapping-'));
  const dir = path.join(tmp, 'mosaic');
  cli(['synth', '--children', '200', '--seed', '14', '--out', dir, '--local', 'mosaic']);
  const profilePath = path.join(dir, 'careboard-profile.json');
  const profile = JSON.parse(fs.readFileSync(profilePath, 'utf8'));
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(dir, f));
  const json = JSON.parse(cli(['report', '--json', '--mapping', profilePath, ...files]));
  check('the CLI reads the Mosaic-like files through the profile (IRO service figures)',
    !!json.iro_service?.caseload, Object.keys(json.iro_service ?? {}).join(', '));
  const childIds = fs.readFileSync(path.join(dir, 'header.csv'), 'utf8').split('\n').slice(1, 6)
    .map((l) => l.split(',')[0]).filter(Boolean);

  const srv = await serve();
  const { context, close } = await launch();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(srv.origin + '/');
    await waitForMark(page, 'careboard-usable', 60000);
    check('the worker is listening', await waitWorkerReady(page));
    check('the offline copy is made', await waitOfflineCopy(page));
    await waitForMark(page, 'careboard-worker-listening', 60000);

    await page.setInputFiles('#file-input', files);
    await page.waitForSelector('#mapping-step', { timeout: 120000 });
    await settle(page);
    const forms = await page.$$eval('#mapping-step form', (fs) => fs.length);
    check('the five Mosaic-like files wait in the mapping step', forms === 5, `${forms} forms`);
    check('focus is on the mapping step\'s heading',
      await page.evaluate(() => document.activeElement?.id === 'mapping-heading'));
    const firstSource = await page.$eval('#map-0-heading', (h) => h.textContent);
    const firstOptions = await page.$$eval('#map-0-child option', (os) => os.map((o) => o.textContent));
    check('each column is offered with its first values',
      firstOptions.some((t) => / \(e\.g\. .+\)$/.test(t)), `${firstSource}: ${firstOptions.slice(0, 3).join(' | ')}`);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      // The first screenful of the step as a manager sees it, then the whole step.
      await page.$eval('#mapping-heading', (h) => h.scrollIntoView());
      await page.screenshot({ path: path.join(SHOTS, `mapping-step-${width}.png`) });
      await page.locator('#mapping-step').screenshot({ path: path.join(SHOTS, `mapping-step-all-${width}.png`) });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      check(`the mapping step fits ${width} px without sideways scrolling`, !overflow);
      await axe(page, '#mapping-step', `the mapping step at ${width} px`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // A required column left out: the error summary names it, takes focus and links to it.
    const required = await page.$eval('label[for="map-0-child"]', (l) => l.textContent);
    await choose(page, 'map-0-child', '');
    await tabTo(page, 'map-0-apply');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#map-0-errors', { timeout: 10000 });
    const summary = await page.$eval('#map-0-errors', (e) => ({
      text: e.textContent, href: e.querySelector('a')?.getAttribute('href'),
      focused: document.activeElement === e,
    }));
    check('a missing required column is named in an error summary that has focus and links to it',
      summary.focused && summary.href === '#map-0-child' && /CHILD/.test(summary.text),
      `${required} / ${JSON.stringify(summary)}`);
    await axe(page, '#mapping-step', 'the mapping step with an error');

    let rounds = 0;
    while ((await page.$('#mapping-step')) && rounds < 8) {
      rounds++;
      const source = await page.$eval('#map-0-heading', (h) => h.textContent);
      const problems = await completeForm(page, profile);
      check(`keyboard: the mapping of ${source} is completed and applied`, problems.length === 0, problems.join('; '));
      await page.waitForFunction((s) => document.querySelector('#map-0-heading')?.textContent !== s, source,
        { timeout: 120000, polling: 50 });
      await settle(page);
      const focus = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
      check(`focus after applying ${source} is not dropped to the page body`, focus !== 'BODY', focus);
    }
    check('every file is mapped: no mapping step is left', !(await page.$('#mapping-step')));
    await page.waitForSelector('#report[data-state="ready"]', { timeout: 120000 });

    const compare = async (label) => {
      const figures = await pageFigures(page);
      const iro = figures.filter((f) => f.path.startsWith('iro_service.'));
      check(`${label}: the IRO service section shows figures`, iro.length >= 3, `${iro.length} figures`);
      const wrong = figureMismatches(figures, json);
      check(`${label}: all ${figures.length} figures (${iro.length} of the IRO service) equal \`careboard report --mapping\``,
        wrong.length === 0, wrong.join('; '));
      const cells = await page.$$eval('#iro-service table', (ts) => ts.map((t) => t.textContent).join('|'));
      return cells;
    };
    const tablesMapped = await compare('mapped by keyboard');

    // Save the profile: a small JSON with the mappings and no child's ID.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30000 }),
      (async () => { await tabTo(page, 'save-profile'); await page.keyboard.press('Enter'); })(),
    ]);
    const saved = path.join(tmp, 'saved-profile.json');
    await download.saveAs(saved);
    const savedText = fs.readFileSync(saved, 'utf8');
    const savedJson = JSON.parse(savedText);
    check('the saved profile holds the five mappings', savedJson.careboard_mapping_profile === 1
      && savedJson.tables.length === 5, `${savedJson.tables?.length} mappings`);
    check('the saved profile holds no child\'s ID', childIds.length > 0 && childIds.every((id) => !savedText.includes(`"${id}"`)),
      childIds.join(', '));

    // Reload with nothing remembered.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await waitForMark(page, 'careboard-usable', 60000);
    await waitForMark(page, 'careboard-worker-listening', 60000);
    const damaged = path.join(tmp, 'damaged-profile.json');
    fs.writeFileSync(damaged, savedText.slice(0, savedText.length / 2));
    await page.setInputFiles('#profile-input', damaged);
    await page.waitForSelector('#profile-error', { timeout: 10000 });
    const refusal = await page.$eval('#profile-error', (e) => ({ text: e.textContent, focused: document.activeElement === e }));
    check('a damaged profile is refused with a message naming the file, which takes focus',
      refusal.focused && refusal.text.includes('damaged-profile.json') && /cut short/.test(refusal.text), refusal.text);

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 10000 }),
      (async () => { await tabTo(page, 'load-profile'); await page.keyboard.press('Enter'); })(),
    ]);
    await chooser.setFiles(saved);
    await page.waitForSelector('#profile-loaded', { timeout: 10000 });
    check('the profile loaded says what it held', /5 file mappings/.test(await page.$eval('#profile-loaded', (e) => e.textContent)));
    await page.setInputFiles('#file-input', files);
    await page.waitForSelector('#report[data-state="ready"]', { timeout: 120000 });
    await settle(page);
    check('with the profile loaded no file waits for mapping', !(await page.$('#mapping-step')));
    const tablesLoaded = await compare('profile loaded after a reload');
    check('the IRO service tables are the same as after the keyboard mapping',
      tablesLoaded.length > 0 && tablesLoaded === tablesMapped, `${tablesLoaded.length} characters`);
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
