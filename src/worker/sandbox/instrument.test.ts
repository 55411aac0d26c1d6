import { describe, expect, it } from 'vitest';
import { instrument } from './instrument';
import { METER } from './meter';

const code = (source: string): string => {
  const r = instrument(source);
  if (!r.ok) throw new Error(r.error);
  return r.code;
};

/** Runs instrumented code with a counting meter; returns [value, calls]. */
function run(source: string): [unknown, number] {
  let calls = 0;
  const f = new Function(METER, `"use strict"; return (${code(source)});`) as (
    m: () => void,
  ) => unknown;
  const value = f(() => void calls++);
  return [value, calls];
}

describe('instrument', () => {
  it('counts every loop iteration and function entry', () => {
    expect(run('(() => { let s = 0; for (let i = 0; i < 10; i++) s += i; return s; })()')).toEqual([
      45, 11,
    ]);
    expect(run('(function f(n) { return n === 0 ? 0 : 1 + f(n - 1); })(4)')).toEqual([4, 5]);
    expect(
      run('(() => { let i = 0; while (i < 3) i++; do i--; while (i > 0); return i; })()'),
    ).toEqual([0, 7]);
    expect(
      run(
        '(() => { let n = 0; for (const k in { a: 1, b: 2 }) for (const x of [1, 2]) n += x; return n; })()',
      ),
    ).toEqual([6, 7]);
  });

  it('keeps every line where it was, so stack lines stay the person’s', () => {
    const source =
      '({\n  init() {\n    for (;;) {}\n  },\n  get x() { return 1; },\n  f: (a) => a,\n})';
    expect(code(source).split('\n')).toHaveLength(source.split('\n').length);
  });

  it('nests the inserts right where nodes end together (no semicolons, arrow bodies)', () => {
    expect(run('(() => { let n = 0; while (n < 2) n = ((x) => x + 1)(n)\n return n; })()')).toEqual(
      [2, 5],
    );
    expect(
      run(
        '(() => { const fs = []; for (let i = 0; i < 2; i++) fs.push(() => ({ i })); return fs.map((f) => f().i); })()',
      ),
    ).toEqual([[0, 1], 7]);
  });

  it('gives the line of a syntax error and refuses what a module may not use', () => {
    expect(instrument("({\n  init() {\n    return ['ok' 1];\n  },\n})")).toMatchObject({
      ok: false,
      line: 3,
    });
    expect(instrument('({ async init() {} })')).toMatchObject({ ok: false, line: 1 });
    expect(instrument('({ *init() { for await (const x of y) {} } })')).toMatchObject({
      ok: false,
    });
    expect(instrument("({ init() { return import('x'); } })")).toMatchObject({ ok: false });
    expect(instrument(`({ init() { ${METER}(); } })`)).toMatchObject({ ok: false });
    expect(instrument('1), (2')).toMatchObject({ ok: false });
    expect(instrument('1); evil(); (2')).toMatchObject({ ok: false });
  });
});
