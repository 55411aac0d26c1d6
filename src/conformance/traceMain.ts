import { InputError } from '../runtime/errors';
import type { RunOptions } from './driver';
import { runScenario } from './driver';
import { parseScenario } from './parseScenario';

/** What the trace command touches of the outside world (the CLI passes node's; tests fakes). */
export interface TraceIo {
  readFile(path: string): string;
  /** The trace. Written as Latin-1 bytes, as OTP 25's `io:put_chars` writes `~p` output. */
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = 'usage: npm run --silent trace -- scenario.json';

/**
 * The trace command (SPEC.md "The command the project provides"): prints the
 * scenario's trace and returns 0. Anything wrong with the input (unreadable
 * file, bad JSON, a malformed scenario, one that never settles) writes ONE
 * line naming the problem to stderr, nothing to stdout, and returns 2; a bug
 * of ours writes one line too (never a stack trace) and returns 1.
 */
export function traceMain(argv: readonly string[], io: TraceIo, opts: RunOptions = {}): number {
  const file = argv[0];
  if (file === undefined || argv.length > 1) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    io.stderr(`${file}: cannot read: ${oneLine(e)}\n`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    io.stderr(`${file}: bad JSON: ${oneLine(e)}\n`);
    return 2;
  }
  let lines: string[];
  try {
    lines = runScenario(parseScenario(json), opts);
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`${file}: ${oneLine(e)}\n`);
      return 2;
    }
    // A stack overflow on absurd input is still the input's fault.
    if (e instanceof RangeError) {
      io.stderr(`${file}: input too deeply nested (${oneLine(e)})\n`);
      return 2;
    }
    io.stderr(`${file}: internal error: ${oneLine(e)}\n`);
    return 1;
  }
  io.stdout(lines.map((l) => `${l}\n`).join(''));
  return 0;
}

/** An error's message on one line. */
function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/\s*\n\s*/g, ' ').trim() || (e instanceof Error ? e.name : 'error');
}
