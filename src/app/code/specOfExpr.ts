import type { RestartType, Shutdown, Strategy, Term } from '../../runtime';
import { ErlList, isStrategy } from '../../runtime';
import type { ChildSpecData, WorkerSpecData } from '../../worker/protocol';
import { libraryInfo } from '../behaviourCatalog';
import { CHILD_ID_RE } from '../workspace/validate';
import { termOf } from './elixirTerm';
import { behaviourForModule, underscore } from './moduleNames';
import type { Expr } from './syntax';
import type { Lang } from './tokens';
import { CodeError } from './tokens';

/** Variables bound earlier in the paste (`SupFlags = …`, `children = […]`). */
export type Env = Map<string, Expr>;

export interface ReadOptions {
  /** Behaviours a worker may run: the library's and the workspace's modules. */
  known: (behaviour: string) => boolean;
  /** The root's id when the code does not name it. */
  defaultId: string;
}

const RESTARTS = ['permanent', 'transient', 'temporary'];
export const AUTO = ['never', 'any_significant', 'all_significant'];

export const fail = (e: { line: number; col: number }, what: string): never => {
  throw new CodeError(e.line, e.col, what);
};

/** A term that crossed into a workspace's `args`: plain data only (lists and tuples as lists). */
export function plainData(t: Term, at: Expr): Term {
  if (t instanceof ErlList) return t.$list.map((x) => plainData(x, at));
  if (Array.isArray(t)) return t.map((x: Term) => plainData(x, at));
  if (typeof t === 'object' && t !== null) {
    const proto = Object.getPrototypeOf(t) as unknown;
    if ('$bin' in t) return String((t as { $bin: string }).$bin);
    if (proto !== Object.prototype) return fail(at, 'a pid or ref cannot be a start argument here');
    return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, plainData(v as Term, at)]));
  }
  return t;
}

/**
 * Turns the expressions of a paste into the workspace's tree spec: what both languages share
 * (variables, atoms, ids, restart and shutdown, a worker for a module); `erlangSpec.ts` and
 * `elixirSpec.ts` read each language's shapes.
 */
export class Reader {
  readonly guessed: string[] = [];
  private depth = 0;

  constructor(
    readonly lang: Lang,
    readonly opts: ReadOptions,
  ) {}

  /** Follows variables to what they were bound to. */
  resolve(e: Expr | undefined, env: Env, at: Expr): Expr {
    if (e === undefined) return fail(at, 'expected an argument');
    for (let hops = 0; e.k === 'var'; hops++) {
      const v: Expr | undefined = env.get(e.name);
      if (v === undefined || hops > 50) return fail(e, `${e.name} is not bound to a value here`);
      e = v;
    }
    return e;
  }

  isList(e: Expr | undefined, env: Env): boolean {
    if (e === undefined) return false;
    if (e.k === 'var') {
      const v = env.get(e.name);
      return v !== undefined && this.isList(v, env);
    }
    return e.k === 'list';
  }

  protected atomOf(e: Expr, env: Env, what: string): string {
    const r = this.resolve(e, env, e);
    if (r.k === 'atom') return r.v;
    if (r.k === 'alias') return underscore(r.name);
    return fail(r, `expected ${what}`);
  }

  protected intOf(e: Expr, env: Env, what: string, min: number): number {
    const r = this.resolve(e, env, e);
    if (r.k !== 'num' || !Number.isInteger(r.v) || r.v < min)
      return fail(r, `expected ${what} (a whole number >= ${min})`);
    return r.v;
  }

  /** A child id as the workspace allows it: `MyApp.Cache` → `cache`, `'my-id'` → `my_id`. */
  protected idOf(e: Expr, env: Env): string {
    const r = this.resolve(e, env, e);
    const raw =
      r.k === 'alias'
        ? underscore(r.name)
        : r.k === 'atom'
          ? r.v
          : r.k === 'text' || r.k === 'chars'
            ? r.v
            : undefined;
    if (raw === undefined) return fail(r, 'expected an id (an atom or a module)');
    return sanitize(raw);
  }

  protected strategyOf(e: Expr, env: Env): Strategy {
    const s = this.atomOf(e, env, 'a strategy');
    if (!isStrategy(s))
      return fail(
        e,
        `unknown strategy ${s} (expected one_for_one, one_for_all, rest_for_one or simple_one_for_one)`,
      );
    return s;
  }

  protected restartOf(e: Expr, env: Env): RestartType {
    const r = this.atomOf(e, env, 'a restart type');
    if (!RESTARTS.includes(r))
      return fail(e, `unknown restart type ${r} (expected permanent, transient or temporary)`);
    return r as RestartType;
  }

  protected shutdownOf(e: Expr, env: Env): Shutdown {
    const r = this.resolve(e, env, e);
    if (r.k === 'atom' && (r.v === 'brutal_kill' || r.v === 'infinity')) return r.v;
    if (r.k === 'num' && Number.isInteger(r.v) && r.v >= 0) return r.v;
    return fail(r, 'expected a shutdown: brutal_kill, infinity or milliseconds');
  }

  /** The fields of a map or a keyword list, by atom key. */
  protected fields(e: Expr, env: Env, what: string): Map<string, Expr> {
    const r = this.resolve(e, env, e);
    const out = new Map<string, Expr>();
    if (r.k === 'map') {
      for (const [k, v] of r.pairs) out.set(this.atomOf(k, env, 'an atom key'), v);
      return out;
    }
    if (r.k === 'list') {
      for (const item of r.items) {
        const t = this.resolve(item, env, item);
        if (t.k !== 'tuple' || t.items.length !== 2)
          return fail(t, `expected ${what} as key: value`);
        out.set(this.atomOf(t.items[0] as Expr, env, 'an atom key'), t.items[1] as Expr);
      }
      return out;
    }
    return fail(r, `expected ${what}`);
  }

  protected listOf(e: Expr | undefined, env: Env, at: Expr, what: string): Expr[] {
    const r = this.resolve(e, env, at);
    if (r.k !== 'list') return fail(r, `expected ${what} as a list [...]`);
    return r.items;
  }

  /** Unique ids under one supervisor: a second `Counter` becomes `counter2`. */
  protected unique(children: ChildSpecData[]): ChildSpecData[] {
    const seen = new Set<string>();
    return children.map((c) => {
      let id = c.id;
      for (let n = 2; seen.has(id); n++) id = `${c.id}${n}`;
      seen.add(id);
      return id === c.id ? c : { ...c, id };
    });
  }

  protected nest<T>(at: Expr, f: () => T): T {
    if (++this.depth > 32) fail(at, 'supervisors nest deeper than 32 levels');
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  /** A worker running `module` (underscored) with `arg`, its id `id`. */
  protected worker(
    module: string,
    arg: Expr | undefined,
    env: Env,
    id: string,
    shown: string,
  ): WorkerSpecData {
    const choice = behaviourForModule(module, this.opts.known);
    if (!choice.exact) this.guessed.push(`${shown} → ${choice.behaviour}`);
    const w: WorkerSpecData = { kind: 'worker', id, behaviour: choice.behaviour };
    if (!choice.exact || arg === undefined) return w;
    const r = this.resolve(arg, env, arg);
    const params = libraryInfo(choice.behaviour)?.params;
    const only = params?.length === 1 ? params[0] : undefined;
    if (only !== undefined && r.k === 'num') return { ...w, args: { [only.key]: r.v } };
    if (r.k === 'map' || (r.k === 'list' && r.items.length > 0 && this.lang === 'elixir')) {
      const f = this.fields(r, env, 'arguments');
      const args: Record<string, Term> = {};
      for (const [k, v] of f) args[k] = plainData(termOf(this.resolve(v, env, v)), v);
      return { ...w, args };
    }
    if (params !== undefined) return w; // a library behaviour takes its args map only
    return { ...w, args: plainData(termOf(r), r) };
  }

  /** restart, shutdown, significant: the same keys in both languages. */
  protected common(spec: ChildSpecData, f: Map<string, Expr>, env: Env): ChildSpecData {
    const out = { ...spec };
    const r = f.get('restart');
    const s = f.get('shutdown');
    const g = f.get('significant');
    if (r !== undefined) out.restart = this.restartOf(r, env);
    if (s !== undefined) out.shutdown = this.shutdownOf(s, env);
    if (g !== undefined) out.significant = this.atomOf(g, env, 'true or false') === 'true';
    if (out.restart === 'permanent') delete out.restart;
    const dflt = out.kind === 'supervisor' ? 'infinity' : 5000;
    if (out.shutdown === dflt) delete out.shutdown;
    return out;
  }
}

/** An id the workspace accepts (`/^[a-z][a-zA-Z0-9_]*$/`): lowercased, other characters as `_`. */
export function sanitize(raw: string): string {
  if (CHILD_ID_RE.test(raw)) return raw;
  const s = raw
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[^a-z]+/, '');
  return CHILD_ID_RE.test(s) ? s : `child_${s}`.replace(/_+$/, '') || 'child';
}
