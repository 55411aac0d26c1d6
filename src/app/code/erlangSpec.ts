import type { AutoShutdown } from '../../runtime';
import { FLAVOUR_DEFAULTS } from '../../runtime';
import type { ChildSpecData, SupervisorSpecData } from '../../worker/protocol';
import type { Env } from './specOfExpr';
import { AUTO, Reader, fail, sanitize } from './specOfExpr';
import type { Expr } from './syntax';

/**
 * Erlang's shapes (supervisor docs, "Supervisor Flags" and "Child Specification"): flags as a map
 * or the old `{Strategy, Intensity, Period}`, child specs as maps or the old six-tuples, and a
 * nested supervisor started as `{supervisor, start_link, [?MODULE, Arg]}` read from its own
 * `init(Arg)` clause. Missing flags are OTP's defaults (1 restart in 5 s).
 */
export class ErlangReader extends Reader {
  /** `init(Arg) ->` clauses, for `{supervisor, start_link, [?MODULE, Arg]}`. */
  clauses = new Map<string, { value: Expr; env: Env }>();

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

  protected erlangChild(e: Expr, env: Env): ChildSpecData {
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
}
