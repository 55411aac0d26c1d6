import type { AutoShutdown, RestartType, Shutdown, Strategy, Term } from '../../runtime';
import { ErlList, FLAVOUR_DEFAULTS, isStrategy } from '../../runtime';
import type { ChildSpecData, SupervisorSpecData, WorkerSpecData } from '../../worker/protocol';
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
const AUTO = ['never', 'any_significant', 'all_significant'];
/** Elixir modules that are supervisors of children started later (DynamicSupervisor docs). */
const DYNAMIC = ['DynamicSupervisor', 'Task.Supervisor', 'PartitionSupervisor'];

const fail = (e: { line: number; col: number }, what: string): never => {
  throw new CodeError(e.line, e.col, what);
};

/** A term that crossed into a workspace's `args`: plain data only (lists and tuples as lists). */
function plainData(t: Term, at: Expr): Term {
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

/** Turns the expressions of a paste into the workspace's tree spec. */
export class Reader {
  readonly guessed: string[] = [];
  /** Erlang: `init(Arg) ->` clauses, for `{supervisor, start_link, [?MODULE, Arg]}`. */
  clauses = new Map<string, { value: Expr; env: Env }>();
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

  private atomOf(e: Expr, env: Env, what: string): string {
    const r = this.resolve(e, env, e);
    if (r.k === 'atom') return r.v;
    if (r.k === 'alias') return underscore(r.name);
    return fail(r, `expected ${what}`);
  }

  private intOf(e: Expr, env: Env, what: string, min: number): number {
    const r = this.resolve(e, env, e);
    if (r.k !== 'num' || !Number.isInteger(r.v) || r.v < min)
      return fail(r, `expected ${what} (a whole number >= ${min})`);
    return r.v;
  }

  /** A child id as the workspace allows it: `MyApp.Cache` → `cache`, `'my-id'` → `my_id`. */
  private idOf(e: Expr, env: Env): string {
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

  private strategyOf(e: Expr, env: Env): Strategy {
    const s = this.atomOf(e, env, 'a strategy');
    if (!isStrategy(s))
      return fail(
        e,
        `unknown strategy ${s} (expected one_for_one, one_for_all, rest_for_one or simple_one_for_one)`,
      );
    return s;
  }

  private restartOf(e: Expr, env: Env): RestartType {
    const r = this.atomOf(e, env, 'a restart type');
    if (!RESTARTS.includes(r))
      return fail(e, `unknown restart type ${r} (expected permanent, transient or temporary)`);
    return r as RestartType;
  }

  private shutdownOf(e: Expr, env: Env): Shutdown {
    const r = this.resolve(e, env, e);
    if (r.k === 'atom' && (r.v === 'brutal_kill' || r.v === 'infinity')) return r.v;
    if (r.k === 'num' && Number.isInteger(r.v) && r.v >= 0) return r.v;
    return fail(r, 'expected a shutdown: brutal_kill, infinity or milliseconds');
  }

  /** The fields of a map or a keyword list, by atom key. */
  private fields(e: Expr, env: Env, what: string): Map<string, Expr> {
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

  private listOf(e: Expr | undefined, env: Env, at: Expr, what: string): Expr[] {
    const r = this.resolve(e, env, at);
    if (r.k !== 'list') return fail(r, `expected ${what} as a list [...]`);
    return r.items;
  }

  /** Unique ids under one supervisor: a second `Counter` becomes `counter2`. */
  private unique(children: ChildSpecData[]): ChildSpecData[] {
    const seen = new Set<string>();
    return children.map((c) => {
      let id = c.id;
      for (let n = 2; seen.has(id); n++) id = `${c.id}${n}`;
      seen.add(id);
      return id === c.id ? c : { ...c, id };
    });
  }

  private nest<T>(at: Expr, f: () => T): T {
    if (++this.depth > 32) fail(at, 'supervisors nest deeper than 32 levels');
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  /** A worker running `module` (underscored) with `arg`, its id `id`. */
  private worker(
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

  // ---- Erlang -----------------------------------------------------------------------------

  /** `{ok, {SupFlags, ChildSpecs}}` → a supervisor with id `id`. */
  erlangSup(value: Expr, env: Env, id: string): SupervisorSpecData {
    const v = this.resolve(value, env, value);
    const ok = v.k === 'tuple' && v.items.length === 2 ? v.items : undefined;
    const inner =
      ok && ok[0]?.k === 'atom' && ok[0].v === 'ok' ? this.resolve(ok[1], env, v) : undefined;
    if (inner?.k !== 'tuple' || inner.items.length !== 2)
      return fail(v, 'expected {ok, {SupFlags, ChildSpecs}}');
    const [flagsE, childrenE] = inner.items as [Expr, Expr];
    const flags = this.resolve(flagsE, env, flagsE);
    const d = FLAVOUR_DEFAULTS.erlang;
    let sup: SupervisorSpecData;
    const base = {
      kind: 'supervisor' as const,
      id: sanitize(id || this.opts.defaultId),
      children: [],
    };
    if (flags.k === 'tuple') {
      // The old form: {Strategy, Intensity, Period}.
      if (flags.items.length !== 3) return fail(flags, 'expected {Strategy, Intensity, Period}');
      const [s, i, p] = flags.items as [Expr, Expr, Expr];
      sup = {
        ...base,
        strategy: this.strategyOf(s, env),
        intensity: this.intOf(i, env, 'an intensity', 0),
        period: this.intOf(p, env, 'a period', 1),
      };
    } else {
      const f = this.fields(flags, env, 'supervisor flags #{strategy => ...}');
      const s = f.get('strategy');
      const i = f.get('intensity');
      const p = f.get('period');
      const a = f.get('auto_shutdown');
      sup = {
        ...base,
        strategy: s === undefined ? 'one_for_one' : this.strategyOf(s, env),
        intensity: i === undefined ? d.intensity : this.intOf(i, env, 'an intensity', 0),
        period: p === undefined ? d.period : this.intOf(p, env, 'a period', 1),
      };
      if (a !== undefined) {
        const auto = this.atomOf(a, env, 'an auto_shutdown');
        if (!AUTO.includes(auto)) return fail(a, `unknown auto_shutdown ${auto}`);
        sup.autoShutdown = auto as AutoShutdown;
      }
    }
    const children = this.listOf(childrenE, env, inner, 'child specs').map((c) =>
      this.erlangChild(c, env),
    );
    if (sup.strategy === 'simple_one_for_one') {
      const t = children[0];
      if (t === undefined || children.length > 1)
        return fail(childrenE, 'simple_one_for_one takes exactly one child spec (the template)');
      return { ...sup, template: t };
    }
    return { ...sup, children: this.unique(children) };
  }

  private erlangChild(e: Expr, env: Env): ChildSpecData {
    const c = this.resolve(e, env, e);
    let f: Map<string, Expr>;
    if (c.k === 'tuple') {
      // The old form: {Id, {M, F, A}, Restart, Shutdown, Type, Modules}.
      if (c.items.length !== 6)
        return fail(c, 'expected {Id, StartFunc, Restart, Shutdown, Type, Modules}');
      const keys = ['id', 'start', 'restart', 'shutdown', 'type', 'modules'];
      f = new Map(c.items.map((x, i) => [keys[i] as string, x]));
    } else f = this.fields(c, env, 'a child spec #{id => ..., start => ...}');
    const idE = f.get('id');
    const startE = f.get('start');
    if (idE === undefined) return fail(c, 'a child spec needs an id');
    if (startE === undefined) return fail(c, 'a child spec needs a start {M, F, A}');
    const start = this.resolve(startE, env, startE);
    if (start.k !== 'tuple' || start.items.length !== 3)
      return fail(start, 'expected start => {Module, Function, Args}');
    const [m, , a] = start.items as [Expr, Expr, Expr];
    const mod = this.atomOf(m, env, 'a module');
    const args = this.listOf(a, env, start, 'start arguments');
    const type = f.get('type');
    const isSup = type !== undefined && this.atomOf(type, env, 'a type') === 'supervisor';
    const id = this.idOf(idE, env);
    let spec: ChildSpecData;
    if (isSup) {
      // {supervisor, start_link, [?MODULE, Arg]} (or [{local, N}, ?MODULE, Arg]): another init clause.
      const last = args[args.length - 1];
      const arg = last === undefined ? undefined : this.resolve(last, env, last);
      const clause = arg?.k === 'atom' ? this.clauses.get(arg.v) : undefined;
      if (clause !== undefined)
        spec = this.nest(start, () => ({ ...this.erlangSup(clause.value, clause.env, id) }));
      else {
        this.guessed.push(`${mod} → an empty supervisor`);
        spec = { kind: 'supervisor', id, strategy: 'one_for_one', children: [] };
      }
      spec = { ...spec, id };
    } else spec = this.worker(mod, args.length === 1 ? args[0] : undefined, env, id, mod);
    return this.common(spec, f, env);
  }

  /** restart, shutdown, significant: the same keys in both languages. */
  private common(spec: ChildSpecData, f: Map<string, Expr>, env: Env): ChildSpecData {
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

  // ---- Elixir -----------------------------------------------------------------------------

  private elixirFlags(
    sup: SupervisorSpecData,
    opts: Expr | undefined,
    env: Env,
  ): SupervisorSpecData {
    if (opts === undefined) return sup;
    const f = this.fields(opts, env, 'options [strategy: ...]');
    const out = { ...sup };
    const s = f.get('strategy');
    const i = f.get('max_restarts');
    const p = f.get('max_seconds');
    const a = f.get('auto_shutdown');
    const n = f.get('name');
    if (s !== undefined) out.strategy = this.strategyOf(s, env);
    if (i !== undefined) out.intensity = this.intOf(i, env, 'max_restarts', 0);
    if (p !== undefined) out.period = this.intOf(p, env, 'max_seconds', 1);
    if (a !== undefined) {
      const auto = this.atomOf(a, env, 'an auto_shutdown');
      if (!AUTO.includes(auto)) return fail(a, `unknown auto_shutdown ${auto}`);
      out.autoShutdown = auto as AutoShutdown;
    }
    if (n !== undefined && out.id === this.opts.defaultId) out.id = this.idOf(n, env);
    return out;
  }

  /** `Supervisor.init(children, opts)`: Elixir's defaults are 3 restarts in 5 s. */
  elixirSup(
    childrenE: Expr | undefined,
    opts: Expr | undefined,
    env: Env,
    at: Expr,
    id?: string,
  ): SupervisorSpecData {
    const d = FLAVOUR_DEFAULTS.elixir;
    const base: SupervisorSpecData = {
      kind: 'supervisor',
      id: id ?? this.opts.defaultId,
      strategy: 'one_for_one',
      intensity: d.intensity,
      period: d.period,
      children: [],
    };
    const sup = this.elixirFlags(base, opts, env);
    if (sup.strategy === 'simple_one_for_one')
      return fail(at, 'simple_one_for_one is DynamicSupervisor in Elixir');
    const children = this.listOf(childrenE, env, at, 'children').map((c) =>
      this.elixirChild(c, env),
    );
    return { ...sup, children: this.unique(children) };
  }

  /** `DynamicSupervisor.init(opts)`: a simple_one_for_one whose children start later. */
  elixirDynamic(opts: Expr | undefined, env: Env, at: Expr, id?: string): SupervisorSpecData {
    const d = FLAVOUR_DEFAULTS.elixir;
    const base: SupervisorSpecData = {
      kind: 'supervisor',
      id: id ?? this.opts.defaultId,
      strategy: 'one_for_one',
      intensity: d.intensity,
      period: d.period,
      children: [],
    };
    const sup = opts === undefined ? base : this.elixirFlags(base, opts, env);
    void at;
    // The template is a generic worker: Elixir names the child only at start_child/2.
    return {
      ...sup,
      strategy: 'simple_one_for_one',
      template: { kind: 'worker', id: 'worker', behaviour: 'echo' },
    };
  }

  private elixirChild(e: Expr, env: Env): ChildSpecData {
    const c = this.resolve(e, env, e);
    if (c.k === 'call' && c.name === 'Supervisor.child_spec') {
      const [spec, over] = c.args;
      const base = this.elixirChild(this.resolve(spec, env, c), env);
      if (over === undefined) return base;
      const f = this.fields(over, env, 'overrides [id: ...]');
      const idE = f.get('id');
      const withId = idE === undefined ? base : { ...base, id: this.idOf(idE, env) };
      return this.common(withId, f, env);
    }
    if (c.k === 'alias') return this.moduleChild(c.name, undefined, env, c);
    if (c.k === 'tuple' && c.items.length === 2 && c.items[0]?.k === 'alias')
      return this.moduleChild(c.items[0].name, c.items[1], env, c);
    if (c.k === 'map') return this.elixirMapChild(c, env);
    return fail(
      c,
      'expected a child: Module, {Module, arg}, %{id: ..., start: ...} or Supervisor.child_spec(...)',
    );
  }

  private moduleChild(mod: string, arg: Expr | undefined, env: Env, at: Expr): ChildSpecData {
    if (DYNAMIC.includes(mod)) {
      const f = arg === undefined ? new Map<string, Expr>() : this.fields(arg, env, 'options');
      const n = f.get('name');
      const id = n === undefined ? underscore(mod) : this.idOf(n, env);
      return this.nest(at, () => this.elixirDynamic(arg, env, at, id));
    }
    return this.worker(underscore(mod), arg, env, sanitize(underscore(mod)), mod);
  }

  private elixirMapChild(c: Expr, env: Env): ChildSpecData {
    const f = this.fields(c, env, 'a child spec %{id: ..., start: ...}');
    const idE = f.get('id');
    const startE = f.get('start');
    if (idE === undefined || startE === undefined)
      return fail(c, 'a child spec map needs id: and start:');
    const id = this.idOf(idE, env);
    const start = this.resolve(startE, env, startE);
    if (start.k !== 'tuple' || start.items.length !== 3)
      return fail(start, 'expected start: {Module, :function, args}');
    const [m, , a] = start.items as [Expr, Expr, Expr];
    const args = this.listOf(a, env, start, 'start arguments');
    const mod = this.resolve(m, env, m);
    let spec: ChildSpecData;
    if (mod.k === 'alias' && mod.name === 'Supervisor')
      spec = this.nest(start, () => this.elixirSup(args[0], args[1], env, start, id));
    else if (mod.k === 'alias' && DYNAMIC.includes(mod.name))
      spec = this.nest(start, () => this.elixirDynamic(args[0], env, start, id));
    else {
      const name = this.atomOf(m, env, 'a module');
      spec = this.worker(
        name,
        args.length === 1 ? args[0] : undefined,
        env,
        id,
        mod.k === 'alias' ? mod.name : name,
      );
    }
    return this.common(spec, f, env);
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
