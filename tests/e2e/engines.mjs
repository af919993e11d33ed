// The page in the two other browser engines: Firefox (Gecko: firefox-esr, driven by
// puppeteer-core over WebDriver BiDi) and WebKit (the engine of Safari on the councillors'
// iPads: WebKitGTK's MiniBrowser, driven by selenium-webdriver through WebKitWebDriver under
// Xvfb). Chromium has the full test (e2e.mjs); this one is lean: load the page under a
// sub-path, give it one export, every [data-figure] must equal the CLI's JSON, and no request
// may go off the origin or reach the server once the files are chosen; then stop the server
// and do it again (the page opens from its service worker's copy).
// Run: node tests/e2e/engines.mjs [firefox] [webkit]   (both by default; part of `make e2e`).
//
// Requests are recorded by the test's own server (every engine), by the page's Resource
// Timing entries (every engine: what the page itself fetched, with full URLs) and, in Firefox,
// by puppeteer's request events too (WebKitWebDriver has no request log).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { Builder, By } from 'selenium-webdriver';
import {
  ROOT, DIST, SUB_PATH, serve, cli, synth, pageFigures, figureMismatches, checker, pageRequests,
} from './common.mjs';

const SHOTS = path.join(ROOT, 'target', 'e2e-shots');
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'synth-small');
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
const WIDTHS = [1280, 390];
const { check, counts } = checker();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/// Polls `test` (async, true when done) until it holds or `ms` pass.
async function until(test, ms, what) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await test()) return;
    await sleep(100);
  }
  throw new Error(`gave up after ${ms} ms waiting for ${what}`);
}

/// Firefox through puppeteer-core (WebDriver BiDi; no driver binary needed).
async function firefox() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'careboard-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: profile,
    extraPrefsFirefox: { 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false },
  });
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    name: 'Firefox',
    wholePage: true,
    requests,
    errors,
    goto: (url) => page.goto(url),
    run: (fn, ...args) => page.evaluate(fn, ...args),
    upload: async (files) => (await page.$('#file-input')).uploadFile(...files),
    figures: () => pageFigures(page),
    width: (width) => page.setViewport({ width, height: 900 }),
    shot: (file) => page.screenshot({ path: file, fullPage: true }),
    close: async () => {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/// A child process that must be stopped by its own id when the test ends.
function start(cmd, args, env) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
  };
  return { child, stderr: () => stderr, stop };
}

/// A TCP port nothing listens on now, as the system hands one out: a port worked out from
/// the process ID could be the local end of a connection of the moment (it once was, and
/// WebKitWebDriver could not listen).
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/// WebKit: MiniBrowser through WebKitWebDriver, on a private Xvfb display (MiniBrowser has no
/// headless mode).
async function webkit() {
  const display = `:${90 + (process.pid % 400)}`;
  const xvfb = start('Xvfb', [display, '-screen', '0', '1400x1000x24', '-nolisten', 'tcp']);
  await sleep(500);
  const port = await freePort();
  const driverProcess = start(WEBKIT_DRIVER, [`--port=${port}`], { DISPLAY: display });
  const stopAll = async () => { await driverProcess.stop(); await xvfb.stop(); };
  let driver;
  try {
    await until(async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/status`)).ok;
      } catch { return false; }
    }, 20000, 'WebKitWebDriver to listen');
    driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      })
      .build();
  } catch (e) {
    await stopAll();
    throw new Error(`${e.message}\nXvfb: ${xvfb.stderr()}\nWebKitWebDriver: ${driverProcess.stderr()}`);
  }
  await driver.manage().setTimeouts({ script: 60000 });
  return {
    name: 'WebKit',
    wholePage: false,
    requests: null,
    errors: null,
    goto: (url) => driver.get(url),
    run: (fn, ...args) => driver.executeScript(`return (${fn}).apply(null, arguments)`, ...args),
    upload: async (files) => driver.findElement(By.id('file-input')).sendKeys(files.join('\n')),
    figures: () => driver.executeScript(`return [...document.querySelectorAll('[data-figure]')].map((e) =>
      ({ path: e.dataset.figure, value: e.dataset.value ?? null, text: e.textContent.trim() }))`),
    // The window's size: MiniBrowser's own toolbar takes some of its height, none of its width.
    width: (width) => driver.manage().window().setRect({ width, height: 900 }),
    shot: async (file) => fs.writeFileSync(file, Buffer.from(await driver.takeScreenshot(), 'base64')),
    close: async () => {
      try {
        await driver.quit();
      } finally {
        await stopAll();
      }
    },
  };
}

async function scenario(open, files, cliJson, big, srv) {
  const started = Date.now();
  const engine = await open();
  const label = engine.name;
  const onReady = (state) => engine.run((s) => document.querySelector('#report')?.dataset.state === s, state);
  try {
    console.log(`\n---- ${label} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    await engine.width(1280);
    await engine.goto(srv.origin + SUB_PATH);
    await until(() => engine.run(() => performance.getEntriesByName('careboard-usable').length > 0), 60000, 'the page to be usable');
    check(`${label}: the page under ${SUB_PATH} is usable and empty`, await onReady('empty'));
    // Its worker has loaded: the page has all it needs from the server.
    await until(() => engine.run(() => performance.getEntriesByName('careboard-worker-listening').length > 0), 60000, 'the worker to listen');
    // And its service worker has copied the page's files for use offline (it then controls it).
    await until(() => engine.run(() => navigator.serviceWorker?.controller?.state === 'activated'), 30000, 'the service worker');
    check(`${label}: the page's service worker controls it`, true);
    const serverBefore = srv.log.length;
    const chosenAt = Date.now();
    await engine.upload(files);
    await until(() => onReady('ready'), 120000, 'the report');
    check(`${label}: the report is ready`, true, `${((Date.now() - chosenAt) / 1000).toFixed(1)} s after the files were given`);

    const year = await engine.run(() => document.querySelector('#report').dataset.year);
    check(`${label}: the reporting year is the CLI's`, year === cliJson.year_ending, `${year} vs ${cliJson.year_ending}`);
    const figures = await engine.figures();
    const wrong = figureMismatches(figures, cliJson);
    check(`${label}: all ${figures.length} figures equal the CLI's JSON (data-value and text)`,
      figures.length >= 10 && wrong.length === 0, wrong.join('; '));
    const listed = await engine.run(() => [...document.querySelectorAll('#files-panel tbody th')].map((th) => th.firstChild.textContent));
    const names = files.map((f) => path.basename(f));
    check(`${label}: every file is listed as loaded`, names.every((n) => listed.includes(n)), listed.join(', '));

    for (const width of WIDTHS) {
      await engine.width(width);
      await sleep(300);
      const [inner, overflow] = await engine.run(() =>
        [innerWidth, document.documentElement.scrollWidth - document.documentElement.clientWidth]);
      check(`${label}: at ${width} px the page does not scroll sideways`, overflow <= 0,
        `${overflow} px too wide; the page is ${inner} px wide`);
      await engine.shot(path.join(SHOTS, `${label.toLowerCase()}-report-${width}.png`));
      if (!engine.wholePage) {
        // Only the window is captured: a few sections too, to look at the charts.
        for (const id of ['headlines', 'reviews', 'in-care', 'stability']) {
          await engine.run((i) => document.getElementById(i)?.scrollIntoView(), id);
          await sleep(200);
          await engine.shot(path.join(SHOTS, `${label.toLowerCase()}-${id}-${width}.png`));
        }
        await engine.run(() => scrollTo(0, 0));
      }
    }

    // Requests: none to another origin, none at all once the files were chosen.
    const resources = await engine.run(() => performance.getEntriesByType('resource').map((e) => e.name));
    const foreign = [...resources, ...(engine.requests ?? [])]
      .filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && !u.startsWith(srv.origin + '/'));
    check(`${label}: no request to any origin but the page's`, foreign.length === 0, foreign.join(' '));
    const after = pageRequests(srv.log.slice(serverBefore)).map((l) => `${l.method} ${l.path}`);
    check(`${label}: the server received no request from the page once the files were chosen`, after.length === 0, after.join(' '));
    const missing = srv.log.filter((l) => l.status >= 400).map((l) => `${l.status} ${l.path}`);
    check(`${label}: the server answered every request (no 404)`, missing.length === 0, missing.join(' '));

    // Offline: the server stops; the page opens again from its service worker's copy.
    const loadedAt = await engine.run(() => performance.timeOrigin);
    await srv.stop();
    await engine.goto(srv.origin + SUB_PATH);
    await until(() => engine.run(() => performance.getEntriesByName('careboard-worker-listening').length > 0), 60000,
      'the page and its worker to start offline');
    check(`${label}: with the server stopped, the page loads afresh, empty`,
      (await engine.run(() => performance.timeOrigin)) !== loadedAt && (await onReady('empty')));
    await engine.upload(files);
    await until(() => onReady('ready'), 120000, 'the report offline');
    const offline = figureMismatches(await engine.figures(), cliJson);
    check(`${label}: with the server stopped, the page opens from its copy and gives the same figures`, offline.length === 0,
      offline.join('; '));

    // A big export (over 32 MB, so not read ahead; its CSVs over 4 MB read a piece at a time:
    // the first by the worker, with File.slice and FileReaderSync, each next one by the page
    // while the worker splits the one before): the CLI's figures too.
    await engine.goto(srv.origin + SUB_PATH);
    await until(() => engine.run(() => performance.getEntriesByName('careboard-worker-listening').length > 0), 60000,
      'the page and its worker to start again');
    const bigAt = Date.now();
    await engine.upload(big.files);
    await until(() => onReady('ready'), 240000, 'the big export\'s report');
    const bigFigures = await engine.figures();
    const wrongBig = figureMismatches(bigFigures, big.json);
    check(`${label}: ${big.label} gives the CLI's figures (all ${bigFigures.length})`,
      bigFigures.length >= 10 && wrongBig.length === 0, wrongBig.join('; ') ||
      `${((Date.now() - bigAt) / 1000).toFixed(1)} s after the files were given`);
    // Every piece after a file's first 4 MB, read by the page for the worker: for each file,
    // ceil((size - 4 MB) / 4 MB) of them (the export is ASCII, so no file is read whole).
    const piece = 4 * 1048576;
    const wantPieces = big.sizes.reduce((n, size) => n + Math.max(0, Math.ceil((size - piece) / piece)), 0);
    const readPieces = await engine.run(() => performance.getEntriesByName('careboard-page-piece-read').length);
    check(`${label}: the page read the big files' ${wantPieces} later pieces for the worker as it split the ones before`,
      wantPieces > 0 && readPieces === wantPieces, `${readPieces} read`);
    if (engine.errors) check(`${label}: no uncaught error on the page`, engine.errors.length === 0, engine.errors.join(' | '));
  } finally {
    await engine.close();
    console.log(`      ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  }
}

async function main() {
  check('dist/index.html exists (make dist)', fs.existsSync(path.join(DIST, 'index.html')));
  fs.mkdirSync(SHOTS, { recursive: true });
  const files = fs.readdirSync(FIXTURE).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(FIXTURE, f));
  const cliJson = JSON.parse(cli(['report', '--json', FIXTURE]));
  const bigDir = path.join(ROOT, 'target', 'e2e-big', 'export');
  const bigFiles = synth(bigDir, 16000, 11);
  const sizes = bigFiles.map((f) => fs.statSync(f).size);
  const mb = (n) => (n / 1048576).toFixed(1);
  const big = {
    files: bigFiles,
    sizes,
    json: JSON.parse(cli(['report', '--json', bigDir])),
    label: `a ${mb(sizes.reduce((a, b) => a + b, 0))} MB export (largest file ${mb(Math.max(...sizes))} MB)`,
  };
  const wanted = process.argv.slice(2);
  const engines = { firefox, webkit };
  for (const name of wanted.length ? wanted : Object.keys(engines)) {
    if (!engines[name]) throw new Error(`no engine "${name}" (firefox, webkit)`);
    const srv = await serve();
    try {
      await scenario(engines[name], files, cliJson, big, srv);
    } catch (e) {
      check(`${name}: the test ran to the end`, false, e.stack || String(e));
    } finally {
      await srv.close();
    }
  }
}

try {
  await main();
} catch (e) {
  check('the test ran to the end', false, e.stack || String(e));
}
console.log(`\n${counts.passes} passed, ${counts.failures} failed. Screenshots in ${path.relative(ROOT, SHOTS)}/`);
process.exit(counts.failures ? 1 : 0);
