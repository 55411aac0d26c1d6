// Prints a JSON file as one Erlang term (for file:consult/1): objects become
// maps with atom keys, strings Erlang strings, arrays lists, null 'null'.
import { readFileSync } from 'node:fs';

const str = (s) => JSON.stringify(s); // same escapes as an Erlang string for our inputs
const atom = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function term(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(term).join(',')}]`;
  switch (typeof v) {
    case 'boolean':
      return String(v);
    case 'number':
      return Number.isInteger(v) ? String(v) : v.toExponential();
    case 'string':
      return str(v);
    default:
      return `#{${Object.entries(v)
        .map(([k, x]) => `${atom(k)} => ${term(x)}`)
        .join(', ')}}`;
  }
}

try {
  process.stdout.write(`${term(JSON.parse(readFileSync(process.argv[2], 'utf8')))}.\n`);
} catch (e) {
  process.stderr.write(`cannot read scenario: ${e.message}\n`);
  process.exit(2);
}
