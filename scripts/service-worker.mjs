// Writes into a built page's sw.js the list of the page's own files and a hash of their
// contents (see sw.js). Trunk runs it after each build (Trunk.toml's post_build hook, on its
// staging folder); run it by hand on any other build of the page:
//
//   node scripts/service-worker.mjs DIR      (DIR: a folder holding index.html and sw.js)
//
// Every file of the folder is listed except sw.js itself (the browser fetches it to look for
// updates). Running it again on the same folder changes nothing; any change to a file changes
// the hash, and so the cache the page's copy is kept in.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('service-worker.mjs: give the folder of the built page (or run it from Trunk)');
  process.exit(2);
}
const SW = 'sw.js';

function filesUnder(root, rel = '') {
  return fs.readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((entry) => {
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(root, name) : [name];
  });
}

const files = filesUnder(dir).filter((f) => f !== SW).sort();
if (!files.includes('index.html')) {
  console.error(`service-worker.mjs: ${dir} holds no index.html`);
  process.exit(1);
}
const hash = crypto.createHash('sha256');
for (const f of files) {
  hash.update(f).update('\0').update(fs.readFileSync(path.join(dir, f))).update('\0');
}
const build = hash.digest('hex').slice(0, 16);

const swPath = path.join(dir, SW);
const source = fs.readFileSync(swPath, 'utf8');
const lines = [
  [/^const BUILD = .*;$/m, `const BUILD = '${build}';`],
  [/^const FILES = .*;$/m, `const FILES = ${JSON.stringify(files)};`],
];
let out = source;
for (const [pattern, line] of lines) {
  if ((source.match(new RegExp(pattern.source, 'gm')) ?? []).length !== 1) {
    console.error(`service-worker.mjs: ${swPath} has no single line matching ${pattern}`);
    process.exit(1);
  }
  out = out.replace(pattern, line);
}
fs.writeFileSync(swPath, out);
console.log(`service-worker.mjs: ${files.length} files, build ${build}`);
