import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors';
import { parseTerm } from './parseTerm';
import type { Term } from './term';
import { formatTerm } from './term';

describe('parseTerm', () => {
  it.each([
    ['boom', 'boom'],
    ["'EXIT'", 'EXIT'],
    ["'hello world'", 'hello world'],
    ['42', 42],
    ['-7', -7],
    ['1.5', 1.5],
    ['{}', []],
    ['{shutdown, bye}', ['shutdown', 'bye']],
    ['  { a ,{b,{ 1 , -2 }} }  ', ['a', ['b', [1, -2]]]],
    ['nonode@nohost', 'nonode@nohost'],
  ] as [string, Term][])('reads %s', (text, term) => {
    expect(parseTerm(text)).toEqual(term);
  });

  it.each([
    ['', 'unexpected end at position 0'],
    ['{a,', 'unexpected end at position 3'],
    ['{a,}', 'unexpected "}" at position 3'],
    ['{a b}', "expected ',' or '}' at position 3"],
    ["'abc", 'unterminated quoted atom at position 0'],
    ['ok ok', 'trailing text at position 3'],
    ['Foo', 'unexpected "F" at position 0'],
    ['[a', "expected ',' or ']' at position 2"],
    ['"abc', 'unterminated string at position 0'],
    ['<<256>>', 'expected a byte at position 2'],
    ['Foo', 'unexpected "F" at position 0'],
  ])('rejects %j, naming the position', (text, what) => {
    expect(() => parseTerm(text)).toThrow(InputError);
    expect(() => parseTerm(text)).toThrow(`bad term ${JSON.stringify(text)}: ${what}`);
  });

  it('reads back what formatTerm writes (atoms, integers, tuples)', () => {
    const atom = fc.stringMatching(/^[a-zA-Z0-9_@ ]{0,8}$/);
    const term = fc.letrec<{ t: Term }>((tie) => ({
      t: fc.oneof(
        { depthSize: 'small' },
        atom,
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.array(tie('t'), { maxLength: 4 }),
      ),
    })).t;
    fc.assert(
      fc.property(term, (t) => {
        expect(parseTerm(formatTerm(t))).toEqual(t);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back a quoted atom with an escaped quote, as formatTerm writes it', () => {
    expect(parseTerm(formatTerm("it's"))).toBe("it's");
  });
});
