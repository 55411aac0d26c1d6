/**
 * `npm run --silent trace -- scenario.json`: prints the scenario's trace,
 * one event a line (shared/conformance/SPEC.md). A malformed scenario gets a
 * one-line error naming the problem on stderr and exit code 2.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../runtime/errors';
import { runScenario } from './driver';
import { parseScenario } from './scenario';

function main(argv: string[]): number {
  const file = argv[0];
  if (file === undefined || argv.length > 1) {
    process.stderr.write('usage: npm run --silent trace -- scenario.json\n');
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    process.stderr.write(`${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  try {
    const lines = runScenario(parseScenario(json));
    process.stdout.write(lines.map((l) => `${l}\n`).join(''));
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`${file}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
