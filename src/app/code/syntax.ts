import type { Lang, Token } from './tokens';
import { CodeError, describeToken, tokenize } from './tokens';

/**
 * Expressions of the small Erlang/Elixir subset the playground reads: literals, tuples, lists
 * (Elixir keyword lists become lists of `{key, value}` tuples, as they are), maps, variables,
 * aliases, remote calls (`Supervisor.init(children, strategy: :one_for_one)`,
 * `supervisor:child_spec(...)`) and a pipe into a call. Each node keeps where it started.
 */
export type Expr = (
  | { k: 'atom'; v: string }
  | { k: 'num'; v: number }
  /** A binary's text (Elixir `"…"`) — bytes are its UTF-8 encoding. */
  | { k: 'text'; v: string }
  /** A charlist (Erlang `"…"`, Elixir `~c"…"`). */
  | { k: 'chars'; v: string }
  /** `<<1, 2>>` */
  | { k: 'bytes'; v: number[] }
  | { k: 'tuple'; items: Expr[] }
  | { k: 'list'; items: Expr[] }
  | { k: 'map'; pairs: [Expr, Expr][] }
  | { k: 'var'; name: string }
  | { k: 'alias'; name: string }
  | { k: 'pid'; node: number; id: number }
  /** `Mod.fun(args)` / `mod:fun(args)` / `fun(args)`. */
  | { k: 'call'; name: string; args: Expr[] }
) & { line: number; col: number };

/** A cursor over tokens with the few helpers a recursive-descent parser needs. */
export class Parser {
  private i = 0;
  constructor(
    readonly toks: Token[],
    readonly lang: Lang,
  ) {}

  static of(src: string, lang: Lang): Parser {
    return new Parser(tokenize(src, lang), lang);
  }

  peek(n = 0): Token {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)] as Token;
  }
  next(): Token {
    const t = this.peek();
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  isPunct(p: string, n = 0): boolean {
    const t = this.peek(n);
    return t.kind === 'punct' && t.text === p;
  }
  atEnd(): boolean {
    return this.peek().kind === 'end';
  }
  fail(what: string, t: Token = this.peek()): never {
    throw new CodeError(t.line, t.col, `${what} but found ${describeToken(t)}`);
  }
  expect(p: string): Token {
    if (!this.isPunct(p)) this.fail(`expected '${p}'`);
    return this.next();
  }
  /** Skips one `p` if it is next. */
  eat(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.next();
    return true;
  }

  /** One expression, with Elixir's `a |> f(b)` read as `f(a, b)`. */
  expr(): Expr {
    let e = this.primary();
    while (this.lang === 'elixir' && this.isPunct('|>')) {
      this.next();
      const call = this.primary();
      if (call.k !== 'call') this.fail('expected a function call after |>');
      e = { ...call, args: [e, ...call.args] };
    }
    return e;
  }

  private primary(): Expr {
    const t = this.peek();
    const at = { line: t.line, col: t.col };
    switch (t.kind) {
      case 'num':
        this.next();
        return { k: 'num', v: t.num ?? 0, ...at };
      case 'string':
        this.next();
        return this.lang === 'elixir'
          ? { k: 'text', v: t.text, ...at }
          : { k: 'chars', v: t.text, ...at };
      case 'charlist':
        this.next();
        return { k: 'chars', v: t.text, ...at };
      case 'pid': {
        this.next();
        const [node = 0, id = 0] = t.text.split('.').map(Number);
        return { k: 'pid', node, id, ...at };
      }
      case 'atom':
        this.next();
        // Erlang `mod:fun(...)`, or a local call `fun(...)`.
        if (this.lang === 'erlang' && this.isPunct('('))
          return { k: 'call', name: t.text, args: this.args(), ...at };
        if (this.lang === 'erlang' && this.isPunct(':')) return this.remote(t.text, at);
        return { k: 'atom', v: t.text, ...at };
      case 'var':
        this.next();
        if (this.lang === 'elixir' && this.isPunct('('))
          return { k: 'call', name: t.text, args: this.args(), ...at };
        return { k: 'var', name: t.text, ...at };
      case 'alias':
        this.next();
        if (this.isPunct('.')) {
          this.next();
          const fn = this.next();
          if (fn.kind !== 'var' && fn.kind !== 'atom') this.fail('expected a function name', fn);
          return { k: 'call', name: `${t.text}.${fn.text}`, args: this.args(), ...at };
        }
        return { k: 'alias', name: t.text, ...at };
      case 'key':
        return this.fail('a keyword (key: value) belongs in a list or as the last argument');
      case 'end':
        return this.fail('expected a value');
      case 'punct':
        return this.compound(t.text, at);
    }
  }

  private remote(mod: string, at: { line: number; col: number }): Expr {
    this.next(); // ':'
    const fn = this.next();
    if (fn.kind !== 'atom') this.fail('expected a function name after :', fn);
    return { k: 'call', name: `${mod}:${fn.text}`, args: this.args(), ...at };
  }

  private compound(p: string, at: { line: number; col: number }): Expr {
    switch (p) {
      case '{':
        this.next();
        return { k: 'tuple', items: this.items('}'), ...at };
      case '[':
        this.next();
        return { k: 'list', items: this.items(']'), ...at };
      case '%{':
      case '#{':
        if ((p === '%{') !== (this.lang === 'elixir'))
          this.fail(
            this.lang === 'elixir'
              ? 'a map is written %{...} in Elixir'
              : 'a map is written #{...} in Erlang',
          );
        this.next();
        return { k: 'map', pairs: this.pairs(), ...at };
      case '<<':
        this.next();
        return this.bits(at);
      default:
        return this.fail('expected a value');
    }
  }

  /** Call arguments `( … )`; Elixir's trailing `key: v` are one keyword list. */
  args(): Expr[] {
    this.expect('(');
    return this.items(')');
  }

  /** Items up to `close` (already past the opener); Elixir keywords at the end form one list. */
  items(close: string): Expr[] {
    const out: Expr[] = [];
    const kw: Expr[] = [];
    if (this.eat(close)) return out;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'key') {
        this.next();
        const v = this.expr();
        kw.push({
          k: 'tuple',
          items: [{ k: 'atom', v: t.text, line: t.line, col: t.col }, v],
          line: t.line,
          col: t.col,
        });
      } else {
        if (kw.length > 0) this.fail('expected a keyword (key: value) after keywords');
        out.push(this.expr());
      }
      if (this.eat(',')) {
        // Elixir allows a trailing comma.
        if (this.lang === 'elixir' && this.eat(close)) break;
        continue;
      }
      if (this.eat(close)) break;
      this.fail(`expected ',' or '${close}'`);
    }
    if (kw.length === 0) return out;
    const first = kw[0] as Expr;
    // `[a: 1]` is itself the list; `f(x, a: 1)` and `{x, a: 1}` take it as one last item.
    if (close === ']' && out.length === 0) return kw;
    return [...out, { k: 'list', items: kw, line: first.line, col: first.col }];
  }

  private pairs(): [Expr, Expr][] {
    const out: [Expr, Expr][] = [];
    if (this.eat('}')) return out;
    for (;;) {
      const t = this.peek();
      if (this.lang === 'elixir' && t.kind === 'key') {
        this.next();
        out.push([{ k: 'atom', v: t.text, line: t.line, col: t.col }, this.expr()]);
      } else {
        const key = this.expr();
        this.expect('=>');
        out.push([key, this.expr()]);
      }
      if (this.eat(',')) {
        if (this.lang === 'elixir' && this.eat('}')) break;
        continue;
      }
      if (this.eat('}')) break;
      this.fail("expected ',' or '}'");
    }
    return out;
  }

  /** `<<1, 2>>`, `<<"text">>` (Erlang; Elixir writes bytes the same way). */
  private bits(at: { line: number; col: number }): Expr {
    const t = this.peek();
    if (t.kind === 'string') {
      this.next();
      this.expect('>>');
      return { k: 'text', v: t.text, ...at };
    }
    const bytes: number[] = [];
    if (!this.eat('>>'))
      for (;;) {
        const b = this.next();
        if (
          b.kind !== 'num' ||
          !Number.isInteger(b.num) ||
          (b.num ?? -1) < 0 ||
          (b.num ?? 256) > 255
        )
          this.fail('expected a byte (0 to 255)', b);
        bytes.push(b.num as number);
        if (this.eat(',')) continue;
        if (this.eat('>>')) break;
        this.fail("expected ',' or '>>'");
      }
    return { k: 'bytes', v: bytes, ...at };
  }
}
