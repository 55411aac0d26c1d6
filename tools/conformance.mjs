#!/usr/bin/env node
// `npm run conformance`: compares the runtime's traces with the ones real
// Erlang/OTP 25 recorded, version by version (conformance/README.md).
// The trace command is bundled once with esbuild, so each scenario costs one
// Node start instead of an npm + tsx start. Passes any other arguments
// (--only NAME, --timeout MS) on to the vendored compare.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = 'dist-trace/trace.mjs';
const SETS = [
  {
    version: 1,
    label: 'public (recorded by the steering repo)',
    dir: 'conformance/vendor/scenarios',
  },
  { version: 1, label: 'own (tools/oracle)', dir: 'conformance/scenarios' },
  {
    version: 2,
    label: 'public (recorded by the steering repo)',
    dir: 'conformance/vendor/scenarios-v2',
  },
  { version: 2, label: 'own (tools/oracle)', dir: 'conformance/scenarios-v2' },
];

const build = spawnSync(
  'npx',
  [
    'esbuild',
    'src/conformance/traceCli.ts',
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--target=node20',
    `--outfile=${BUNDLE}`,
    '--log-level=warning',
  ],
  { cwd: ROOT, stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const totals = new Map(); // version -> { passed, failed }
for (const set of SETS) {
  const dir = join(ROOT, set.dir);
  if (!existsSync(dir) || !readdirSync(dir).some((f) => f.endsWith('.json'))) continue;
  console.log(`\n== conformance v${set.version}, ${set.label}: ${set.dir}`);
  const r = spawnSync(
    'node',
    [
      'conformance/vendor/compare.mjs',
      '--dir',
      set.dir,
      '--cmd',
      `node ${BUNDLE}`,
      ...process.argv.slice(2),
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  process.stdout.write(r.stdout);
  const m = /(\d+) passed, (\d+) failed\s*$/.exec(r.stdout);
  const t = totals.get(set.version) ?? { passed: 0, failed: 0 };
  if (m === null)
    t.failed += 1; // compare.mjs itself failed: count it as a failure
  else {
    t.passed += Number(m[1]);
    t.failed += Number(m[2]);
  }
  totals.set(set.version, t);
}

console.log('\n== conformance summary');
let passed = 0;
let failed = 0;
for (const [v, t] of [...totals].sort((a, b) => a[0] - b[0])) {
  console.log(`version ${v}: ${t.passed} passed, ${t.failed} failed`);
  passed += t.passed;
  failed += t.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
