// `npm run size`: builds the site (Vite, with its manifest) and measures the JavaScript the full
// page loads before it can paint: index.html's entry chunk and every chunk it imports statically,
// each gzipped (node:zlib, level 9). Lazy chunks and workers are listed for information. Exits 1
// when the page's initial JavaScript is over the budget.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const BUDGET_KB = 200;
const outDir = 'dist';

await build({ logLevel: 'error', build: { manifest: true, outDir } });

/** @type {Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }>} */
const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'));
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry && k.endsWith('index.html'));
if (!entryKey) {
  console.error('size: no index.html entry in the manifest');
  process.exit(1);
}

const gz = (file) => {
  const bytes = readFileSync(join(outDir, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

/** The initial closure: the entry and its static imports, recursively. */
const initial = new Set();
const walk = (key) => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const k of manifest[key]?.imports ?? []) walk(k);
};
walk(entryKey);

// kB as Vite reports them (1,000 bytes).
const kb = (n) => (n / 1000).toFixed(1).padStart(8);
const row = (what, file, s) => console.log(`${what.padEnd(8)} ${kb(s.raw)} ${kb(s.gzip)}  ${file}`);

console.log(`${'chunk'.padEnd(8)} ${'kB'.padStart(8)} ${'gzip kB'.padStart(8)}  file`);
let total = 0;
const initialFiles = new Set();
for (const key of initial) {
  const file = manifest[key].file;
  initialFiles.add(file);
  const s = gz(file);
  total += s.gzip;
  row('initial', file, s);
}
const lazy = new Set();
for (const key of Object.keys(manifest)) {
  const file = manifest[key].file;
  if (file.endsWith('.js') && !initialFiles.has(file) && !lazy.has(file)) lazy.add(file);
}
for (const file of lazy) row('lazy', file, gz(file));
// Workers are emitted as assets, not manifest chunks.
const assets = readdirSync(join(outDir, 'assets'));
for (const f of assets.filter((f) => /worker.*\.js$/.test(f) && !lazy.has(`assets/${f}`)))
  row('worker', `assets/${f}`, gz(`assets/${f}`));

const totalKb = total / 1000;
console.log(`\ninitial JS: ${totalKb.toFixed(1)} kB gzip (budget ${BUDGET_KB} kB)`);
if (totalKb > BUDGET_KB) {
  console.error(`size: the page's initial JavaScript is over ${BUDGET_KB} kB gzip`);
  process.exit(1);
}
