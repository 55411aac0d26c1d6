import { InputError } from './errors';
import type { Term } from './term';

/**
 * Parses the small Erlang term syntax people type into the playground and
 * scenarios use for reasons: atoms (`boom`, `'EXIT'`), integers, tuples
 * `{shutdown, bye}`. Throws an {@link InputError} naming the position.
 */
export function parseTerm(text: string): Term {
  let i = 0;
  const fail = (what: string): never => {
    throw new InputError(`bad term ${JSON.stringify(text)}: ${what} at position ${i}`);
  };
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const value = (): Term => {
    ws();
    const c = text[i];
    if (c === undefined) return fail('unexpected end');
    if (c === '{') {
      i++;
      const items: Term[] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return items;
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return items;
        } else return fail("expected ',' or '}'");
      }
    }
    if (c === "'") {
      // A quoted atom, with io_lib's escapes (\\, \', \n, \t).
      let atom = '';
      const start = i;
      for (i++; i < text.length; i++) {
        const ch = text[i] as string;
        if (ch === "'") {
          i++;
          return atom;
        }
        if (ch === '\\') {
          const esc = text[++i];
          atom += esc === 'n' ? '\n' : esc === 't' ? '\t' : (esc ?? '');
        } else atom += ch;
      }
      i = start;
      return fail('unterminated quoted atom');
    }
    const m = /^(-?\d+(?:\.\d+)?|[a-z][a-zA-Z0-9_@]*)/.exec(text.slice(i));
    if (m === null) return fail(`unexpected ${JSON.stringify(c)}`);
    i += m[0].length;
    const tok = m[0];
    return /^-?\d/.test(tok) ? Number(tok) : tok;
  };
  const t = value();
  ws();
  if (i < text.length) fail('trailing text');
  return t;
}
