/**
 * `npm run --silent trace -- scenario.json`: prints the scenario's trace,
 * one event a line (conformance/vendor/SPEC.md). A malformed scenario gets a
 * one-line error naming the problem on stderr and exit code 2 (traceMain.ts).
 */
import { readFileSync } from 'node:fs';
import { traceMain } from './traceMain';

process.exitCode = traceMain(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  stdout: (text) => process.stdout.write(Buffer.from(text, 'latin1')),
  stderr: (text) => process.stderr.write(text),
});
