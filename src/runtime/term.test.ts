import { describe, expect, it } from 'vitest';
import type { Term } from './term';
import {
  ErlRecord,
  Pid,
  Ref,
  formatTerm,
  isNormalExit,
  isPid,
  isRef,
  isShutdownTuple,
  isTuple,
} from './term';

describe('formatTerm, as io_lib:format("~0p", [T])', () => {
  it.each([
    ['ok', 'ok'],
    ['already_started', 'already_started'],
    ['nonode@nohost', 'nonode@nohost'],
    ['a1_B2', 'a1_B2'],
    ['EXIT', "'EXIT'"],
    ['hello world', "'hello world'"],
    ['', "''"],
    ['_x', "'_x'"],
    ['9lives', "'9lives'"],
    ["it's", "'it\\'s'"],
  ])('writes the atom %j as %s', (atom, text) => {
    expect(formatTerm(atom)).toBe(text);
  });

  it('quotes reserved words', () => {
    expect(
      ['end', 'receive', 'after', 'case', 'of', 'fun', 'when', 'catch', 'and', 'not'].map((a) =>
        formatTerm(a),
      ),
    ).toEqual([
      "'end'",
      "'receive'",
      "'after'",
      "'case'",
      "'of'",
      "'fun'",
      "'when'",
      "'catch'",
      "'and'",
      "'not'",
    ]);
  });

  it('escapes backslashes and newlines inside quoted atoms', () => {
    expect(formatTerm('a\\b')).toBe("'a\\\\b'");
    expect(formatTerm('a\nb')).toBe("'a\\nb'");
  });

  it('writes numbers, booleans and undefined', () => {
    expect([42, -7, 1.5, 0].map((n) => formatTerm(n))).toEqual(['42', '-7', '1.5', '0']);
    expect([formatTerm(true), formatTerm(false), formatTerm(undefined)]).toEqual([
      'true',
      'false',
      'undefined',
    ]);
  });

  it('writes tuples without spaces, nested and empty', () => {
    expect(formatTerm(['error', ['shutdown', ['failed_to_start_child', 'b', 'init_failed']]])).toBe(
      '{error,{shutdown,{failed_to_start_child,b,init_failed}}}',
    );
    expect(formatTerm([])).toBe('{}');
    expect(formatTerm(['EXIT', 1, 'noproc'])).toBe("{'EXIT',1,noproc}");
  });

  it('writes pids and refs, or pids through a custom printer', () => {
    const p = new Pid(0, 12);
    expect(formatTerm(['ok', p])).toBe('{ok,<0.12.0>}');
    expect(formatTerm(['ok', p], { pid: () => '<root/a>' })).toBe('{ok,<root/a>}');
    expect(formatTerm(new Ref(0, 3))).toBe('#Ref<0.3>');
  });

  it('writes a record in record syntax, as SPEC prints the internal #child{}', () => {
    expect(formatTerm(['error', ['init_failed', new ErlRecord('child', { id: 'e' })]])).toBe(
      '{error,{init_failed,#child{id=e}}}',
    );
    expect(formatTerm(new ErlRecord('r', { a: 1, b: ['x', 'Y'] }))).toBe("#r{a=1,b={x,'Y'}}");
  });

  it('writes maps as #{K => V,…}', () => {
    expect(formatTerm({ a: 1, B: ['x'] })).toBe("#{a => 1,'B' => {x}}");
    expect(formatTerm({})).toBe('#{}');
  });
});

describe('term predicates', () => {
  it('isNormalExit: normal, shutdown and {shutdown, _} only', () => {
    const normal: Term[] = ['normal', 'shutdown', ['shutdown', 'x'], ['shutdown', ['a', 1]]];
    const abnormal: Term[] = [
      'boom',
      'killed',
      'kill',
      ['shutdown'],
      ['shutdown', 'a', 'b'],
      ['normal', 'x'],
      'noproc',
    ];
    expect(normal.map(isNormalExit)).toEqual(normal.map(() => true));
    expect(abnormal.map(isNormalExit)).toEqual(abnormal.map(() => false));
    expect(isShutdownTuple(['shutdown', 1])).toBe(true);
    expect(isShutdownTuple('shutdown')).toBe(false);
  });

  it('tells pids, refs and tuples apart', () => {
    const p = new Pid(0, 1);
    const r = new Ref(0, 1);
    expect([
      isPid(p),
      isPid(r),
      isRef(r),
      isRef(p),
      isTuple([]),
      isTuple('a'),
      isTuple({}),
    ]).toEqual([true, false, true, false, true, false, false]);
  });
});
