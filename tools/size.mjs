// `npm run size`: builds the site (Vite, with its manifest) and measures, gzipped (node:zlib,
// level 9), the JavaScript each way in loads before it can be used:
//   page          index.html's entry chunk and every chunk it imports statically;
//   embed static  dist/embed.js and its static imports — what a docs page loads for the picture;
//   embed live    that plus the chunk loaded on first interaction (live.tsx) and its imports.
// Lazy chunks (the Modules editor) and workers are listed for information. Exits 1 when any of
// the three is over its budget.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const BUDGETS_KB = { page: 200, 'embed static': 60, 'embed live': 200 };
const outDir = 'dist';

await build({ logLevel: 'error', build: { manifest: true, outDir } });

/** @type {Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }>} */
const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'));
const keyOf = (test, what) => {
  const key = Object.keys(manifest).find(test);
  if (!key) {
    console.error(`size: no ${what} in the manifest`);
    process.exit(1);
  }
  return key;
};
const pageKey = keyOf((k) => manifest[k].isEntry && k.endsWith('index.html'), 'index.html entry');
const embedKey = keyOf(
  (k) => manifest[k].isEntry && k.endsWith('src/embed/index.ts'),
  'embed entry',
);
const liveKey = keyOf((k) => k.endsWith('src/embed/live.tsx'), 'embed live chunk');

const gz = (file) => {
  const bytes = readFileSync(join(outDir, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

/** A chunk and its static imports, recursively, added to `into`. */
const closure = (key, into = new Set()) => {
  if (into.has(key)) return into;
  into.add(key);
  for (const k of manifest[key]?.imports ?? []) closure(k, into);
  return into;
};

// kB as Vite reports them (1,000 bytes).
const kb = (n) => (n / 1000).toFixed(1).padStart(8);
const row = (what, file, s) =>
  console.log(`${what.padEnd(13)} ${kb(s.raw)} ${kb(s.gzip)}  ${file}`);

const sets = {
  page: closure(pageKey),
  'embed static': closure(embedKey),
  'embed live': closure(liveKey, closure(embedKey)),
};

console.log(`${'chunk'.padEnd(13)} ${'kB'.padStart(8)} ${'gzip kB'.padStart(8)}  file`);
const totals = {};
const listed = new Set();
for (const [name, keys] of Object.entries(sets)) {
  let total = 0;
  for (const key of keys) {
    const file = manifest[key].file;
    const s = gz(file);
    total += s.gzip;
    if (!listed.has(`${name}:${file}`)) row(name, file, s);
    listed.add(`${name}:${file}`);
  }
  totals[name] = total / 1000;
}
const inSets = new Set(Object.values(sets).flatMap((s) => [...s].map((k) => manifest[k].file)));
const lazy = new Set();
for (const key of Object.keys(manifest)) {
  const file = manifest[key].file;
  if (file.endsWith('.js') && !inSets.has(file) && !lazy.has(file)) lazy.add(file);
}
for (const file of lazy) row('lazy', file, gz(file));
// Workers are emitted as assets, not manifest chunks.
const assets = readdirSync(join(outDir, 'assets'));
for (const f of assets.filter((f) => /worker.*\.js$/.test(f) && !lazy.has(`assets/${f}`)))
  row('worker', `assets/${f}`, gz(`assets/${f}`));

console.log('');
let over = false;
for (const [name, budget] of Object.entries(BUDGETS_KB)) {
  const total = totals[name];
  const ok = total <= budget;
  over ||= !ok;
  console.log(
    `${name.padEnd(13)} ${total.toFixed(1).padStart(6)} kB gzip  (budget ${budget} kB)${ok ? '' : '  OVER'}`,
  );
}
if (over) {
  console.error('size: over budget (see above)');
  process.exit(1);
}
