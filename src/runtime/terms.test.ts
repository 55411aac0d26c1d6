import { describe, expect, it } from 'vitest';
import { parseTerm } from './parseTerm';
import type { Term } from './term';
import {
  Binary,
  ErlList,
  Pid,
  Ref,
  binary,
  charList,
  formatTerm,
  isBinary,
  isList,
  list,
} from './term';
import { termEquals } from './termEquals';

// The runtime compiles without DOM or Node types; the test runs in Node, which has it.
declare const structuredClone: <T>(value: T) => T;

describe('lists, strings and binaries, as io_lib:format("~0p") prints them', () => {
  it.each([
    [list(), '[]'],
    [charList(''), '[]'],
    [list('x', binary('y')), '[x,<<"y">>]'],
    [list(104, 105), '"hi"'],
    [charList('went wrong'), '"went wrong"'],
    [list(104, 105, 300), '[104,105,300]'],
    [list(-1, 104), '[-1,104]'],
    [list(104, 'a'), '[104,a]'],
    [list(list(104), charList('x y')), '["h","x y"]'],
    [list(10, 34, 92, 9, 27), '"\\n\\"\\\\\\t\\e"'],
    [list(127), '[127]'],
    [list(32, 126, 160, 255), `" ~${String.fromCharCode(160, 255)}"`],
    [binary(''), '<<>>'],
    [binary('oops'), '<<"oops">>'],
    [binary("it's ~ok"), `<<"it's ~ok">>`],
    [binary('\x01\x02'), '<<1,2>>'],
    [['shutdown', list('x', binary('y'))], '{shutdown,[x,<<"y">>]}'],
    [['error', ['bad_arg', binary('oops'), 42]], '{error,{bad_arg,<<"oops">>,42}}'],
  ] as [Term, string][])('%s', (t, text) => {
    expect(formatTerm(t)).toBe(text);
  });

  it('quotes atoms that are reserved words or not [a-z][a-zA-Z0-9_@]* (maybe is not reserved in OTP 25)', () => {
    expect(
      ['after', 'case', 'cond', 'maybe', 'else', 'EXIT', 'a b', 'ok@host'].map((a) =>
        formatTerm(a),
      ),
    ).toEqual(["'after'", "'case'", "'cond'", 'maybe', 'else', "'EXIT'", "'a b'", 'ok@host']);
  });

  it('prints pids and refs through the caller’s printers', () => {
    const opts = { pid: () => '<root/a>', ref: () => '#Ref' };
    expect(formatTerm(list(new Pid(0, 3), new Ref(0, 4)), opts)).toBe('[<root/a>,#Ref]');
  });

  it('keeps its shape through structured clone ({ $list }, { $bin })', () => {
    const cloned = structuredClone(list(1, binary('x'))) as unknown;
    expect(cloned).toEqual({ $list: [1, { $bin: 'x' }] });
    expect(isList(list())).toBe(true);
    expect(isBinary(binary(''))).toBe(true);
    expect(isList(['a'])).toBe(false);
  });

  it('parseTerm reads lists, strings and binaries back', () => {
    expect(parseTerm('[a, 1, [b]]')).toEqual(list('a', 1, list('b')));
    expect(parseTerm('"hi\\n"')).toEqual(list(104, 105, 10));
    expect(parseTerm('<<"oops">>')).toEqual(new Binary('oops'));
    expect(parseTerm('<<1, 2>>')).toEqual(new Binary('\x01\x02'));
    for (const t of [list(), charList('a "b"'), binary('x'), ['shutdown', list(1, binary(''))]])
      expect(termEquals(parseTerm(formatTerm(t as Term)), t as Term)).toBe(true);
  });
});

describe('termEquals, Erlang =:=', () => {
  it('compares by value, element by element', () => {
    expect(termEquals(['a', list(1, 2)], ['a', list(1, 2)])).toBe(true);
    expect(termEquals(list(104, 105), charList('hi'))).toBe(true);
    expect(termEquals(binary('x'), binary('x'))).toBe(true);
    expect(termEquals({ a: list() }, { a: new ErlList([]) })).toBe(true);
    expect(termEquals(true, 'true')).toBe(true);
    expect(termEquals(undefined, 'undefined')).toBe(true);
  });

  it('tells tuples, lists and binaries apart', () => {
    expect(termEquals(['a'], list('a'))).toBe(false);
    expect(termEquals(binary('hi'), charList('hi'))).toBe(false);
    expect(termEquals(list(1, 2), list(1, 2, 3))).toBe(false);
    expect(termEquals('a', ['a'])).toBe(false);
    expect(termEquals(1, '1')).toBe(false);
    expect(termEquals(new Pid(0, 1), new Pid(0, 1))).toBe(false); // pids are interned: identity
  });
});
