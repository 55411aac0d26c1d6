import type { AutoShutdown } from '../../runtime';
import { FLAVOUR_DEFAULTS } from '../../runtime';
import type { ChildSpecData, SupervisorSpecData } from '../../worker/protocol';
import { underscore } from './moduleNames';
import type { Env } from './specOfExpr';
import { AUTO, Reader, fail, sanitize } from './specOfExpr';
import type { Expr } from './syntax';

/** Elixir modules that supervise children started later (DynamicSupervisor docs). */
const DYNAMIC = ['DynamicSupervisor', 'Task.Supervisor', 'PartitionSupervisor'];

/**
 * Elixir's shapes (Supervisor docs, "Child specification"): `Mod`, `{Mod, arg}`, `%{id:, start:}`,
 * `Supervisor.child_spec/2`; a nested supervisor as `%{start: {Supervisor, :start_link,
 * [children, opts]}}`; `{DynamicSupervisor, opts}` as a simple_one_for_one. Missing flags are
 * Elixir's defaults (3 restarts in 5 s).
 */
export class ElixirReader extends Reader {
  protected elixirFlags(
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

  protected elixirChild(e: Expr, env: Env): ChildSpecData {
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

  protected moduleChild(mod: string, arg: Expr | undefined, env: Env, at: Expr): ChildSpecData {
    if (DYNAMIC.includes(mod)) {
      const f = arg === undefined ? new Map<string, Expr>() : this.fields(arg, env, 'options');
      const n = f.get('name');
      const id = n === undefined ? underscore(mod) : this.idOf(n, env);
      return this.nest(at, () => this.elixirDynamic(arg, env, at, id));
    }
    return this.worker(underscore(mod), arg, env, sanitize(underscore(mod)), mod);
  }

  protected elixirMapChild(c: Expr, env: Env): ChildSpecData {
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
