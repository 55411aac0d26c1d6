#!/usr/bin/env node
// Refreshes the vendored copies of what the project shares with its steering
// repository: the conformance format, compare script and public scenarios
// (conformance/vendor/) and the layering notes (docs/). The repository passes
// its tests with nothing beside it; when ../shared exists (as it does in CI),
// this picks up scenarios added there. Prints what changed; exits 0 when
// there is nothing to refresh from.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = resolve(process.env.SHARED_DIR ?? join(ROOT, '..', 'shared'));

/** [from inside SHARED, to inside ROOT]; folders are mirrored (files gone there are removed here). */
const COPIES = [
  ['conformance/SPEC.md', 'conformance/vendor/SPEC.md'],
  ['conformance/compare.mjs', 'conformance/vendor/compare.mjs'],
  ['ARCHITECTURE.md', 'docs/ARCHITECTURE.md'],
  ['OTP-NOTES.md', 'docs/OTP-NOTES.md'],
];

if (!existsSync(join(SHARED, 'conformance'))) {
  console.log(`refresh-shared: no ${SHARED}/conformance; keeping the vendored copies`);
  process.exit(0);
}
// Every scenarios* folder (scenarios, scenarios-v2, and any later version).
for (const name of readdirSync(join(SHARED, 'conformance'))) {
  if (name.startsWith('scenarios') && statSync(join(SHARED, 'conformance', name)).isDirectory())
    COPIES.push([`conformance/${name}`, `conformance/vendor/${name}`]);
}

const files = (dir) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const same = (a, b) => existsSync(b) && readFileSync(a).equals(readFileSync(b));
let changed = 0;
for (const [from, to] of COPIES) {
  const src = join(SHARED, from);
  const dst = join(ROOT, to);
  if (!existsSync(src)) continue;
  if (statSync(src).isDirectory()) {
    mkdirSync(dst, { recursive: true });
    for (const f of files(src)) {
      if (same(join(src, f), join(dst, f))) continue;
      cpSync(join(src, f), join(dst, f));
      console.log(`refresh-shared: ${to}/${f}`);
      changed++;
    }
    for (const f of files(dst)) {
      if (existsSync(join(src, f))) continue;
      rmSync(join(dst, f));
      console.log(`refresh-shared: removed ${to}/${f}`);
      changed++;
    }
  } else if (!same(src, dst)) {
    mkdirSync(dirname(dst), { recursive: true });
    cpSync(src, dst);
    console.log(`refresh-shared: ${to}`);
    changed++;
  }
}
console.log(
  `refresh-shared: ${changed === 0 ? 'vendored copies are current' : `${changed} file(s) refreshed`} (from ${SHARED})`,
);
