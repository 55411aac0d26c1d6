/**
 * A small tokenizer for the Erlang and Elixir a person pastes or types into the playground:
 * terms (`{:add, 5}`, `#{a => 1}`) and supervisor code (`init/1` clauses, `children = [...]`).
 * Not a full lexer for either language: no operators beyond `=`, `->`, `=>`, `|>`, `|`, no
 * sigils but `~c"…"`, no heredocs. What it does not know it names with a line and column.
 *
 * Token kinds follow each language's reference (Erlang Reference Manual, "Data Types";
 * Elixir "Syntax reference"): an Erlang `Var` is capitalised and an atom lowercase; an Elixir
 * variable is lowercase, an atom is `:name`, and `Foo.Bar` is an alias (the atom `Elixir.Foo.Bar`).
 */

export type Lang = 'erlang' | 'elixir';

export type TokenKind =
  /** An atom: Erlang `ok`, `'EXIT'`; Elixir `:ok`, `:"a b"`, `true`, `nil`. Erlang `?MODULE` too. */
  | 'atom'
  /** A variable: Erlang `Children`, `_`; Elixir `children`, `_arg`. */
  | 'var'
  /** Elixir `Foo.Bar` (value `Foo.Bar`). */
  | 'alias'
  /** Elixir `strategy:` in a keyword list (value `strategy`). */
  | 'key'
  | 'num'
  /** `"text"`: an Elixir string (a binary), an Erlang string (a charlist). */
  | 'string'
  /** Elixir `~c"text"` or `'text'`. */
  | 'charlist'
  /** Elixir `#PID<0.5.0>`, Erlang `<0.5.0>` as printed (value `0.5.0`). */
  | 'pid'
  | 'punct'
  | 'end';

export interface Token {
  kind: TokenKind;
  /** The atom's, variable's or key's name, the string's text, the punctuation itself. */
  text: string;
  num?: number;
  line: number;
  col: number;
}

/** A syntax error that says where: `line 2, column 7: expected ']' but found ')'`. */
export class CodeError extends Error {
  override name = 'CodeError';
  constructor(
    readonly line: number,
    readonly col: number,
    readonly what: string,
  ) {
    super(`line ${line}, column ${col}: ${what}`);
  }
}

const PUNCT = ['%{', '#{', '<<', '>>', '=>', '->', '|>', '{', '}', '[', ']', '(', ')'];
const SINGLE = ',=.;|/#%?:';
/** Elixir: `\n`, `\t`, … (String docs, "Escape characters"); Erlang: io_lib's, plus `\s`, `\d`. */
const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  b: '\b',
  f: '\f',
  e: '\x1b',
  a: '\x07',
  s: ' ',
  d: '\x7f',
  0: '\0',
};

/** A readable name for a token in an error message: `'foo'`, `']'`, `the end`. */
export function describeToken(t: Token): string {
  if (t.kind === 'end') return 'the end';
  if (t.kind === 'string') return 'a string';
  if (t.kind === 'key') return `'${t.text}:'`;
  return `'${t.text}'`;
}

/** The tokens of `src`, ending with an `end` token; throws a {@link CodeError}. */
export function tokenize(src: string, lang: Lang): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const col = (at: number): number => at - lineStart + 1;
  const fail = (at: number, what: string): never => {
    throw new CodeError(line, col(at), what);
  };
  const push = (kind: TokenKind, text: string, at: number, num?: number): void => {
    out.push({ kind, text, line, col: col(at), ...(num === undefined ? {} : { num }) });
  };
  /** A quoted text from `src[i]` (the quote), with escapes; leaves `i` after the closing quote. */
  const quoted = (q: string): string => {
    const startLine = line;
    const startCol = col(i);
    let s = '';
    for (i++; i < src.length; i++) {
      const ch = src[i] as string;
      if (ch === q) {
        i++;
        return s;
      }
      if (ch === '\n') {
        line++;
        lineStart = i + 1;
      }
      if (ch !== '\\') {
        s += ch;
        continue;
      }
      const esc = src[++i] ?? '';
      const hex = /^x(\{([0-9a-fA-F]+)\}|[0-9a-fA-F]{1,2})/.exec(src.slice(i));
      const oct = lang === 'erlang' ? /^[0-7]{1,3}/.exec(src.slice(i)) : null;
      if (hex !== null) {
        s += String.fromCodePoint(parseInt(hex[2] ?? hex[1] ?? '0', 16));
        i += hex[0].length - 1;
      } else if (oct !== null) {
        s += String.fromCharCode(parseInt(oct[0], 8));
        i += oct[0].length - 1;
      } else s += ESCAPES[esc] ?? esc;
    }
    throw new CodeError(
      startLine,
      startCol,
      `unterminated ${q === "'" ? 'quoted text' : 'string'}`,
    );
  };

  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = src.slice(i, i + 200);
    // Comments: Erlang `%`, Elixir `#` (but not `#{`, `#PID<`).
    if (
      (lang === 'erlang' && ch === '%') ||
      (lang === 'elixir' && ch === '#' && !rest.startsWith('#{') && !rest.startsWith('#PID<'))
    ) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const at = i;
    if (lang === 'elixir' && rest.startsWith('#PID<')) {
      const m = /^#PID<(\d+)\.(\d+)\.(\d+)>/.exec(rest);
      if (m === null) fail(at, 'expected a pid such as #PID<0.5.0>');
      const [all = '', a = '', b = '', c = ''] = m ?? [];
      push('pid', `${a}.${b}.${c}`, at);
      i += all.length;
      continue;
    }
    // Erlang prints a pid <0.5.0> (there is no syntax for one; the log's text has them).
    const erlPid = lang === 'erlang' ? /^<(\d+)\.(\d+)\.(\d+)>/.exec(rest) : null;
    if (erlPid !== null) {
      push('pid', `${erlPid[1] ?? ''}.${erlPid[2] ?? ''}.${erlPid[3] ?? ''}`, at);
      i += erlPid[0].length;
      continue;
    }
    const num = /^-?\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?/.exec(rest);
    // A minus is a number's sign only where a value starts (after `(`, `,`, `[`, `{`, `=`, …).
    const prev = out[out.length - 1];
    const signOk = ch !== '-' || prev === undefined || prev.kind === 'punct' || prev.kind === 'key';
    if (num !== null && signOk && (ch !== '-' || /\d/.test(src[i + 1] ?? ''))) {
      const text = num[0].replace(/_/g, '');
      push('num', num[0], at, Number(text));
      i += num[0].length;
      continue;
    }
    if (ch === '"') {
      const s = quoted('"');
      // Elixir `"hello world": 1` is a quoted keyword key.
      if (lang === 'elixir' && src[i] === ':' && /\s/.test(src[i + 1] ?? '')) {
        i++;
        push('key', s, at);
      } else push('string', s, at);
      continue;
    }
    if (ch === "'") {
      const s = quoted("'");
      push(lang === 'erlang' ? 'atom' : 'charlist', s, at);
      continue;
    }
    if (lang === 'elixir' && rest.startsWith('~c"')) {
      i += 2;
      push('charlist', quoted('"'), at);
      continue;
    }
    if (lang === 'elixir' && ch === ':' && src[i + 1] === '"') {
      i++;
      push('atom', quoted('"'), at);
      continue;
    }
    if (lang === 'elixir' && ch === ':' && /[a-zA-Z_]/.test(src[i + 1] ?? '')) {
      const m = /^:([a-zA-Z_][a-zA-Z0-9_@]*[?!]?)/.exec(rest) as RegExpExecArray;
      push('atom', m[1] as string, at);
      i += m[0].length;
      continue;
    }
    if (lang === 'erlang' && ch === '?') {
      const m = /^\?([a-zA-Z_][a-zA-Z0-9_]*)/.exec(rest);
      if (m === null) fail(at, 'expected a macro name after ?');
      push('atom', `?${m?.[1] ?? ''}`, at);
      i += m?.[0].length ?? 1;
      continue;
    }
    const word = /^[a-zA-Z_][a-zA-Z0-9_@]*[?!]?/.exec(rest);
    if (word !== null) {
      const w = word[0];
      i += w.length;
      if (lang === 'erlang') {
        push(/^[A-Z_]/.test(w) ? 'var' : 'atom', w, at);
        continue;
      }
      const isKey = src[i] === ':' && /\s/.test(src[i + 1] ?? '');
      if (/^[A-Z]/.test(w) && !isKey) {
        // An alias: `Foo.Bar.Baz` (a dot followed by a capital continues it).
        let name = w;
        for (;;) {
          const more = /^\.([A-Z][a-zA-Z0-9_]*)/.exec(src.slice(i));
          if (more === null) break;
          name += more[0];
          i += more[0].length;
        }
        push('alias', name, at);
        continue;
      }
      if (isKey) {
        i++;
        push('key', w, at);
        continue;
      }
      push(w === 'true' || w === 'false' || w === 'nil' ? 'atom' : 'var', w, at);
      continue;
    }
    const p = PUNCT.find((x) => rest.startsWith(x)) ?? (SINGLE.includes(ch) ? ch : undefined);
    if (p === undefined) fail(at, `unexpected ${JSON.stringify(ch)}`);
    push('punct', p as string, at);
    i += (p as string).length;
  }
  out.push({ kind: 'end', text: '', line, col: col(i) });
  return out;
}
