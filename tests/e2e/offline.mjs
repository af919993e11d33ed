// Offline once loaded, and updated by a new build: the page's service worker (sw.js) in
// headless Chromium. Run: node tests/e2e/offline.mjs   (part of `make e2e`). Exits 1 on any
// failure.
//
// 1. Build A is served under the sub-path and opened: its service worker copies exactly the
//    files of dist/ (as sw.js lists them) into a cache named for its folder and build.
// 2. Build B (dist/ with a marked index.html, hashed again by scripts/service-worker.mjs, as
//    a new `trunk build` would) replaces A on the server: one reload shows B, and B's copy
//    replaces A's. A second copy of the site at `/` keeps a copy of its own beside it.
// 3. The server stops (its port closed): a reload still opens B from the copy, and the
//    export given to it gives the CLI's figures; no request is made once the files are chosen,
//    and the copy still holds the page's own files only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  ROOT, DIST, SUB_PATH, serve, launch, cli, waitForMark, pageFigures, figureMismatches, checker,
} from './common.mjs';

const SHOTS = path.join(ROOT, 'target', 'e2e-shots');
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'synth-small');
const { check, counts } = checker();

/// The build hash and file list the build wrote into a dist folder's sw.js.
function swList(dir) {
  const text = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const build = text.match(/^const BUILD = '([0-9a-f]+)';$/m)?.[1];
  const files = JSON.parse(text.match(/^const FILES = (\[.*\]);$/m)?.[1] ?? 'null');
  return { build, files };
}

/// The page's Cache Storage: { cache name: [URLs] }.
async function cacheContents(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of (await caches.keys()).sort()) {
      out[name] = (await (await caches.open(name)).keys()).map((r) => r.url).sort();
    }
    return out;
  });
}

/// Polls `test` (run in the page, may be async) until it gives true; a failed check if it
/// never does within `ms`.
async function until(page, test, arg, ms, what) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await page.evaluate(test, arg).catch(() => false)) return check(what, true);
    await page.waitForTimeout(100);
  }
  return check(`${what} (within ${ms / 1000} s)`, false);
}

const controlled = () => navigator.serviceWorker?.controller?.state === 'activated';
const marked = () => document.querySelector('meta[name="careboard-test-build"]')?.content ?? 'A';

async function main() {
  const a = swList(DIST);
  check('dist/sw.js lists the build\'s files and a hash (Trunk\'s post-build hook ran)',
    !!a.build && Array.isArray(a.files) && a.files.includes('index.html') && a.files.includes('worker_bg.wasm') && !a.files.includes('sw.js'),
    `build ${a.build}, ${a.files?.length} files`);
  const distFiles = fs.readdirSync(DIST).filter((f) => f !== 'sw.js').sort();
  check('sw.js lists every file of dist/ but itself', JSON.stringify(a.files) === JSON.stringify(distFiles), a.files?.join(' '));

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careboard-offline-'));
  const distB = path.join(tmp, 'dist-b');
  fs.cpSync(DIST, distB, { recursive: true });
  const indexB = path.join(distB, 'index.html');
  fs.writeFileSync(indexB, fs.readFileSync(indexB, 'utf8').replace('</head>', '<meta name="careboard-test-build" content="B">\n</head>'));
  execFileSync('node', [path.join(ROOT, 'scripts', 'service-worker.mjs'), distB]);
  const b = swList(distB);
  check('a changed file gives a new build hash', b.build && b.build !== a.build, `${a.build} -> ${b.build}`);

  const files = fs.readdirSync(FIXTURE).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(FIXTURE, f));
  const cliJson = JSON.parse(cli(['report', '--json', FIXTURE]));
  const srv = await serve(DIST);
  const { context, close } = await launch();
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), sw: !!r.serviceWorker?.() }));
  const site = srv.origin + SUB_PATH;
  const copyOf = (build, where, list) => ({ [`careboard ${where} ${build}`]: list.map((f) => srv.origin + where + f).sort() });
  try {
    // ---- 1. Build A ------------------------------------------------------------------------
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(site);
    await waitForMark(page, 'careboard-usable', 60000);
    if (await until(page, controlled, null, 30000, 'A: the service worker controls the page')) {
      check('A: the page is controlled by sw.js of its own folder',
        await page.evaluate(() => navigator.serviceWorker.controller.scriptURL) === site + 'sw.js');
    }
    const cachedA = await cacheContents(page);
    check('A: the copy holds exactly the files of build A, in a cache named for the folder and the build',
      JSON.stringify(cachedA) === JSON.stringify(copyOf(a.build, SUB_PATH, a.files)), JSON.stringify(cachedA));

    // ---- 2. Build B replaces A -------------------------------------------------------------
    srv.setDir(distB);
    await page.reload();
    await waitForMark(page, 'careboard-usable', 60000);
    check('B: one reload shows the new build', (await page.evaluate(marked)) === 'B');
    const prefix = `careboard ${SUB_PATH} `;
    await until(page, (want) => caches.keys().then((k) => k.length === 1 && k[0] === want), prefix + b.build, 30000,
      'B: B\'s copy replaces A\'s');
    const cachedB = await cacheContents(page);
    check('B: the copy holds exactly the files of build B (A\'s deleted)',
      JSON.stringify(cachedB) === JSON.stringify(copyOf(b.build, SUB_PATH, b.files)), JSON.stringify(Object.keys(cachedB)));
    // A second copy of the site on the same server, at its root, keeps its own copy.
    const rootPage = await context.newPage();
    await rootPage.goto(srv.origin + '/');
    await until(rootPage, controlled, null, 30000, 'a copy at / is controlled by its own service worker');
    await rootPage.close();
    const both = await cacheContents(page);
    check('a copy of the site at / keeps a copy of its own beside the sub-path\'s',
      JSON.stringify(both) === JSON.stringify({ ...copyOf(b.build, '/', b.files), ...copyOf(b.build, SUB_PATH, b.files) }),
      JSON.stringify(Object.keys(both)));

    // ---- 3. Offline -----------------------------------------------------------------------
    await srv.stop();
    const served = srv.log.length;
    await page.reload();
    await waitForMark(page, 'careboard-usable', 60000);
    check('offline: the page opens from the copy, build B', (await page.evaluate(marked)) === 'B');
    await waitForMark(page, 'careboard-worker-listening', 60000);
    check('offline: its worker starts from the copy', true);
    const chosen = requests.length;
    await page.setInputFiles('#file-input', files);
    await page.waitForSelector('#report[data-state="ready"]', { timeout: 60000 });
    const figures = await pageFigures(page);
    const wrong = figureMismatches(figures, cliJson);
    check(`offline: all ${figures.length} figures equal the CLI's JSON`, figures.length >= 10 && wrong.length === 0, wrong.join('; '));
    await page.screenshot({ path: path.join(SHOTS, 'offline-1280.png') });
    const after = requests.slice(chosen).filter((r) => !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
    check('offline: no request once the files were chosen (page, worker or service worker)', after.length === 0,
      after.map((r) => `${r.sw ? 'sw ' : ''}${r.url}`).join(' '));
    check('offline: the server received nothing (it is stopped)', srv.log.length === served);
    check('the copy still holds only the page\'s own files', JSON.stringify(await cacheContents(page)) === JSON.stringify(both));
    const foreign = requests.filter((r) => !r.url.startsWith(srv.origin + '/') && !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
    check('no request to any origin but the page\'s', foreign.length === 0, foreign.map((r) => r.url).join(' '));
    check('no uncaught error on the page', errors.length === 0, errors.join(' | '));
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
console.log(`\n${counts.passes} passed, ${counts.failures} failed.`);
process.exit(counts.failures ? 1 : 0);
