import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErlList, Pid, binary, charList, list } from '../../runtime';
import type { Term } from '../../runtime';
import { formatElixirTerm, formatTermIn } from '../../store/formatElixir';
import { parseTermInput } from '../terms';
import { parseElixirTerm, utf8Bytes } from './elixirTerm';

/** A term as it crosses to the page (structured clone drops the classes). */
const plain = (t: Term): unknown => structuredClone(t);
const roundTrip = (t: Term): unknown => plain(parseElixirTerm(formatElixirTerm(plain(t))));

describe('formatElixirTerm (terms as Elixir inspect/2 prints them)', () => {
  it('prints atoms with a colon, quoting the ones that need it', () => {
    expect(formatElixirTerm('ok')).toBe(':ok');
    expect(formatElixirTerm('hello world')).toBe(':"hello world"');
    expect(formatElixirTerm('EXIT')).toBe(':EXIT');
    expect(formatElixirTerm('$gen_call')).toBe(':"$gen_call"');
    expect(formatElixirTerm('valid?')).toBe(':valid?');
    expect(formatElixirTerm('Elixir.Counter')).toBe('Counter');
    expect(formatElixirTerm('Elixir.MyApp.Cache')).toBe('MyApp.Cache');
    expect(formatElixirTerm('nil')).toBe('nil');
    expect(formatElixirTerm(true)).toBe('true');
    expect(formatElixirTerm(undefined)).toBe(':undefined');
  });

  it('prints tuples, maps, lists, keyword lists, strings and charlists', () => {
    expect(formatElixirTerm({ count: 0 })).toBe('%{count: 0}');
    expect(formatElixirTerm(['error', 'boom'])).toBe('{:error, :boom}');
    expect(formatElixirTerm(plain(list(1, 2)))).toBe('[1, 2]');
    expect(formatElixirTerm(plain(list(['a', 1], ['b', 2])))).toBe('[a: 1, b: 2]');
    expect(formatElixirTerm(plain(binary('text')))).toBe('"text"');
    expect(formatElixirTerm(plain(binary('\x01\x02')))).toBe('<<1, 2>>');
    expect(formatElixirTerm(plain(charList('hi')))).toBe('~c"hi"');
    expect(formatElixirTerm({ 'hello world': 1 })).toBe('%{"hello world": 1}');
    expect(formatElixirTerm({})).toBe('%{}');
    expect(formatElixirTerm(plain(list()))).toBe('[]');
    expect(formatElixirTerm(plain(binary('')))).toBe('""');
    expect(formatElixirTerm(plain(binary('caf\xc3\xa9')))).toBe('"café"');
  });

  it('prints pids and refs as Elixir does', () => {
    const pid = plain(new Pid(0, 5));
    expect(formatElixirTerm(['EXIT', pid, 'boom'])).toBe('{:EXIT, #PID<0.5.0>, :boom}');
    expect(formatElixirTerm({ $ref: [1, 7] })).toBe('#Reference<1.7>');
    expect(formatElixirTerm(['DOWN', { node: 1, id: 7 }, 'process', pid, 'normal'])).toBe(
      '{:DOWN, #Reference<1.7>, :process, #PID<0.5.0>, :normal}',
    );
  });

  it('is the Elixir half of the one entry point that takes the flavour', () => {
    expect(formatTermIn('elixir', { count: 0 })).toBe('%{count: 0}');
    expect(formatTermIn('erlang', { count: 0 })).toBe('#{count => 0}');
  });
});

describe('parseElixirTerm (what a person types in Elixir)', () => {
  it('reads the dialogs’ examples', () => {
    expect(parseElixirTerm(':increment')).toBe('increment');
    expect(parseElixirTerm('{:add, 5}')).toEqual(['add', 5]);
    expect(parseElixirTerm('%{a: 1}')).toEqual({ a: 1 });
    expect(parseElixirTerm('[1, 2]')).toEqual(list(1, 2));
    expect(parseElixirTerm('"text"')).toEqual(binary('text'));
    expect(parseElixirTerm("'chars'")).toEqual(charList('chars'));
    expect(parseElixirTerm('[a: 1]')).toEqual(list(['a', 1]));
    expect(parseElixirTerm('{:shutdown, :bye}')).toEqual(['shutdown', 'bye']);
    expect(parseElixirTerm('%{:a => 1, "b c": 2}')).toEqual({ a: 1, 'b c': 2 });
    expect(parseElixirTerm('{:put, :k, -1_000}')).toEqual(['put', 'k', -1000]);
    expect(parseElixirTerm('#PID<0.5.0>')).toEqual(new Pid(0, 5));
    expect(parseElixirTerm('Counter')).toBe('Elixir.Counter');
    expect(parseElixirTerm('  [\n  :a,\n  :b,\n]  ')).toEqual(list('a', 'b'));
  });

  it('says where and what it expected', () => {
    expect(parseTermInput('increment', 'elixir')).toEqual({
      ok: false,
      error:
        'line 1, column 1: increment is a variable; an atom is written :increment, a string "increment"',
    });
    expect(parseTermInput('{:add, 5', 'elixir')).toEqual({
      ok: false,
      error: "line 1, column 9: expected ',' or '}' but found the end",
    });
    expect(parseTermInput('%{1 => :a}', 'elixir')).toEqual({
      ok: false,
      error: 'line 1, column 3: map keys must be atoms here (%{count: 0})',
    });
    expect(parseTermInput('#{a => 1}', 'elixir').ok).toBe(false);
    expect(parseTermInput(':a :b', 'elixir')).toEqual({
      ok: false,
      error: "line 1, column 4: expected the end of the term but found 'b'",
    });
    expect(parseTermInput('', 'elixir')).toEqual({
      ok: false,
      error: 'empty: type a term such as :ping or {:ping, 1}',
    });
    expect(parseTermInput('{ping, 1}')).toEqual({ ok: true, value: ['ping', 1] });
  });

  it('reads back what it prints, for chosen terms', () => {
    const terms: Term[] = [
      'ok',
      'hello world',
      'EXIT',
      'Elixir.MyApp.Cache',
      ['error', 'boom'],
      { count: 0 },
      { 'a b': list(1, charList('x')) },
      list(['strategy', 'one_for_one'], ['max_restarts', 3]),
      binary('line\nbreak "quoted" #{not interpolated} \\'),
      binary('\xff\x00'),
      charList('hi\tthere'),
      [new Pid(1, 9), 'x'],
      -12.5,
      [],
      list(),
    ];
    for (const t of terms) expect(roundTrip(t)).toEqual(plain(t));
  });
});

/** Terms the page can show and a person can type: no refs, records or `undefined`. */
const atomArb = fc.oneof(
  fc.constantFrom('ok', 'error', 'EXIT', 'nil', 'true', '$gen_cast', 'Elixir.Foo.Bar', 'a@b', 'x?'),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const keyArb = atomArb.filter(
  (k) => !['$list', '$bin', '$ref', 'node', 'id', 'name', 'fields', '__proto__'].includes(k),
);
const { term } = fc.letrec<{ term: Term }>((tie) => ({
  term: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atomArb,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
    fc.uint8Array({ maxLength: 6 }).map((b) => binary(String.fromCharCode(...b))),
    fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => binary(utf8Bytes(s))),
    fc.tuple(fc.nat(99), fc.nat(9999)).map(([n, i]) => new Pid(n, i)),
    fc.array(tie('term'), { maxLength: 4 }),
    fc.array(tie('term'), { maxLength: 4 }).map((xs) => new ErlList(xs)),
    fc
      .array(fc.tuple(keyArb, tie('term')), { maxLength: 4 })
      .map((kvs) => Object.fromEntries(kvs) as Term),
  ),
}));

describe('format → parse round trips (fast-check)', () => {
  it('parses back every term it prints', () => {
    fc.assert(
      fc.property(term, (t) => {
        expect(roundTrip(t)).toEqual(plain(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws anything but a positioned error on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = parseTermInput(s, 'elixir');
        if (!r.ok) expect(r.error).toMatch(/^(line \d+, column \d+: |empty)/);
      }),
      { numRuns: 2000 },
    );
  });
});
