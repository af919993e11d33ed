// Speed figures of the built page in headless Chromium against DuckDB-WASM running the same
// subset of the report on the same files in the same browser. Prints a table; asserts only
// that DuckDB-WASM computes the same subset as Careboard's JSON (exits non-zero otherwise).
// Run: node tests/e2e/bench.mjs [--runs 5] [--england-runs 3] [--skip-england]
//   or node tests/e2e/bench.mjs --breakdown [--runs 5] [--children 1000] [--dist DIR] (step by
//   step, below; DIR another build to time, e.g. a copy of an earlier dist/)
//   (or `make bench-browser`, which installs npm @duckdb/duckdb-wasm into node_modules first).
//
// * page usable: navigation start to the `careboard-usable` mark (app mounted).
// * report: `careboard-files-chosen` to the first `careboard-figures-shown` after it (the
//   headline figures on the page) and to the first `careboard-report-shown` (the report
//   complete: every section and chart, #report[data-state=ready]) (marks made by the page),
//   and the wall clock in node from setInputFiles to #report[data-state=ready].
// * --breakdown: each step between, from the worker's marks and the page's (above STEPS).
// * longest main-thread task while the report is made (PerformanceObserver 'longtask').
// * the size of each .wasm in dist/, raw and gzipped, and of everything each page loaded
//   (gzip -9 of every file its server was asked for).
// * memory: the resident set (VmRSS, and RssAnon: private memory without shared libraries, from
//   /proc) of each of the browser's renderer processes, sampled every 25 ms from files chosen to
//   report shown; the peak of the largest renderer, the page's (--breakdown: also its parts,
//   private, files mapped and shared, as the files are chosen and at its largest sample). A dedicated worker runs in its
//   page's renderer process, so this is page + worker (JS heaps, wasm memories, file buffers). The page is not cross-origin isolated, so measureUserAgentSpecificMemory is not
//   available; CDP's JSHeapUsedSize would miss wasm memory.
// * DuckDB-WASM (eh bundle, with its worker, from node_modules, served by this script's own
//   server: no CDN): a small page of our own registers the chosen files as buffers and runs
//   the SQL of scripts/bench_peers.py (the same text DuckDB runs natively in `make bench`).
//   Careboard and DuckDB-WASM runs alternate; each run is a fresh page.
// The England-scale export (--children 85000, ~200 MB of CSV) is generated once and cached
// under target/bench-exports/.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { ROOT, DIST, serve, launch, synth, median, waitForMark, waitWorkerReady, cli } from './common.mjs';

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;
const ENGLAND_RUNS = Number(args[args.indexOf('--england-runs') + 1]) || 3;
const ENGLAND = !args.includes('--skip-england');
// --breakdown: the council's export only, no DuckDB-WASM: where the time from files chosen to
// report shown goes, step by step (the page's and the worker's performance marks).
const BREAKDOWN = args.includes('--breakdown');
const CHILDREN = Number(args[args.indexOf('--children') + 1]) || 1000;
// --dist DIR: the build to time (default dist/), e.g. a copy of an earlier build to compare
// (with or without --breakdown).
const SITE = args.includes('--dist') ? path.resolve(args[args.indexOf('--dist') + 1]) : DIST;
const DUCKDB_DIST = path.join(ROOT, 'node_modules', '@duckdb', 'duckdb-wasm', 'dist');
const CACHE = path.join(ROOT, 'target', 'bench-exports');

const rows = [];
function row(what, value, unit, detail = '') {
  rows.push({ what, value, unit, detail });
  console.error(`  ${what}: ${value} ${unit} ${detail}`);
}
const ms = (x) => Math.round(x);

/// The renderer processes of the Chromium whose profile is `userDataDir`: every process under
/// the browser process (found by its --user-data-dir) whose command line has --type=renderer.
function rendererPids(userDataDir) {
  const parent = new Map();
  const cmd = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(d), fs.readFileSync(`/proc/${d}/cmdline`, 'utf8'));
    } catch { /* gone */ }
  }
  const browsers = [...cmd].filter(([, c]) => c.includes(`--user-data-dir=${userDataDir}`) && !c.includes('--type=')).map(([p]) => p);
  const under = (p) => {
    for (let q = p, n = 0; q > 1 && n < 20; q = parent.get(q), n++) if (browsers.includes(q)) return true;
    return false;
  };
  return [...cmd].filter(([p, c]) => c.includes('--type=renderer') && under(p)).map(([p]) => p);
}

/// VmRSS and its parts: RssAnon (private memory: heaps, wasm memories, buffers; no shared
/// libraries), RssFile (files mapped: the browser's own code, fonts) and RssShmem (shared
/// memory: the GPU's and compositor's buffers, say).
function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile'), shmem: kb('RssShmem') };
  } catch {
    return { rss: 0, anon: 0, file: 0, shmem: 0 };
  }
}

/// Samples every renderer's memory every 25 ms until `stop()`, which returns the peaks of the
/// largest renderer: the one holding the page under test and its worker (other renderers hold
/// idle pages or service workers). `stop().timeline` holds each sample's time (node's clock)
/// and the largest renderer's RSS then, for the breakdown's memory step by step.
function memorySampler(userDataDir) {
  let pids = rendererPids(userDataDir);
  const peaks = new Map();
  const timeline = [];
  let n = 0;
  const tick = () => {
    if (++n % 20 === 0) pids = rendererPids(userDataDir);
    let most = { rss: 0 };
    for (const p of pids) {
      const m = memoryOf(p);
      const was = peaks.get(p) ?? { rss: 0, anon: 0 };
      peaks.set(p, { rss: Math.max(was.rss, m.rss), anon: Math.max(was.anon, m.anon) });
      if (m.rss > most.rss) most = m;
    }
    timeline.push([Date.now(), most.rss, most]);
  };
  tick();
  const timer = setInterval(tick, 25);
  return () => {
    clearInterval(timer);
    tick();
    const peak = [...peaks.values()].reduce((a, b) => (b.rss > a.rss ? b : a), { rss: 0, anon: 0 });
    return { ...peak, timeline };
  };
}

/// Observes long tasks on the page's main thread from now on.
async function observeLongTasks(page) {
  await page.evaluate(() => {
    window.__longtasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          window.__longtasks.push(e.duration);
          (window.__longtaskAt ??= []).push([e.startTime, e.duration]);
        }
      }).observe({ type: 'longtask', buffered: false });
      window.__longtaskObserved = true;
    } catch {
      window.__longtaskObserved = false;
    }
  });
}

async function pageUsable(context, origin) {
  const times = [];
  const worker = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    await page.goto(origin + '/');
    await waitForMark(page, 'careboard-usable', 60000);
    times.push(await page.evaluate(() => performance.getEntriesByName('careboard-usable')[0].startTime));
    // When the worker's wasm listens (polled from node every ~20 ms: an upper bound).
    await waitWorkerReady(page);
    worker.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  return { times, worker };
}

/// One run: a fresh page, the files set, timed until the report is shown.
async function reportRun(env, files, timeout) {
  const page = await env.context.newPage();
  await page.goto(env.srv.origin + '/');
  await waitForMark(page, 'careboard-usable', 60000);
  // Time the report, not the worker's start: wait until its wasm listens.
  const w0 = Date.now();
  await waitWorkerReady(page);
  const workerReady = Date.now() - w0;
  await observeLongTasks(page);
  const stop = memorySampler(env.userDataDir);
  const t0 = Date.now();
  await page.setInputFiles('#file-input', files);
  await page.waitForSelector('#report[data-state="ready"]', { timeout, polling: 50 });
  const wall = Date.now() - t0;
  const peak = stop();
  // Samples as ms after setInputFiles (within a few ms of the files-chosen mark).
  const timeline = peak.timeline.map(([t, rss, parts]) => [t - t0, rss, parts]);
  const steps = await marksSinceChosen(page);
  const r = await page.evaluate(() => {
    const chosen = performance.getEntriesByName('careboard-files-chosen')[0].startTime;
    const shown = performance.getEntriesByName('careboard-report-shown').map((e) => e.startTime).filter((t) => t >= chosen);
    return {
      marks: shown.length ? shown[0] - chosen : NaN,
      longest: window.__longtasks.length ? Math.max(...window.__longtasks) : 0,
      longtasks: window.__longtasks.length,
      observed: window.__longtaskObserved,
      tasks: (window.__longtaskAt ?? []).map(([t, d]) => `${Math.round(t - chosen)}+${Math.round(d)}`).join(' '),
    };
  });
  await page.close();
  return { wall, workerReady, peak, timeline, steps, ...r };
}

/// The breakdown's steps, in order: [mark, where it is made, what the time up to it was].
const STEPS = [
  ['careboard-worker-received', 'worker', 'request reaches the worker'],
  ['careboard-worker-files-read', 'worker', 'request read (a small export\'s files all at once; a large one\'s each when parsed)'],
  ['careboard-worker-model-built', 'worker', 'parsed and model built'],
  ['careboard-worker-measures-computed', 'worker', 'measures computed (the report)'],
  ['careboard-worker-serialised', 'worker', 'outcome serialised (JSON)'],
  ['careboard-worker-report-sent', 'worker', 'posted to the page'],
  ['careboard-page-received', 'page', 'page hears it'],
  ['careboard-page-deserialised', 'page', 'outcome deserialised'],
  ['careboard-figures-shown', 'page', 'figures on the page (DOM, effects)'],
  ['careboard-report-shown', 'page', 'report complete (charts drawn)'],
  ['careboard-report-settled', 'page', 'the task that completed it ended'],
];

/// Each mark of STEPS as ms after `careboard-files-chosen` on the page's timeline (the last one
/// of that name after it); the worker's marks are moved onto it by the two time origins.
async function marksSinceChosen(page) {
  const pageMarks = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
  }));
  let workerMarks = { origin: 0, marks: [] };
  let reads = { reading: 0, copying: 0 };
  for (const w of page.workers()) {
    try {
      const m = await w.evaluate(() => ({
        origin: performance.timeOrigin,
        marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
      }));
      if (m.marks.length) {
        workerMarks = m;
        // Each file the worker read: the browser reading it (FileReaderSync), then its bytes
        // copied into wasm memory.
        const at = (n) => m.marks.filter(([name]) => name === n).map(([, t]) => t);
        const [a, b, c] = ['reading', 'in-js', 'in-wasm'].map((x) => at(`careboard-worker-file-${x}`));
        reads = { reading: 0, copying: 0 };
        for (let i = 0; i < Math.min(a.length, b.length, c.length); i++) {
          reads.reading += b[i] - a[i];
          reads.copying += c[i] - b[i];
        }
      }
    } catch { /* gone */ }
  }
  const all = [
    ...pageMarks.marks.map(([n, t]) => [n, t]),
    ...workerMarks.marks.map(([n, t]) => [n, t + workerMarks.origin - pageMarks.origin]),
  ];
  const chosen = all.filter(([n]) => n === 'careboard-files-chosen').map(([, t]) => t).pop();
  const out = {};
  for (const [name] of STEPS) {
    const at = all.filter(([n, t]) => n === name && t >= chosen).map(([, t]) => t);
    out[name] = at.length ? at[0] - chosen : NaN;
  }
  // The page hears every progress message: the one that carried the outcome is the last
  // heard before it was deserialised.
  const heard = all.filter(([n, t]) => n === 'careboard-page-received' && t >= chosen
    && t - chosen <= out['careboard-page-deserialised']).map(([, t]) => t - chosen);
  out['careboard-page-received'] = heard.length ? Math.max(...heard) : NaN;
  out.reads = reads;
  return out;
}

/// The council's export, `--runs` times: each step's median time and the longest task.
async function breakdown(env) {
  const dir = path.join(CACHE, `council-${CHILDREN}`);
  const files = synth(dir, CHILDREN, 3, 'csv');
  const res = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await reportRun(env, files, 120000);
    console.error(`  run ${i + 1}: figures shown ${ms(r.steps['careboard-figures-shown'])} ms, report shown ${ms(r.marks)} ms, settled ${ms(r.steps['careboard-report-settled'])} ms, longest task ${ms(r.longest)} ms (${r.longtasks} long tasks: start+ms ${r.tasks})`);
    res.push(r);
  }
  console.log(`Breakdown, --children ${CHILDREN}, medians of ${RUNS} runs (ms after files chosen; step: ms since the previous mark; MB: the renderer's largest RSS sampled during the step)`);
  let before = 0;
  const mostDuring = (r, from, to) => Math.max(0, ...r.timeline.filter(([t]) => t > from && t <= to).map(([, rss]) => rss));
  for (const [name, where, what] of STEPS) {
    const at = median(res.map((r) => r.steps[name]));
    const rss = median(res.map((r) => mostDuring(r, before, at)));
    console.log(`  ${where.padEnd(6)} ${what.padEnd(36)} at ${String(ms(at)).padStart(5)}   step ${String(ms(at - before)).padStart(5)}   ${String(Math.round(rss / 2 ** 20)).padStart(5)} MB`);
    if (name === 'careboard-worker-model-built') {
      const reading = median(res.map((r) => r.steps.reads.reading));
      const copying = median(res.map((r) => r.steps.reads.copying));
      console.log(`         of which the browser reading files one at a time (FileReaderSync; a large export) ${ms(reading)} ms, their bytes copied into wasm ${ms(copying)} ms`);
    }
    before = at;
  }
  const figures = res.map((r) => r.steps['careboard-figures-shown']);
  console.log(`  files chosen to figures shown (marks): ${ms(median(figures))} ms; runs ${figures.map(ms).join(', ')}`);
  console.log(`  files chosen to report shown (marks): ${ms(median(res.map((r) => r.marks)))} ms; runs ${res.map((r) => ms(r.marks)).join(', ')}`);
  console.log(`  longest main-thread task: median ${ms(median(res.map((r) => r.longest)))} ms, worst ${ms(Math.max(...res.map((r) => r.longest)))} ms; runs ${res.map((r) => ms(r.longest)).join(', ')}`);
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const mb = (b) => Math.round(b / 2 ** 20);
  // The renderer's memory in parts, as the files are chosen and at its largest sample.
  const parts = (pick) => ['rss', 'anon', 'file', 'shmem'].map((k) => `${k} ${mb(median(res.map((r) => pick(r)[k] ?? 0)))}`).join(', ');
  const first = (r) => r.timeline[0][2];
  const largest = (r) => r.timeline.reduce((a, b) => (b[1] > a[1] ? b : a))[2];
  console.log(`  renderer as the files are chosen (MB): ${parts(first)}; at its largest sample: ${parts(largest)}`);
  const peak = median(res.map((r) => r.peak.rss));
  console.log(`  renderer peak RSS (page + worker): median ${mb(peak)} MB, ${(peak / bytes).toFixed(2)}x the ${mb(bytes)} MB of files; private (RssAnon) ${mb(median(res.map((r) => r.peak.anon)))} MB; runs ${res.map((r) => mb(r.peak.rss)).join(', ')}`);
}

/// DuckDB-WASM's page: an input, the eh bundle started in its worker, and on change the files
/// registered as buffers and the subset's SQL run (timed in the page from the change event).
function duckdbSite(sql) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'careboard-duckdb-'));
  fs.symlinkSync(DUCKDB_DIST, path.join(dir, 'duckdb'));
  fs.mkdirSync(path.join(dir, 'm'));
  fs.symlinkSync(path.join(ROOT, 'node_modules', 'apache-arrow'), path.join(dir, 'm', 'apache-arrow'));
  fs.symlinkSync(path.join(ROOT, 'node_modules', 'flatbuffers'), path.join(dir, 'm', 'flatbuffers'));
  fs.symlinkSync(path.join(ROOT, 'node_modules', 'tslib'), path.join(dir, 'm', 'tslib'));
  fs.writeFileSync(path.join(dir, 'sql.json'), JSON.stringify(sql));
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html><head><meta charset="utf-8">
<script type="importmap">{"imports": {"apache-arrow": "./m/apache-arrow/Arrow.dom.mjs",
  "flatbuffers": "./m/flatbuffers/mjs/flatbuffers.js", "tslib": "./m/tslib/tslib.es6.mjs"}}</script>
<script type="module" src="./bench.mjs"></script></head>
<body><input type="file" id="files" multiple></body></html>`);
  fs.writeFileSync(path.join(dir, 'bench.mjs'), `import * as duckdb from './duckdb/duckdb-browser.mjs';
const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker('./duckdb/duckdb-browser-eh.worker.js'));
await db.instantiate(new URL('./duckdb/duckdb-eh.wasm', location.href).href);
const sql = await (await fetch('./sql.json')).json();
document.getElementById('files').addEventListener('change', async (event) => {
  const t0 = performance.now();
  try {
    const files = [...event.target.files];
    for (const f of files) await db.registerFileBuffer(f.name, new Uint8Array(await f.arrayBuffer()));
    const conn = await db.connect();
    for (const statement of sql.setup.split(';').filter((x) => x.trim())) await conn.query(statement);
    const table = await conn.query(sql.query);
    const rows = table.toArray().map((r) => { const o = r.toJSON(); return [o.section, o.k, Number(o.n)]; });
    window.__duck = { ms: performance.now() - t0, rows };
    await conn.close();
    for (const f of files) await db.dropFile(f.name);
  } catch (e) {
    window.__duck = { error: String(e) };
  }
});
window.__duckReady = true;
`);
  return dir;
}

async function duckdbRun(env, files, timeout) {
  const page = await env.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(env.duck.origin + '/');
  try {
    await page.waitForFunction(() => window.__duckReady === true, null, { timeout: 60000, polling: 50 });
  } catch (e) {
    throw new Error(`DuckDB-WASM's page did not start: ${errors.join('; ') || e}`);
  }
  await observeLongTasks(page);
  const stop = memorySampler(env.userDataDir);
  const t0 = Date.now();
  await page.setInputFiles('#files', files);
  await page.waitForFunction(() => window.__duck !== undefined, null, { timeout, polling: 50 });
  const wall = Date.now() - t0;
  const peak = stop();
  const r = await page.evaluate(() => ({
    ...window.__duck,
    longest: window.__longtasks.length ? Math.max(...window.__longtasks) : 0,
    longtasks: window.__longtasks.length,
  }));
  await page.close();
  if (r.error) throw new Error(`DuckDB-WASM failed: ${r.error}`);
  return { wall, peak, ...r };
}

/// DuckDB-WASM's subset must equal Careboard's JSON (scripts/bench_peers.py check-rows).
function checkDuckdb(label, dir, rows) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careboard-check-'));
  fs.writeFileSync(path.join(tmp, 'rows.json'), JSON.stringify(rows));
  fs.writeFileSync(path.join(tmp, 'careboard.json'), cli(['report', '--json', dir]));
  try {
    execFileSync('python3', [path.join(ROOT, 'scripts', 'bench_peers.py'), 'check-rows',
      path.join(tmp, 'rows.json'), path.join(tmp, 'careboard.json')], { stdio: 'inherit' });
  } catch {
    console.error(`${label}: DuckDB-WASM's subset differs from Careboard's JSON (above)`);
    process.exit(1);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.error(`  ${label}: DuckDB-WASM computes the same subset as Careboard's JSON`);
}

async function reportFigures(env, label, dir, files, runs, timeout) {
  const mb = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  checkDuckdb(label, dir, (await duckdbRun(env, files, timeout)).rows);
  const res = [];
  const duck = [];
  for (let i = 0; i < runs; i++) {
    const r = await reportRun(env, files, timeout);
    console.error(`  ${label} run ${i + 1}: careboard figures shown ${ms(r.steps['careboard-figures-shown'])} ms, report complete ${ms(r.marks)} ms, wall ${r.wall} ms, longest task ${ms(r.longest)} ms (${r.longtasks} long tasks), renderer peak RSS ${Math.round(r.peak.rss / 2 ** 20)} MB (private ${Math.round(r.peak.anon / 2 ** 20)} MB)`);
    res.push(r);
    const d = await duckdbRun(env, files, timeout);
    console.error(`  ${label} run ${i + 1}: duckdb-wasm ${ms(d.ms)} ms in page, wall ${d.wall} ms, longest task ${ms(d.longest)} ms, renderer peak RSS ${Math.round(d.peak.rss / 2 ** 20)} MB (private ${Math.round(d.peak.anon / 2 ** 20)} MB)`);
    duck.push(d);
  }
  const cb = median(res.map((r) => r.marks));
  const dk = median(duck.map((d) => d.ms));
  const cbPeak = median(res.map((r) => r.peak.rss));
  const dkPeak = median(duck.map((d) => d.peak.rss));
  const cbAnon = median(res.map((r) => r.peak.anon));
  const dkAnon = median(duck.map((d) => d.peak.anon));
  const figures = res.map((r) => r.steps['careboard-figures-shown']);
  row(`${label}: files chosen to figures shown (marks), median of ${runs}`, ms(median(figures)), 'ms', `the headline figures on the page; runs: ${figures.map(ms).join(', ')}`);
  row(`${label}: files chosen to report complete (marks), median of ${runs}`, ms(cb), 'ms', `every section and chart; ${(mb / 1e6).toFixed(1)} MB in ${files.length} files; runs: ${res.map((r) => ms(r.marks)).join(', ')}`);
  row(`${label}: setInputFiles to #report ready (node wall clock), median of ${runs}`, ms(median(res.map((r) => r.wall))), 'ms');
  row(`${label}: DuckDB-WASM, change event to subset computed (in page), median of ${runs}`, ms(dk), 'ms', `runs: ${duck.map((d) => ms(d.ms)).join(', ')}; node wall clock ${ms(median(duck.map((d) => d.wall)))} ms`);
  row(`${label}: careboard / DuckDB-WASM time`, (cb / dk).toFixed(2), 'x', cb < dk ? `Careboard ${(dk / cb).toFixed(1)}x faster` : `DuckDB-WASM ${(cb / dk).toFixed(1)}x faster`);
  row(`${label}: renderer peak RSS, Careboard (page + worker), median`, Math.round(cbPeak / 2 ** 20), 'MB', `${(cbPeak / mb).toFixed(2)}x the file bytes; private (RssAnon) ${Math.round(cbAnon / 2 ** 20)} MB = ${(cbAnon / mb).toFixed(2)}x`);
  row(`${label}: renderer peak RSS, DuckDB-WASM page (page + worker), median`, Math.round(dkPeak / 2 ** 20), 'MB', `${(dkPeak / mb).toFixed(2)}x the file bytes; private (RssAnon) ${Math.round(dkAnon / 2 ** 20)} MB = ${(dkAnon / mb).toFixed(2)}x`);
  row(`${label}: longest main-thread task while working (worst run)`, ms(Math.max(...res.map((r) => r.longest))), 'ms',
    res.every((r) => r.observed) ? `${Math.max(...res.map((r) => r.longtasks))} long tasks (>50 ms) at most; DuckDB-WASM page: ${ms(Math.max(...duck.map((d) => d.longest)))} ms` : 'longtask observer unsupported');
}

/// gzip -9 bytes of every file a server was asked for (what a browser downloads, compressed).
function loadedBytes(root, log) {
  let raw = 0;
  let gz = 0;
  for (const p of new Set(log.filter((e) => e.status === 200).map((e) => e.path))) {
    const file = path.join(root, decodeURIComponent(p.endsWith('/') ? p + 'index.html' : p));
    const bytes = fs.readFileSync(file);
    raw += bytes.length;
    gz += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gz };
}

async function main() {
  if (BREAKDOWN) {
    const srv = await serve(SITE);
    const { context, close, userDataDir } = await launch();
    try {
      await breakdown({ context, srv, userDataDir });
    } finally {
      await close();
      await srv.close();
    }
    return;
  }
  if (!fs.existsSync(path.join(DUCKDB_DIST, 'duckdb-eh.wasm'))) {
    console.error('npm @duckdb/duckdb-wasm is not in node_modules: run `make bench-browser`');
    process.exit(1);
  }
  const sql = JSON.parse(execFileSync('python3', [path.join(ROOT, 'scripts', 'bench_peers.py'), 'sql'], { encoding: 'utf8' }));
  const duckDir = duckdbSite(sql);
  const srv = await serve(SITE);
  const duck = await serve(duckDir);
  const { context, close, userDataDir } = await launch();
  const env = { context, srv, duck, userDataDir };
  try {
    const { times: usable, worker } = await pageUsable(context, srv.origin);
    row(`navigation to careboard-usable, median of ${RUNS}`, ms(median(usable)), 'ms', `runs: ${usable.map(ms).join(', ')}`);
    row(`navigation to the worker listening (polled), median of ${RUNS}`, ms(median(worker)), 'ms', `runs: ${worker.map(ms).join(', ')}`);

    const councilDir = path.join(CACHE, 'council-1000');
    const council = synth(councilDir, 1000, 3, 'csv');
    await reportFigures(env, 'council (--children 1000, CSV)', councilDir, council, RUNS, 120000);

    if (ENGLAND) {
      const dir = path.join(CACHE, 'england-85000');
      const t0 = Date.now();
      const england = synth(dir, 85000, 3, 'csv');
      const made = (Date.now() - t0) / 1000;
      if (made > 2) console.error(`  generated the England-scale export in ${made.toFixed(0)} s`);
      await reportFigures(env, 'England (--children 85000, CSV)', dir, england, ENGLAND_RUNS, 600000);
    }
  } finally {
    await close();
    await srv.close();
    await duck.close();
  }
  const cb = loadedBytes(SITE, srv.log);
  row('Careboard: everything the page loaded (page, worker, wasm, css)', Math.round(cb.gz / 1024), 'KB', `gzip -9; ${Math.round(cb.raw / 1024)} KB raw`);
  const dk = loadedBytes(duckDir, duck.log);
  row('DuckDB-WASM page: everything it loaded (eh wasm, worker, js, arrow)', Math.round(dk.gz / 1024), 'KB', `gzip -9; ${Math.round(dk.raw / 1024)} KB raw`);
  fs.rmSync(duckDir, { recursive: true, force: true });
  for (const f of fs.readdirSync(SITE).filter((f) => f.endsWith('.wasm')).sort()) {
    const bytes = fs.readFileSync(path.join(SITE, f));
    const gz = zlib.gzipSync(bytes, { level: 9 }).length;
    row(`wasm ${f}`, Math.round(bytes.length / 1024), 'KB', `gzip -9: ${Math.round(gz / 1024)} KB`);
  }

  const w = Math.max(...rows.map((r) => r.what.length));
  const v = Math.max(...rows.map((r) => String(r.value).length));
  console.log(`| ${'measure'.padEnd(w)} | ${'value'.padStart(v)} | unit | detail`);
  console.log(`|${'-'.repeat(w + 2)}|${'-'.repeat(v + 2)}|------|-------`);
  for (const r of rows) console.log(`| ${r.what.padEnd(w)} | ${String(r.value).padStart(v)} | ${r.unit.padEnd(4)} | ${r.detail}`);
}

await main();
