// A file that kills the page's worker must not take the other files with it: the page starts a
// new worker, reads the other files again, and names the file that failed. And a file changed
// on disk after it was added is left out, with a notice, when the worker reads the files again.
// Run: node tests/e2e/recovery.mjs   (part of `make e2e`). Exits 1 on any failure.
//
// How the worker is killed. After the importers' hardening no small input is known to kill it,
// and a real file big enough to (over 2 GB: the worker copies a file into its wasm memory,
// which cannot hold 2 GB in one piece) would make this test slow and memory-hungry. So the
// test uses a debugging handle only it has: Playwright runs code inside the worker, which makes
// the browser hand the worker 3 GB of zeros (an ArrayBuffer the browser does not fill, so no
// memory is used) when it reads `damaged.xlsx`. Nothing in the page is changed: the worker's own
// code then dies as it would on a real 3 GB file (a wasm trap, "capacity overflow"), while it is
// on that file, between two good ones. The worker reads a small export's files at once, ahead
// (`Blob.arrayBuffer`), and a large one's a file at a time (`FileReaderSync`): the first death
// is on the way a council's export is read; then the damaged file is made to say it is 64 MB,
// so that the worker dies reading it the other way. That way reads a file over 4 MB a piece at
// a time and checks each piece's length, so no size kills it: there, the browser hands the
// worker, for a piece of the damaged file, a buffer it cannot read (one already transferred
// away), and making a view of it throws inside the worker's code, as a wasm trap does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, DIST, serve, launch, cli, waitForMark, waitWorkerReady, openPage, waitOfflineCopy, pageFigures, figureMismatches, checker, pageRequests,
} from './common.mjs';

const SHOTS = path.join(ROOT, 'target', 'e2e-shots');
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'synth-small');
const CULPRIT = 'damaged.xlsx';
const { check, counts } = checker();

/// Makes the browser hand the worker 3 GB when it reads the file `name` (by default the
/// damaged one): read ahead with the others (a small export), or, `large`, read on its own (the
/// file says it is 64 MB, so the export is read a file at a time, a piece at a time). With
/// `refuse`, the browser refuses to read it instead, as it does a file changed under its handle.
async function poison(worker, large, { name = CULPRIT, refuse = false } = {}) {
  await worker.evaluate(([name, large, refuse]) => {
    const huge = () => new ArrayBuffer(3 * 2 ** 30);
    // A buffer already transferred away: a view of it cannot be made.
    const gone = () => {
      const buffer = new ArrayBuffer(8);
      structuredClone(buffer, { transfer: [buffer] });
      return buffer;
    };
    const refused = () => { throw new DOMException('changed', 'NotReadableError'); };
    // A piece of the file remembers whose it is.
    const slice = Blob.prototype.slice;
    Blob.prototype.slice = function sliced(...args) {
      const piece = slice.apply(this, args);
      if (this.name === name) piece.pieceOf = name;
      return piece;
    };
    const read = FileReaderSync.prototype.readAsArrayBuffer;
    FileReaderSync.prototype.readAsArrayBuffer = function readAsArrayBuffer(file) {
      if (refuse && (file.name === name || file.pieceOf === name)) return refused();
      if (file.name === name) return huge();
      return file.pieceOf === name ? gone() : read.call(this, file);
    };
    // Reading ahead is poisoned only when the export is small, so that the large one's death
    // shows it was read the other way.
    const ahead = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = function arrayBuffer() {
      return this.name === name && !large ? Promise.resolve(huge()) : ahead.call(this);
    };
    if (large) {
      const size = Object.getOwnPropertyDescriptor(Blob.prototype, 'size').get;
      Object.defineProperty(File.prototype, 'size', {
        get() { return this.name === name ? 64 * 2 ** 20 : size.call(this); },
      });
    }
  }, [name, large, refuse]);
}

async function main() {
  check('dist/index.html exists (make dist)', fs.existsSync(path.join(DIST, 'index.html')));
  fs.mkdirSync(SHOTS, { recursive: true });
  const good = fs.readdirSync(FIXTURE).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(FIXTURE, f));
  const cliJson = JSON.parse(cli(['report', '--json', FIXTURE]));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careboard-recovery-'));
  const culprit = path.join(tmp, CULPRIT);
  // Its content never reaches the worker (see above); a workbook's first bytes, for honesty.
  fs.writeFileSync(culprit, Buffer.from('PK\x03\x04 not really a workbook'));
  // The culprit between good files: some are read before it dies, some were never reached.
  const files = [...good.slice(0, 2), culprit, ...good.slice(2)];

  const srv = await serve();
  const { context, close } = await launch();
  try {
    const page = await context.newPage();
    const workers = [];
    page.on('worker', (w) => workers.push(w));
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(srv.origin + '/');
    await waitForMark(page, 'careboard-usable', 60000);
    check('the worker installs its message handler', await waitWorkerReady(page));
    check('the service worker has made its offline copy', await waitOfflineCopy(page));
    const first = workers[0];
    await poison(first, false);
    const died = new Promise((resolve) => first.on('close', () => resolve(true)));

    const serverBefore = srv.log.length;
    await page.setInputFiles('#file-input', files);
    await page.waitForSelector('#report[data-state="ready"]', { timeout: 60000 });
    check('the worker that read the damaged file was ended',
      await Promise.race([died, new Promise((r) => setTimeout(() => r(false), 5000))]));
    check('a new worker was started', workers.length === 2, `${workers.length} workers: ${workers.map((w) => w.url()).join(', ')}`);

    const named = await page.$$eval('#set-aside-summary [data-set-aside]', (els) => els.map((e) => [e.dataset.setAside, e.textContent]));
    check('the error summary names the file that stopped the reader, and only it',
      named.length === 1 && named[0][0] === CULPRIT && named[0][1].startsWith(`${CULPRIT} stopped the page's background reader`),
      JSON.stringify(named));
    check('the error summary is announced (role="alert")', (await page.getAttribute('#set-aside-summary', 'role')) === 'alert');
    const listed = await page.$$eval('#files-panel tbody th', (ths) => ths.map((th) => th.firstChild.textContent));
    const goodNames = good.map((f) => path.basename(f));
    check('every other file was read again, the damaged one left out', goodNames.every((n) => listed.includes(n)) && !listed.includes(CULPRIT),
      listed.join(', '));
    const figures = await pageFigures(page);
    const wrong = figureMismatches(figures, cliJson);
    check(`all ${figures.length} figures equal the CLI's JSON for the good files`, figures.length >= 10 && wrong.length === 0, wrong.join('; '));

    // After the files were chosen the page asked its server only for the new worker's own files.
    const after = pageRequests(srv.log.slice(serverBefore)).map((l) => l.path);
    const own = ['/worker_loader.js', '/worker.js', '/worker_bg.wasm'];
    check('after the files were chosen, the only requests were the new worker\'s own files',
      after.every((p) => own.includes(p)), after.join(' ') || 'none');
    check('no uncaught error on the page', errors.length === 0, errors.join(' | '));

    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(SHOTS, `set-aside-${width}.png`) });
    }

    // The page goes on working with the new worker; removing all files forgets the message.
    await page.click('#clear-button');
    await page.waitForSelector('#set-aside-summary', { state: 'detached', timeout: 10000 });
    await page.setInputFiles('#file-input', good);
    await page.waitForSelector('#report[data-state="ready"]', { timeout: 60000 });
    const again = figureMismatches(await pageFigures(page), cliJson);
    check('the new worker reads files added later as usual', again.length === 0, again.join('; '));

    // The worker holds the browser's handles to the files, not their bytes, and reads them
    // again when a file is added: one changed on disk since it was added cannot be read again
    // (the browser refuses a file changed under its handle), so it is left out, with a notice.
    await page.click('#clear-button');
    await page.waitForSelector('#report[data-state="empty"]', { state: 'attached', timeout: 10000 });
    const copies = path.join(tmp, 'copies');
    fs.mkdirSync(copies);
    const copied = good.map((f) => {
      const to = path.join(copies, path.basename(f));
      fs.copyFileSync(f, to);
      return to;
    });
    await page.setInputFiles('#file-input', copied);
    await page.waitForSelector('#report[data-state="ready"]', { timeout: 60000 });
    const changed = copied.find((f) => path.basename(f).startsWith('header'));
    fs.appendFileSync(changed, 'ZZ9,1,01/01/2010,WBRI,A123456789999,,\r\n');
    const later = path.join(tmp, 'notes.csv');
    fs.writeFileSync(later, 'Note,Written\r\nNothing here is a 903 table,today\r\n');
    await page.setInputFiles('#file-input', [later]);
    const notice = `${path.basename(changed)} could not be opened, so it was left out.`;
    const said = await page.waitForFunction((text) => [...document.querySelectorAll('.notice')]
      .some((n) => n.textContent.includes(text)), notice, { timeout: 60000 }).then(() => true, () => false);
    check('a file changed on disk since it was added is left out, and a notice says so', said,
      await page.evaluate(() => [...document.querySelectorAll('.notice')].map((n) => n.textContent).join(' | ')));
    await page.waitForSelector('#report[data-state="ready"]', { timeout: 60000 });
    const listedNow = await page.$$eval('#files-panel tbody th[scope="row"]', (ths) => ths.map((t) => t.firstChild.textContent));
    check('the files listed are the others and the one added, not the changed one',
      !listedNow.includes(path.basename(changed)) && listedNow.includes('notes.csv') && listedNow.length === copied.length,
      listedNow.join(', '));
    await page.setViewportSize({ width: 390, height: 900 });
    await page.locator('.notice', { hasText: notice }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'changed-file-390.png') });

    // The same death on the way a large export is read, a file at a time.
    const { page: other, workers: workersToo } = await openPage(context, srv.origin);
    await poison(workersToo[0], true);
    const diedToo = new Promise((resolve) => workersToo[0].on('close', () => resolve(true)));
    await other.setInputFiles('#file-input', files);
    await other.waitForSelector('#report[data-state="ready"]', { timeout: 60000 });
    check('read a file at a time (a large export), the worker that read the damaged file was ended',
      await Promise.race([diedToo, new Promise((r) => setTimeout(() => r(false), 5000))]));
    const namedToo = await other.$$eval('#set-aside-summary [data-set-aside]', (els) => els.map((e) => e.dataset.setAside));
    const wrongToo = figureMismatches(await pageFigures(other), cliJson);
    check('read a file at a time, a new worker reads the others again and the summary names the damaged file',
      workersToo.length === 2 && namedToo.join() === CULPRIT && wrongToo.length === 0,
      `${workersToo.length} workers; named ${JSON.stringify(namedToo)}; ${wrongToo.join('; ')}`);

    // A file of a large export that cannot be opened when its turn comes (the browser refuses
    // a file changed under its handle): left out with a notice on the first report, the page
    // going on (it stopped here while the notices were a bare list: Yew's "failed to insert
    // node before next sibling").
    const { page: third, workers: thirdWorkers } = await openPage(context, srv.origin);
    const thirdErrors = [];
    third.on('pageerror', (e) => thirdErrors.push(String(e)));
    const gone = path.join(tmp, 'gone.csv');
    fs.writeFileSync(gone, 'CHILD,SEX,DOB,ETHNIC\r\n');
    await poison(thirdWorkers[0], true, { name: 'gone.csv', refuse: true });
    await third.setInputFiles('#file-input', [...good, gone]);
    await third.waitForSelector('#report[data-state="ready"]', { timeout: 60000 });
    const goneNotice = 'gone.csv could not be opened, so it was left out.';
    const notices = await third.$$eval('.notice', (els) => els.map((e) => e.textContent));
    const wrongThird = figureMismatches(await pageFigures(third), cliJson);
    check('a large export\'s file that cannot be opened on the first report is left out with a notice, the others read',
      notices.some((n) => n.includes(goneNotice)) && wrongThird.length === 0 && thirdErrors.length === 0,
      `notices: ${notices.join(' | ')}; ${wrongThird.join('; ')}; errors: ${thirdErrors.join(' | ')}`);
    await third.close();
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
