import { InputError } from './errors';
import { binary, ErlList } from './term';
import type { Term } from './term';

/** Escapes inside quoted atoms and strings, as io_lib writes them (`\n`, `\\`, `\'`, …). */
const ESCAPES: { [c: string]: string } = {
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  b: '\b',
  f: '\f',
  e: '\x1b',
  d: '\x7f',
  s: ' ',
};

/**
 * Parses the small Erlang term syntax people type into the playground and
 * scenarios use for reasons: atoms (`boom`, `'EXIT'`), integers, tuples
 * `{shutdown, bye}`, lists `[a, 1]`, strings `"text"` (lists of character
 * codes) and binaries `<<"text">>` / `<<1,2>>`. Throws an
 * {@link InputError} naming the position.
 */
export function parseTerm(text: string): Term {
  let i = 0;
  const fail = (what: string): never => {
    throw new InputError(`bad term ${JSON.stringify(text)}: ${what} at position ${i}`);
  };
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  /** Items up to `close`, separated by commas; the opening bracket is already read. */
  const items = (close: string, item: () => Term): Term[] => {
    const out: Term[] = [];
    ws();
    if (text.startsWith(close, i)) {
      i += close.length;
      return out;
    }
    for (;;) {
      out.push(item());
      ws();
      if (text[i] === ',') i++;
      else if (text.startsWith(close, i)) {
        i += close.length;
        return out;
      } else return fail(`expected ',' or '${close}'`);
    }
  };
  /** A quoted atom or string starting at `text[i]`, with io_lib's escapes. */
  const quoted = (q: string, what: string): string => {
    let s = '';
    const start = i;
    for (i++; i < text.length; i++) {
      const ch = text[i] as string;
      if (ch === q) {
        i++;
        return s;
      }
      if (ch === '\\') {
        const esc = text[++i] ?? '';
        const oct = /^[0-7]{1,3}/.exec(text.slice(i));
        if (oct !== null) {
          s += String.fromCharCode(parseInt(oct[0], 8));
          i += oct[0].length - 1;
        } else s += ESCAPES[esc] ?? esc;
      } else s += ch;
    }
    i = start;
    return fail(`unterminated ${what}`);
  };
  const byte = (): Term => {
    ws();
    const m = /^\d+/.exec(text.slice(i));
    if (m === null || Number(m[0]) > 255) return fail('expected a byte');
    i += m[0].length;
    return Number(m[0]);
  };
  const value = (): Term => {
    ws();
    const c = text[i];
    if (c === undefined) return fail('unexpected end');
    if (c === '{') {
      i++;
      return items('}', value);
    }
    if (c === '[') {
      i++;
      return new ErlList(items(']', value));
    }
    if (c === "'") return quoted("'", 'quoted atom');
    if (c === '"') return new ErlList(Array.from(quoted('"', 'string'), (ch) => ch.charCodeAt(0)));
    if (text.startsWith('<<', i)) {
      i += 2;
      ws();
      if (text[i] === '"') {
        const s = quoted('"', 'binary');
        ws();
        if (!text.startsWith('>>', i)) return fail("expected '>>'");
        i += 2;
        if ([...s].some((ch) => ch.charCodeAt(0) > 255)) return fail('a binary holds bytes only');
        return binary(s);
      }
      return binary(String.fromCharCode(...(items('>>', byte) as number[])));
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
