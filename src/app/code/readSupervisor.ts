import type { Result } from '../../base';
import { describeError } from '../../base';
import type { SupervisorSpecData } from '../../worker/protocol';
import type { Expr } from './syntax';
import { Parser } from './syntax';
import type { Lang } from './tokens';
import { CodeError } from './tokens';
import { ElixirReader } from './elixirSpec';
import { ErlangReader } from './erlangSpec';
import type { Env, ReadOptions } from './specOfExpr';

/**
 * "Paste a supervisor from your own code": reads an Erlang `init/1` (its clauses, or just the
 * `{ok, {SupFlags, [ChildSpec]}}` it returns) or Elixir's `children = [...]` with
 * `Supervisor.init(children, strategy: …)` (or `Supervisor.start_link(children, opts)`,
 * `DynamicSupervisor.init(opts)`), and returns the tree spec the workspace holds. Module
 * attributes, `defmodule`/`def … do`/`end` lines, `use` and `@impl` are skipped; what it cannot
 * read is named with a line and column. The result still goes through the one validator
 * (`worker/specCheck.ts`) before anything starts.
 */
export interface ReadResult {
  spec: SupervisorSpecData;
  lang: Lang;
  /** Modules the playground does not have, and the behaviour each became: `MyApp.Cache → kv_store`. */
  guessed: string[];
}

/** Which language a snippet is in (Elixir's `%{`, `Supervisor.`, `:atom`; Erlang's `->`, `#{`). */
export function detectLang(src: string): Lang {
  if (/Supervisor\.|%\{|\bchildren\s*=|:[a-z_]+\b(?!\s*=)/.test(src)) {
    if (!/->|#\{|\{\s*ok\s*,/.test(src) || /Supervisor\./.test(src)) return 'elixir';
  }
  return 'erlang';
}

/** Lines a reader skips, blanked so line numbers stay those of the paste. */
const SKIP: Record<Lang, RegExp> = {
  erlang: /^\s*-[a-z]/,
  elixir: /^\s*(defmodule\b|defp?\b|use\b|@|end\b|alias\b|require\b|import\b)/,
};

const blank = (src: string, lang: Lang): string =>
  src
    .split('\n')
    .map((l) => (SKIP[lang].test(l) ? '' : l))
    .join('\n');

/** Reads a pasted supervisor; `lang` is guessed when not given. */
export function readSupervisor(
  src: string,
  opts: ReadOptions & { lang?: Lang },
): Result<ReadResult> {
  const lang = opts.lang ?? detectLang(src);
  try {
    const text = blank(src, lang);
    const reader = lang === 'erlang' ? new ErlangReader(lang, opts) : new ElixirReader(lang, opts);
    const spec =
      reader instanceof ErlangReader ? readErlang(text, reader) : readElixir(text, reader);
    return { ok: true, value: { spec, lang, guessed: reader.guessed } };
  } catch (e) {
    if (e instanceof CodeError) return { ok: false, error: e.message };
    return { ok: false, error: describeError(e) };
  }
}

// ---- Erlang: init/1 clauses -------------------------------------------------------------------

function readErlang(src: string, reader: ErlangReader): SupervisorSpecData {
  const p = Parser.of(src, 'erlang');
  /** init/1 clauses by their argument (an atom), in order; `''` for a bare value. */
  const clauses: { arg: string; value: Expr; env: Env }[] = [];
  while (!p.atEnd()) {
    const head = p.peek();
    const isClause = head.kind === 'atom' && p.isPunct('(', 1);
    let name = '';
    let arg = '';
    if (isClause) {
      name = p.next().text;
      const args = p.args();
      const a = args[0];
      arg = a?.k === 'atom' ? a.v : '';
      p.expect('->');
    }
    const env: Env = new Map();
    let value: Expr | undefined;
    for (;;) {
      const e = p.expr();
      if (p.eat('=')) {
        if (e.k !== 'var') p.fail('expected a variable before =');
        env.set(e.k === 'var' ? e.name : '', p.expr());
      } else value = e;
      if (p.eat(',')) continue;
      break;
    }
    if (!p.eat(';') && !p.eat('.') && !p.atEnd()) p.fail("expected ',', ';' or '.'");
    if (value === undefined) p.fail('expected a value');
    if (!isClause || name === 'init') clauses.push({ arg, value: value as Expr, env });
  }
  const first = clauses[0];
  if (first === undefined) return p.fail('expected init(_) -> {ok, {SupFlags, ChildSpecs}}');
  reader.clauses = new Map(clauses.filter((c) => c.arg !== '').map((c) => [c.arg, c]));
  return reader.erlangSup(first.value, first.env, first.arg);
}

// ---- Elixir: bindings and a Supervisor.init call ----------------------------------------------

const INIT_CALLS = ['Supervisor.init', 'DynamicSupervisor.init', 'Supervisor.start_link'];

function readElixir(src: string, reader: ElixirReader): SupervisorSpecData {
  const p = Parser.of(src, 'elixir');
  const env: Env = new Map();
  const calls: Expr[] = [];
  while (!p.atEnd()) {
    const e = p.expr();
    if (p.eat('=')) {
      if (e.k !== 'var') p.fail('expected a variable before =');
      if (e.k === 'var') env.set(e.name, p.expr());
      continue;
    }
    if (e.k === 'call' && INIT_CALLS.includes(e.name)) calls.push(e);
    p.eat(';');
  }
  // Supervisor.init/2 if there is one; else a start_link/2 given a list (not __MODULE__).
  const call =
    calls.find((c) => c.k === 'call' && c.name !== 'Supervisor.start_link') ??
    calls.find((c) => c.k === 'call' && reader.isList(c.args[0], env));
  if (call === undefined) {
    const children = env.get('children');
    if (children !== undefined) return reader.elixirSup(children, undefined, env, children);
    return p.fail('expected children = [...] and Supervisor.init(children, strategy: ...)');
  }
  if (call.k !== 'call') return p.fail('expected a call');
  if (call.name === 'DynamicSupervisor.init') return reader.elixirDynamic(call.args[0], env, call);
  return reader.elixirSup(call.args[0], call.args[1], env, call);
}
