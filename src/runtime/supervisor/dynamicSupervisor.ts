import type { Ctx } from '../ctx';
import type { Eff } from '../effects';
import type { GenServerModule, InitResult, StartResult } from '../genServer';
import { startLink } from '../genServer';
import type { Pid, Reason, Term } from '../term';
import { isNormalExit, isPid, isTuple } from '../term';
import type { ChildSpec } from './childSpec';
import { FLAVOUR_DEFAULTS, flagProblem } from './childSpec';
import { Restarting, isRunning } from './children';
import { RestartWindow } from './restartIntensity';
import { countRestart, reportChildTerminated, reportStartError } from './reports';
import { shutdownAll } from './shutdown';

/**
 * Elixir's DynamicSupervisor (lib/elixir/lib/dynamic_supervisor.ex), which
 * is its own implementation, not simple_one_for_one: every child brings its
 * own spec, `extra_arguments` are prepended to the child's args,
 * `max_children` caps start_child, and children are keyed by pid.
 */
export interface DynamicFlags {
  readonly intensity: number;
  readonly period: number;
  readonly maxChildren: number | 'infinity';
  readonly extraArguments: readonly Term[];
}

export interface DynamicSupArgs {
  readonly name: string;
  readonly init: (ctx: Ctx) => Partial<DynamicFlags> | 'ignore';
}

interface DynEntry {
  spec: ChildSpec;
  /** The running pid, or `{restarting, OldPid}` after a failed restart. */
  pid: Pid | Restarting;
}

export interface DynamicSupState {
  readonly name: string;
  flags: DynamicFlags;
  /** Keyed by pid (or the Restarting marker), in pid order. */
  children: Map<Pid | Restarting, DynEntry>;
  restarts: RestartWindow;
}

export const dynamicSupervisorModule: GenServerModule<DynamicSupState, DynamicSupArgs> = {
  name: 'dynamic_supervisor',

  init(args, ctx): InitResult<DynamicSupState> {
    ctx.trapExit(true);
    ctx.setBehaviour('supervisor');
    const given = args.init(ctx);
    if (given === 'ignore') return 'ignore';
    // DynamicSupervisor.init/1 defaults: max_restarts 3, max_seconds 5, max_children :infinity.
    const flags: DynamicFlags = {
      intensity: given.intensity ?? FLAVOUR_DEFAULTS.elixir.intensity,
      period: given.period ?? FLAVOUR_DEFAULTS.elixir.period,
      maxChildren: given.maxChildren ?? 'infinity',
      extraArguments: given.extraArguments ?? [],
    };
    // OTP's rule, in Elixir's words (max_restarts is intensity).
    if (flagProblem('intensity', flags.intensity) !== undefined)
      return [
        'stop',
        ['bad_opt', `dynamic supervisor ${args.name}: max_restarts must be an integer >= 0`],
      ];
    return [
      'ok',
      {
        name: args.name,
        flags,
        children: new Map(),
        restarts: new RestartWindow(flags.intensity, flags.period),
      },
    ];
  },

  *handleCall(req, _from, state, ctx) {
    const r = req as readonly unknown[];
    switch (r[0]) {
      case 'start_child': {
        const { maxChildren } = state.flags;
        if (maxChildren !== 'infinity' && state.children.size >= maxChildren)
          return ['reply', ['error', 'max_children'], state];
        const spec = r[1] as ChildSpec;
        const res = yield* startWithExtra(ctx, state, spec);
        const started = isTuple(res) && res[0] === 'ok' ? res[1] : undefined;
        if (isPid(started)) state.children.set(started, { spec, pid: started });
        return ['reply', res, state];
      }
      case 'terminate_child': {
        const pid = r[1] as Term;
        const entry = isPid(pid) ? state.children.get(pid) : undefined;
        if (entry === undefined || !isPid(pid)) return ['reply', ['error', 'not_found'], state];
        yield* shutdownAll(ctx, [pid], entry.spec.shutdown, entry.spec.restart);
        state.children.delete(pid);
        return ['reply', 'ok', state];
      }
      case 'which_children':
        return [
          'reply',
          [...state.children.values()].map(
            (e) =>
              [
                'undefined',
                e.pid instanceof Restarting ? 'restarting' : e.pid,
                e.spec.type,
                [e.spec.modules],
              ] as Term,
          ),
          state,
        ];
      case 'count_children': {
        let active = 0;
        let sups = 0;
        for (const e of state.children.values()) {
          if (isRunning(e.pid) && ctx.isAlive(e.pid)) active++;
          if (e.spec.type === 'supervisor') sups++;
        }
        const n = state.children.size;
        return ['reply', { specs: n, active, supervisors: sups, workers: n - sups }, state];
      }
      default:
        return ['reply', ['error', ['unknown_call', req]], state];
    }
  },

  *handleInfo(msg, state, ctx) {
    if (isTuple(msg) && msg[0] === 'EXIT' && isPid(msg[1])) {
      const entry = state.children.get(msg[1]);
      if (
        entry !== undefined &&
        (yield* maybeRestart(ctx, state, msg[1], entry, msg[2] as Term)) === 'shutdown'
      )
        return ['stop', 'shutdown', state];
    } else if (isTuple(msg) && msg[0] === '$gen_restart' && msg[1] instanceof Restarting) {
      // A failed restart retried through our own mailbox; the child may have been terminated meanwhile.
      const entry = state.children.get(msg[1]);
      if (entry !== undefined && (yield* restart(ctx, state, msg[1], entry)) === 'shutdown')
        return ['stop', 'shutdown', state];
    }
    return ['noreply', state];
  },

  *terminate(_reason, state, ctx) {
    // Deliberate difference: Elixir stops every child at once with its own timer;
    // we stop children that share a shutdown value together, one group after another.
    const groups = new Map<string, { spec: ChildSpec; pids: Pid[] }>();
    for (const e of state.children.values()) {
      if (!isPid(e.pid)) continue;
      const key = `${String(e.spec.shutdown)}/${e.spec.restart}`;
      const g = groups.get(key) ?? { spec: e.spec, pids: [] };
      g.pids.push(e.pid);
      groups.set(key, g);
    }
    for (const g of groups.values())
      yield* shutdownAll(ctx, g.pids, g.spec.shutdown, g.spec.restart);
    state.children.clear();
  },

  describe: (state, now) => ({
    strategy: 'one_for_one',
    dynamic: true,
    intensity: state.flags.intensity,
    period: state.flags.period,
    max_children: state.flags.maxChildren,
    restarts: state.restarts.count(now),
    children: [...state.children.values()].map((e) =>
      e.pid instanceof Restarting ? 'restarting' : e.pid,
    ),
  }),
};

/** `extra_arguments` are prepended to the child's own args (DynamicSupervisor.start_child/2). */
function* startWithExtra(ctx: Ctx, state: DynamicSupState, spec: ChildSpec): Eff<Term> {
  const r: StartResult = yield* spec.start(ctx, [...state.flags.extraArguments, ...spec.args]);
  if (r === 'ignore') return 'ignore';
  if (r[0] === 'ok' && ctx.tracing)
    ctx.trace({ type: 'child_started', sup: ctx.self, childId: undefined, pid: r[1] });
  return r as unknown as Term;
}

function* maybeRestart(
  ctx: Ctx,
  state: DynamicSupState,
  key: Pid,
  entry: DynEntry,
  reason: Reason,
): Eff<'ok' | 'shutdown'> {
  const restartType = entry.spec.restart;
  const report = (): void => reportChildTerminated(ctx, reason, undefined, key, entry.spec);
  if (restartType === 'permanent' || (restartType === 'transient' && !isNormalExit(reason))) {
    report();
    return yield* restart(ctx, state, key, entry);
  }
  if (restartType === 'temporary' && !isNormalExit(reason)) report();
  state.children.delete(key);
  return 'ok';
}

function* restart(
  ctx: Ctx,
  state: DynamicSupState,
  key: Pid | Restarting,
  entry: DynEntry,
): Eff<'ok' | 'shutdown'> {
  if (
    countRestart(
      ctx,
      state.restarts,
      state.flags,
      undefined,
      isPid(key) ? key : undefined,
      entry.spec,
    )
  ) {
    state.children.delete(key);
    return 'shutdown';
  }
  const res = (yield* startWithExtra(ctx, state, entry.spec)) as Term;
  state.children.delete(key);
  if (res === 'ignore') return 'ok';
  const r = res as readonly Term[];
  if (r[0] === 'ok' && isPid(r[1])) {
    state.children.set(r[1], { spec: entry.spec, pid: r[1] });
    return 'ok';
  }
  const marker = key instanceof Restarting ? key : new Restarting(key);
  state.children.set(marker, { spec: entry.spec, pid: marker });
  reportStartError(ctx, r[1] as Term, undefined, entry.spec);
  ctx.send(ctx.self, ['$gen_restart', marker as unknown as Term]);
  return 'ok';
}

/** `DynamicSupervisor.start_link/1` for a child spec's `start`. */
export function* startDynamicSupervisor(ctx: Ctx, args: DynamicSupArgs): Eff<StartResult> {
  return yield* startLink(ctx, dynamicSupervisorModule, args, { behaviour: 'supervisor' });
}
