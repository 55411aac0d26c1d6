import { binary, ErlList, Pid } from '../../runtime';
import type { Term } from '../../runtime';
import type { Expr } from './syntax';
import { Parser } from './syntax';
import { CodeError } from './tokens';

/** The UTF-8 bytes of a text, as a binary holds them (a string of codes 0–255). */
export const utf8Bytes = (text: string): string =>
  String.fromCharCode(...new TextEncoder().encode(text));

/** `Elixir.Foo.Bar`: the atom an Elixir alias stands for (Elixir "Alias" docs). */
export const aliasAtom = (name: string): string => `Elixir.${name}`;

/**
 * A literal expression as a runtime term: atoms are strings, tuples arrays, lists `ErlList`,
 * Elixir strings binaries, charlists lists of codes, maps objects (atom keys only: the runtime's
 * maps are keyed by atoms), `#PID<0.5.0>` a pid. Anything else is named with where it is.
 */
export function termOf(e: Expr): Term {
  const fail = (what: string): never => {
    throw new CodeError(e.line, e.col, what);
  };
  switch (e.k) {
    case 'atom':
      return e.v;
    case 'num':
      return e.v;
    case 'text':
      return binary(utf8Bytes(e.v));
    case 'chars':
      return new ErlList(Array.from(e.v, (c) => c.codePointAt(0) as number));
    case 'bytes':
      return binary(String.fromCharCode(...e.v));
    case 'tuple':
      return e.items.map(termOf);
    case 'list':
      return new ErlList(e.items.map(termOf));
    case 'map': {
      const out: Record<string, Term> = {};
      for (const [k, v] of e.pairs) {
        const key = termOf(k);
        if (typeof key !== 'string')
          throw new CodeError(k.line, k.col, 'map keys must be atoms here (%{count: 0})');
        Object.defineProperty(out, key, {
          value: termOf(v),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case 'alias':
      return aliasAtom(e.name);
    case 'pid':
      return new Pid(e.node, e.id);
    case 'var':
      return fail(`${e.name} is a variable; an atom is written :${e.name}, a string "${e.name}"`);
    case 'call':
      return fail(`${e.name}(...) is a function call, not a term`);
  }
}

/**
 * Parses an Elixir term as a person types it into the send, call and crash dialogs:
 * `:increment`, `{:add, 5}`, `%{a: 1}`, `[1, 2]`, `"text"`, `~c"chars"`, `#PID<0.5.0>`.
 * Throws a {@link CodeError} naming the line and column.
 */
export function parseElixirTerm(text: string): Term {
  const p = Parser.of(text, 'elixir');
  const t = termOf(p.expr());
  if (!p.atEnd()) p.fail('expected the end of the term');
  return t;
}
