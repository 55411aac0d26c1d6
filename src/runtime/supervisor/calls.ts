import type { Ctx } from '../ctx';
import type { Eff } from '../effects';
import type { Pid, Term } from '../term';
import { ErlRecord, isPid } from '../term';
import type { ChildSpec, SupFlags } from './childSpec';
import { checkChildSpec, flagProblem, isStrategy } from './childSpec';
import type { Child, ChildPid, DynChild } from './children';
import { Restarting, UNDEFINED_CHILD, isRunning } from './children';
import { describeSupervisor } from './describe';
import type { SupState } from './state';
import { removeChild, setPid, simple } from './state';
import { doTerminate, startOne } from './startStop';

const dynOrder = (pid: DynChild['pid']): number =>
  pid === UNDEFINED_CHILD
    ? -1
    : pid instanceof Restarting
      ? 1e15 + (pid.old?.id ?? 0)
      : (pid as Pid).id;

/** handle_call: the supervisor API (start_child, terminate_child, …, which_children, count_children). */
export function* handleRequest(ctx: Ctx, state: SupState, req: Term): Eff<Term> {
  const r = req as readonly unknown[];
  switch (r[0]) {
    case 'start_child':
      return yield* handleStartChild(ctx, state, r[1]);
    case 'terminate_child':
      return yield* handleTerminateChild(ctx, state, r[1] as Term);
    case 'restart_child':
      return yield* handleRestartChild(ctx, state, r[1] as string);
    case 'delete_child':
      return handleDeleteChild(ctx, state, r[1] as string);
    case 'which_children':
      return handleWhichChildren(ctx, state);
    case 'count_children':
      return handleCountChildren(ctx, state);
    case 'get_state':
      return describeSupervisor(state, ctx.now());
    case 'set_flags':
      return setFlags(state, r[1] as Partial<Record<'strategy' | 'intensity' | 'period', Term>>);
    default:
      return ['error', ['unknown_call', req]];
  }
}

/**
 * Not OTP (a supervisor's flags are fixed by init/1, short of a code change):
 * the playground lets people switch strategy or intensity on a live tree.
 * The restart history is kept; it is counted against the new limits.
 */
function setFlags(
  state: SupState,
  change: Partial<Record<'strategy' | 'intensity' | 'period', Term>>,
): Term {
  const { strategy, intensity, period } = change;
  // A simple_one_for_one keeps its children differently: no switching to or from it.
  if (strategy !== undefined) {
    if (simple(state) || !isStrategy(strategy) || strategy === 'simple_one_for_one')
      return ['error', `supervisor ${state.name}: cannot switch strategy to ${String(strategy)}`];
  }
  const problem =
    (intensity === undefined ? undefined : flagProblem('intensity', intensity)) ??
    (period === undefined ? undefined : flagProblem('period', period));
  if (problem !== undefined) return ['error', `supervisor ${state.name}: ${problem}`];
  state.flags = {
    ...state.flags,
    ...(strategy !== undefined ? { strategy: strategy as SupFlags['strategy'] } : {}),
    ...(intensity !== undefined ? { intensity: intensity as number } : {}),
    ...(period !== undefined ? { period: period as number } : {}),
  };
  state.restarts.retune(state.flags.intensity, state.flags.period);
  return 'ok';
}

function* handleStartChild(ctx: Ctx, state: SupState, arg: unknown): Eff<Term> {
  if (simple(state)) {
    const spec = state.template as ChildSpec;
    const args = (arg ?? []) as readonly Term[];
    const res = yield* startOne(ctx, state, spec, args);
    if (res[0] === 'ok' && res[1] !== undefined) state.dyn.set(res[1], { pid: res[1], args });
    return res as unknown as Term;
  }
  const spec = arg as ChildSpec;
  const problem = checkChildSpec(state.name, state.flags, spec);
  if (problem !== undefined) return ['error', problem];
  const existing = state.children.find((c) => c.spec.id === spec.id);
  if (existing !== undefined) {
    return isRunning(existing.pid)
      ? ['error', ['already_started', existing.pid]]
      : ['error', 'already_present'];
  }
  const res = yield* startOne(ctx, state, spec, []);
  // OTP 25 wraps the reason with its internal child record.
  if (res[0] === 'error') return ['error', [res[1], new ErlRecord('child', { id: spec.id })]];
  if (res[1] === undefined && spec.restart === 'temporary') return ['ok', 'undefined'];
  const added: Child = { spec, pid: undefined };
  state.children.push(added);
  setPid(state, added, res[1]);
  return ['ok', res[1] ?? 'undefined'];
}

function* handleTerminateChild(ctx: Ctx, state: SupState, key: Term): Eff<Term> {
  if (simple(state)) {
    if (!isPid(key)) return ['error', 'simple_one_for_one'];
    // find_child/2 also looks for `{restarting, Pid}`.
    const pending = [...state.dyn.keys()].find((k) => k instanceof Restarting && k.old === key);
    if (pending !== undefined) {
      state.dyn.delete(pending);
      state.dynamicRestarts--;
      return 'ok';
    }
    const d = state.dyn.get(key);
    if (d === undefined) {
      // OTP answers ok for a pid that is already dead (find_child/2 falls back to the
      // template, whose pid is undefined, and del_child erases the `undefined` key),
      // and not_found for a live stranger.
      if (ctx.isAlive(key)) return ['error', 'not_found'];
      state.dyn.delete(UNDEFINED_CHILD);
      return 'ok';
    }
    yield* doTerminate(ctx, state.template as ChildSpec, key);
    state.dyn.delete(key);
    return 'ok';
  }
  const child = state.children.find((c) => c.spec.id === key);
  if (child === undefined) return ['error', 'not_found'];
  yield* doTerminate(ctx, child.spec, child.pid);
  if (child.spec.restart === 'temporary') removeChild(state, child);
  else setPid(state, child, undefined);
  return 'ok';
}

function* handleRestartChild(ctx: Ctx, state: SupState, id: string): Eff<Term> {
  if (simple(state)) return ['error', 'simple_one_for_one'];
  const child = state.children.find((c) => c.spec.id === id);
  if (child === undefined) return ['error', 'not_found'];
  if (child.pid instanceof Restarting) return ['error', 'restarting'];
  if (child.pid !== undefined) return ['error', 'running'];
  const res = yield* startOne(ctx, state, child.spec, []);
  if (res[0] === 'error') return res as unknown as Term;
  setPid(state, child, res[1]);
  return ['ok', res[1] ?? 'undefined'];
}

function handleDeleteChild(ctx: Ctx, state: SupState, id: string): Term {
  if (simple(state)) return ['error', 'simple_one_for_one'];
  const child = state.children.find((c) => c.spec.id === id);
  if (child === undefined) return ['error', 'not_found'];
  if (child.pid instanceof Restarting) return ['error', 'restarting'];
  if (child.pid !== undefined) return ['error', 'running'];
  removeChild(state, child);
  if (ctx.tracing) ctx.trace({ type: 'child_deleted', sup: ctx.self, childId: id });
  return 'ok';
}

/** `[{Id, Child, Type, Modules}]`: static children newest first; dynamic ones in pid order. */
function handleWhichChildren(_ctx: Ctx, state: SupState): Term {
  const show = (pid: ChildPid | typeof UNDEFINED_CHILD): Term =>
    pid instanceof Restarting
      ? 'restarting'
      : pid === UNDEFINED_CHILD
        ? 'undefined'
        : (pid ?? 'undefined');
  if (simple(state)) {
    const t = state.template as ChildSpec;
    // OTP keeps dynamic children in a map, listed in term order: the atom
    // `undefined` first, then pids by age, then `{restarting, Pid}` tuples.
    return [...state.dyn.values()]
      .sort((a, b) => dynOrder(a.pid) - dynOrder(b.pid))
      .map((d) => ['undefined', show(d.pid), t.type, [t.modules]] as Term);
  }
  return [...state.children]
    .reverse()
    .map((c) => [c.spec.id, show(c.pid), c.spec.type, [c.spec.modules]] as Term);
}

function handleCountChildren(ctx: Ctx, state: SupState): Term {
  if (simple(state)) {
    const t = state.template as ChildSpec;
    const size = state.dyn.size;
    const active = size - state.dynamicRestarts;
    return [
      ['specs', 1],
      ['active', active],
      ['supervisors', t.type === 'supervisor' ? size : 0],
      ['workers', t.type === 'worker' ? size : 0],
    ];
  }
  let active = 0;
  let sups = 0;
  for (const c of state.children) {
    if (isRunning(c.pid) && ctx.isAlive(c.pid)) active++;
    if (c.spec.type === 'supervisor') sups++;
  }
  return [
    ['specs', state.children.length],
    ['active', active],
    ['supervisors', sups],
    ['workers', state.children.length - sups],
  ];
}
