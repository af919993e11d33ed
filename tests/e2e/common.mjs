// Shared by e2e.mjs and bench.mjs: a tiny static server for dist/, the headless Chromium
// launch, the CLI, and small helpers. No test framework: plain node.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const CLI = process.env.CAREBOARD_BIN || path.join(ROOT, 'target', 'release', 'careboard');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/// The second place the same dist/ is served from: relative links must work under it.
export const SUB_PATH = '/some/sub/path/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/// Serves dist/ at `/` and at SUB_PATH on 127.0.0.1, on a free port. Every request it receives
/// is appended to `log` (method, path), so a test sees what reached the server too.
/// `delays` (path suffix -> ms) holds back a file, e.g. to make the worker start late.
/// `setDir` serves another folder from then on (a new build); `stop` cuts the network: the
/// port is closed and every open connection dropped.
export async function serve(dir = DIST) {
  let root = dir;
  const delays = {};
  const log = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const entry = { method: req.method, path: url.pathname, at: Date.now(), status: 0 };
    log.push(entry);
    res.on('finish', () => { entry.status = res.statusCode; });
    let rel = url.pathname;
    if (rel.startsWith(SUB_PATH)) rel = '/' + rel.slice(SUB_PATH.length);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, '.' + decodeURIComponent(rel));
    if (!file.startsWith(path.resolve(root) + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    const delay = Object.entries(delays).find(([suffix]) => url.pathname.endsWith(suffix))?.[1] ?? 0;
    setTimeout(() => fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'content-length': st.size,
        'cache-control': 'no-store',
      });
      fs.createReadStream(file).pipe(res);
    }), delay);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const close = () => new Promise((r) => {
    server.close(r);
    server.closeAllConnections();
  });
  return {
    server, log, delays, port, origin: `http://127.0.0.1:${port}`, close, stop: close,
    setDir: (d) => { root = d; },
  };
}

/// Headless Chromium (Debian's, never a downloaded one) with a fresh profile.
export async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'careboard-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close, userDataDir };
}

/// Runs the CLI, returning stdout.
export function cli(args, opts = {}) {
  return execFileSync(CLI, args, { maxBuffer: 1 << 30, encoding: 'utf8', ...opts });
}

/// A synthetic export in `dir` (made once; reused when already there), returns its files.
export function synth(dir, children, seed, format = 'csv') {
  // The stamp sits beside the folder: the CLI reads every file in the folder.
  const stamp = `${dir}.complete`;
  if (!fs.existsSync(stamp)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    cli(['synth', '--children', String(children), '--seed', String(seed), '--out', dir, '--format', format]);
    fs.writeFileSync(stamp, '');
  }
  return fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort().map((f) => path.join(dir, f));
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/// `obj` at a dotted path (`cla_at_31_march.distance.over_20_miles`).
export function at(obj, dotted) {
  return dotted.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

/// As the page writes counts: 1,234.
export function thousands(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/// As the page writes percentages: rounded half up with integer arithmetic (present::percent_text).
export function percentText(num, den, decimals) {
  if (den === 0) return null;
  const scale = 10n ** BigInt(decimals);
  const n = BigInt(num), d = BigInt(den);
  const scaled = (2n * n * 100n * scale + d) / (2n * d);
  const whole = scaled / scale;
  if (decimals === 0) return `${whole}%`;
  return `${whole}.${String(scaled % scale).padStart(decimals, '0')}%`;
}

/// Waits for a performance mark (polling: marks made by the wasm are not observable from node).
export async function waitForMark(page, name, timeout = 120000) {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout, polling: 20 });
}

/// Waits until the page's worker has installed its message handler (its wasm is running).
export async function waitWorkerReady(page, timeout = 60000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const w of page.workers()) {
      try {
        if (await w.evaluate(() => self.onmessage !== null)) return true;
      } catch { /* still starting */ }
    }
    await page.waitForTimeout(20);
  }
  return false;
}

/// A new page of the site at `origin`, usable and its worker listening; `workers` gathers
/// every worker the page starts (a second one when the first dies).
export async function openPage(context, origin) {
  const page = await context.newPage();
  const workers = [];
  page.on('worker', (w) => workers.push(w));
  await page.goto(origin + '/');
  await waitForMark(page, 'careboard-usable', 60000);
  await waitWorkerReady(page);
  return { page, workers };
}

/// The page's figures: [{ path, value, text }] of every [data-figure].
export async function pageFigures(page) {
  return page.$$eval('[data-figure]', (els) =>
    els.map((e) => ({ path: e.dataset.figure, value: e.dataset.value ?? null, text: e.textContent.trim() })),
  );
}

/// Where the page's figures differ from the CLI's JSON: each [data-figure] must hold the
/// integer at its path, as data-value and as text ("1,234"). An empty list: all equal.
export function figureMismatches(figures, json) {
  const wrong = [];
  for (const f of figures) {
    const want = at(json, f.path);
    if (!Number.isInteger(want)) wrong.push(`${f.path}: CLI has no integer (${JSON.stringify(want)})`);
    else if (f.value !== String(want)) wrong.push(`${f.path}: data-value ${f.value} != CLI ${want}`);
    else if (f.text !== thousands(want)) wrong.push(`${f.path}: text "${f.text}" != "${thousands(want)}"`);
  }
  return wrong;
}

/// A check that prints PASS or FAIL and counts, for the small e2e files.
export function checker() {
  const counts = { passes: 0, failures: 0 };
  const check = (name, ok, detail = '') => {
    if (ok) counts.passes++;
    else counts.failures++;
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? `  -- ${detail}` : ''}`);
    return ok;
  };
  return { check, counts };
}

/// Waits until the page's service worker controls it (its copy of the page's files is made:
/// the worker activates only once every file is copied), so that a test's "no request once the
/// files are chosen" is not upset by that copy being made. False if it never does.
export async function waitOfflineCopy(page, timeout = 30000) {
  try {
    await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout, polling: 50 });
    return true;
  } catch {
    return false;
  }
}

/// The requests a server log holds that the page made: all but the browser's own check for a
/// new build of the page's service worker (a GET of sw.js with no body or query, which the
/// browser makes on its own schedule after a navigation; it carries nothing of the files).
export function pageRequests(entries) {
  return entries.filter((l) => !(l.method === 'GET' && l.path.endsWith('/sw.js')));
}
