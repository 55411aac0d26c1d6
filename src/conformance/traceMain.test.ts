import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MALFORMED } from './testdata/malformed';
import { traceMain } from './traceMain';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the trace command's main function on `text` as the file's content. */
function trace(text: string | undefined, argv = ['s.json'], maxTurns = 20_000): Outcome {
  let stdout = '';
  let stderr = '';
  const code = traceMain(
    argv,
    {
      readFile: () => {
        if (text === undefined) throw new Error("ENOENT: no such file or directory, open 's.json'");
        return text;
      },
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
    },
    { maxTurns },
  );
  return { code, stdout, stderr };
}

/** Exit 2, exactly one line on stderr naming the problem, no stack frames, nothing on stdout. */
function expectOneLineError(out: Outcome): void {
  expect(out.code).toBe(2);
  expect(out.stdout).toBe('');
  expect(out.stderr.endsWith('\n')).toBe(true);
  expect(out.stderr.slice(0, -1)).not.toContain('\n');
  expect(out.stderr).not.toMatch(/ {4}at /);
  expect(out.stderr.length).toBeLessThan(400);
}

describe('the trace command on malformed input', () => {
  it.each(MALFORMED)('%s: exit 2 and one line', (_what, text, mentions) => {
    const out = trace(text);
    expectOneLineError(out);
    expect(out.stderr).toContain(mentions);
  });

  it('an unreadable file, no argument and two arguments are one line too', () => {
    expectOneLineError(trace(undefined));
    expectOneLineError(trace('{}', []));
    expectOneLineError(trace('{}', ['a.json', 'b.json']));
  });

  it('never prints a stack for a mutated scenario: exit 0 with a trace, or 2 with one line', () => {
    const dir = join(__dirname, '../../conformance/vendor/scenarios-v2');
    const seeds = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
    const junk: unknown[] = [
      null,
      -1,
      0.5,
      1e300,
      '',
      'x',
      'Root',
      [],
      {},
      [[]],
      { tuple: 'x' },
      true,
    ];
    let rnd = 12345;
    const next = (n: number): number => {
      rnd = (rnd * 1103515245 + 12345) % 2147483648;
      return rnd % n;
    };
    for (let k = 0; k < 150; k++) {
      const s = structuredClone(seeds[next(seeds.length)]);
      mutate(s, junk[next(junk.length)], next);
      const out = trace(JSON.stringify(s), ['s.json'], 5_000);
      if (out.code === 0) expect(out.stderr).toBe('');
      else expectOneLineError(out);
    }
  });
});

/** Replaces one value somewhere in `root` (a JSON tree) with `junk`. */
function mutate(root: unknown, junk: unknown, next: (n: number) => number): void {
  let node = root as Record<string, unknown>;
  for (;;) {
    const keys = Object.keys(node);
    if (keys.length === 0) return;
    const k = keys[next(keys.length)] as string;
    const child = node[k];
    if (typeof child === 'object' && child !== null && next(3) > 0) node = child as typeof node;
    else {
      node[k] = junk;
      return;
    }
  }
}
