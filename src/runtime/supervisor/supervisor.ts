import type { Ctx } from '../ctx';
import type { Eff, MaybeEff } from '../effects';
import type { CallResult, GenServerModule, InitResult, NoReplyResult, StartResult } from '../genServer';
import { cast, startLink } from '../genServer';
import type { Pid, Reason, Term } from '../term';
import { ErlRecord, formatTerm, isNormalExit, isPid, isTuple } from '../term';
import type { ChildSpec, SupFlags } from './childSpec';
import { checkChildSpec, checkStartSpec } from './childSpec';
import type { Child, ChildPid, DynChild } from './children';
import { Restarting, UNDEFINED_CHILD, isRunning, restarting } from './children';
import { RestartWindow } from './restartIntensity';
import { countRestart, reportChildTerminated, reportStartError } from './reports';
import { shutdownAll, shutdownChild } from './shutdown';
import { describeSupervisor } from './describe';

/** What a supervisor's init callback (`Mod:init/1`) returns. */
export type SupInit = { flags: SupFlags; children: readonly ChildSpec[] } | 'ignore';

export interface SupArgs {
  /** The supervisor's name in reports and the picture. */
  readonly name: string;
  /** `Mod:init/1`, called in the new supervisor process. */
  readonly init: (ctx: Ctx) => SupInit;
}

export interface SupState {
  readonly name: string;
  flags: SupFlags;
  /** Static children in start order (OTP keeps them newest first). */
  children: Child[];
  /** simple_one_for_one: the template and the children, in pid order. */
  template: ChildSpec | undefined;
  dyn: Map<Pid | Restarting | typeof UNDEFINED_CHILD, DynChild>;
  dynamicRestarts: number;
  restarts: RestartWindow;
  /**
   * Static children by pid number, so an EXIT finds its child in O(1).
   * Children are local, and a number hashes faster than an object; a lookup
   * checks the pid itself, as a remote pid can share the number.
   */
  byPid: Map<number, Child>;
}

/** What handle_info / handle_cast answer: carry on, or stop with `shutdown`. */
type Answer = NoReplyResult<SupState>;
const dynOrder = (pid: DynChild['pid']): number =>
  pid === UNDEFINED_CHILD ? -1 : pid instanceof Restarting ? 1e15 + (pid.old?.id ?? 0) : (pid as Pid).id;

const simple = (s: SupState): boolean => s.flags.strategy === 'simple_one_for_one';

/** Every change of a static child's pid goes through here, to keep `byPid` right. */
function setPid(state: SupState, child: Child, pid: ChildPid): void {
  if (isRunning(child.pid)) state.byPid.delete(child.pid.id);
  child.pid = pid;
  if (isRunning(pid)) state.byPid.set(pid.id, child);
}

function removeChild(state: SupState, child: Child): void {
  if (isRunning(child.pid)) state.byPid.delete(child.pid.id);
  const i = state.children.indexOf(child);
  if (i >= 0) state.children.splice(i, 1);
}

/** The `supervisor` behaviour as a gen_server module. */
export const supervisorModule: GenServerModule<SupState, SupArgs> = {
  name: 'supervisor',

  *init(args, ctx): Eff<InitResult<SupState>> {
    ctx.trapExit(true);
    ctx.setBehaviour('supervisor');
    const spec = args.init(ctx);
    if (spec === 'ignore') return 'ignore';
    const problem = checkStartSpec(args.name, spec.flags, spec.children);
    if (problem !== undefined) return ['stop', ['start_spec', problem]];
    const state: SupState = {
      name: args.name,
      flags: spec.flags,
      children: [],
      template: undefined,
      dyn: new Map(),
      dynamicRestarts: 0,
      restarts: new RestartWindow(spec.flags.intensity, spec.flags.period),
      byPid: new Map(),
    };
    if (simple(state)) {
      state.template = spec.children[0];
      return ['ok', state];
    }
    state.children = spec.children.map((c) => ({ spec: c, pid: undefined }));
    const failed = yield* startChildren(ctx, state, state.children);
    if (failed !== undefined) {
      yield* terminateChildren(ctx, state, state.children);
      return ['stop', ['shutdown', failed.reason]];
    }
    return ['ok', state];
  },

  *handleCall(req, _from, state, ctx): Eff<CallResult<SupState>> {
    const r = yield* handleRequest(ctx, state, req);
    return ['reply', r, state];
  },

  // handle_cast and handle_info answer at once unless a restart must wait for a
  // child's start: only then is there a generator to drive.
  handleCast(msg, state, ctx): MaybeEff<Answer> {
    if (isTuple(msg) && msg[0] === 'try_again_restart') {
      const child = findChild(state, msg[1] as unknown as string | Restarting);
      if (child !== undefined && child.child.pid instanceof Restarting) return restart(ctx, state, child);
    }
    return ['noreply', state];
  },

  handleInfo(msg, state, ctx): MaybeEff<Answer> {
    if (isTuple(msg) && msg[0] === 'EXIT' && isPid(msg[1])) {
      const child = findChildByPid(state, msg[1]);
      // An EXIT from anything but a child (a linked stranger, a failed start) is ignored.
      if (child !== undefined) return doRestart(ctx, state, msg[2] as Term, child);
    }
    return ['noreply', state];
  },

  *terminate(_reason, state, ctx): Eff<void> {
    if (simple(state)) yield* terminateDynamic(ctx, state);
    else yield* terminateChildren(ctx, state, state.children);
  },

  describe: (state, now) => describeSupervisor(state, now),
};

/** A child to restart: a static one, or a dynamic one seen through the template. */
type Found = { kind: 'static'; child: Child } | { kind: 'dyn'; child: DynChild; spec: ChildSpec };

function findChildByPid(state: SupState, pid: Pid): Found | undefined {
  if (simple(state)) {
    const d = state.dyn.get(pid);
    return d && state.template ? { kind: 'dyn', child: d, spec: state.template } : undefined;
  }
  const c = state.byPid.get(pid.id);
  return c !== undefined && c.pid === pid ? { kind: 'static', child: c } : undefined;
}

function findChild(state: SupState, key: string | Restarting): Found | undefined {
  if (key instanceof Restarting && simple(state)) {
    const d = state.dyn.get(key);
    return d && state.template ? { kind: 'dyn', child: d, spec: state.template } : undefined;
  }
  const c = state.children.find((ch) => ch.spec.id === key);
  return c ? { kind: 'static', child: c } : undefined;
}

const specOf = (f: Found): ChildSpec => (f.kind === 'static' ? f.child.spec : f.spec);

/** supervisor:do_restart/3: what the restart type says about this exit. */
function doRestart(ctx: Ctx, state: SupState, reason: Reason, found: Found): MaybeEff<Answer> {
  const spec = specOf(found);
  const restartIt = spec.restart === 'permanent' || (spec.restart === 'transient' && !isNormalExit(reason));
  if (restartIt || (spec.restart === 'temporary' && !isNormalExit(reason))) {
    const childId = found.kind === 'static' ? spec.id : undefined;
    reportChildTerminated(ctx, reason, childId, isRunning(found.child.pid) ? found.child.pid : undefined);
  }
  if (restartIt) return restart(ctx, state, found);
  delChild(state, found);
  return autoShutdown(ctx, state, spec);
}

const noreply = (state: SupState): Answer => ['noreply', state];
const shutdown = (state: SupState): Answer => ['stop', 'shutdown', state];

/** supervisor:do_auto_shutdown/2 (OTP 24+). */
function autoShutdown(ctx: Ctx, state: SupState, spec: ChildSpec): Answer {
  const mode = state.flags.autoShutdown;
  if (mode === 'never' || !spec.significant) return noreply(state);
  if (mode === 'any_significant') return autoShutdownNow(ctx, state);
  const anyLeft = simple(state)
    ? state.dyn.size > 0
    : state.children.some((c) => c.pid !== undefined && c.spec.significant);
  return anyLeft ? noreply(state) : autoShutdownNow(ctx, state);
}

function autoShutdownNow(ctx: Ctx, state: SupState): Answer {
  ctx.trace({ type: 'supervisor_gave_up', sup: ctx.self, why: 'auto_shutdown' });
  return shutdown(state);
}

/** supervisor:del_child/2: temporary children and dynamic ones are forgotten, others keep their spec. */
function delChild(state: SupState, found: Found): void {
  if (found.kind === 'dyn') {
    state.dyn.delete(found.child.pid);
    return;
  }
  if (found.child.spec.restart === 'temporary') removeChild(state, found.child);
  else setPid(state, found.child, undefined);
}

/** supervisor:restart/2: count the restart, then restart by strategy. */
function restart(ctx: Ctx, state: SupState, found: Found): MaybeEff<Answer> {
  const childId = found.kind === 'static' ? found.child.spec.id : undefined;
  if (countRestart(ctx, state.restarts, state.flags, childId, isRunning(found.child.pid) ? found.child.pid : undefined)) {
    delChild(state, found);
    return shutdown(state);
  }
  if (found.kind === 'dyn') return restartDynamic(ctx, state, found.child, found.spec);
  if (state.flags.strategy === 'one_for_one') return restartOne(ctx, state, found.child);
  return restartGroup(ctx, state, found.child);
}

/**
 * A failed restart is tried again through our own mailbox (OTP's
 * try_again_restart), leaving control to the gen_server loop in between so
 * other requests (a shutdown, say) can be handled first.
 */
function tryAgain(ctx: Ctx, state: SupState, key: string | Restarting): Answer {
  cast(ctx, ctx.self, ['try_again_restart', key as unknown as Term]);
  return noreply(state);
}

// The restart of one child is written as a single generator around the
// child's start (no nested helpers): a storm of 10,000 restarts resumes it
// 20,000 times, and each extra generator level costs allocations there.

/** restart/2 for simple_one_for_one. */
function* restartDynamic(ctx: Ctx, state: SupState, child: DynChild, spec: ChildSpec): Eff<Answer> {
  const old = child.pid;
  if (old instanceof Restarting) state.dynamicRestarts--;
  state.dyn.delete(old);
  const res = started(ctx, state, spec, yield* spec.start(ctx, argsFor(spec, child.args)));
  if (res[0] === 'ok') {
    // OTP 25 quirk, kept: a restart returning ignore is stored under the key `undefined`
    // (dyn_store(undefined, …)), so which_children lists it and count_children counts it.
    const key = res[1] ?? UNDEFINED_CHILD;
    state.dyn.set(key, { pid: key, args: child.args });
    return noreply(state);
  }
  const key = old instanceof Restarting ? old : new Restarting(old === UNDEFINED_CHILD ? undefined : old);
  state.dynamicRestarts++;
  state.dyn.set(key, { pid: key, args: child.args });
  reportStartError(ctx, res[1], spec.id);
  return tryAgain(ctx, state, key);
}

/** restart/2 for one_for_one. */
function* restartOne(ctx: Ctx, state: SupState, child: Child): Eff<Answer> {
  const res = started(ctx, state, child.spec, yield* child.spec.start(ctx, child.spec.args));
  if (res[0] === 'ok') {
    setPid(state, child, res[1]);
    return noreply(state);
  }
  setPid(state, child, restarting(child.pid));
  reportStartError(ctx, res[1], child.spec.id);
  return tryAgain(ctx, state, child.spec.id);
}

/** restart/2 for one_for_all and rest_for_one: the crashed child is already dead. */
function* restartGroup(ctx: Ctx, state: SupState, child: Child): Eff<Answer> {
  const oldPid = child.pid;
  setPid(state, child, undefined);
  const affected =
    state.flags.strategy === 'one_for_all' ? [...state.children] : state.children.slice(state.children.indexOf(child));
  yield* terminateChildren(ctx, state, affected);
  const present = new Set(state.children);
  const failed = yield* startChildren(ctx, state, affected.filter((c) => present.has(c)));
  if (failed === undefined) return noreply(state);
  setPid(state, failed.child, failed.child === child ? restarting(oldPid) : new Restarting(undefined));
  return tryAgain(ctx, state, failed.child.spec.id);
}

/** simple_one_for_one appends start_child's args to the template's (supervisor.erl). */
const argsFor = (spec: ChildSpec, extra: readonly Term[]): readonly Term[] =>
  extra.length === 0 ? spec.args : [...spec.args, ...extra];

/** supervisor:do_start_child_i/3's answer: `ignore` becomes `{ok, undefined}`. */
function started(
  ctx: Ctx,
  state: SupState,
  spec: ChildSpec,
  r: StartResult,
): readonly ['ok', Pid | undefined] | readonly ['error', Reason] {
  if (r === 'ignore') return ['ok', undefined];
  if (r[0] === 'error') return r;
  if (ctx.tracing) ctx.trace({ type: 'child_started', sup: ctx.self, childId: simple(state) ? undefined : spec.id, pid: r[1] });
  return r;
}

function* startOne(ctx: Ctx, state: SupState, spec: ChildSpec, extra: readonly Term[]): Eff<ReturnType<typeof started>> {
  return started(ctx, state, spec, yield* spec.start(ctx, argsFor(spec, extra)));
}

/**
 * supervisor:start_children/2: in start order; a temporary child that
 * returns ignore is dropped; the first failure stops the loop.
 */
function* startChildren(
  ctx: Ctx,
  state: SupState,
  list: readonly Child[],
): Eff<{ child: Child; reason: Term } | undefined> {
  // A copy: a temporary child that returns ignore is removed from state.children meanwhile.
  for (const child of [...list]) {
    const res = yield* startOne(ctx, state, child.spec, []);
    if (res[0] === 'ok') {
      if (res[1] === undefined && child.spec.restart === 'temporary') removeChild(state, child);
      else setPid(state, child, res[1]);
      continue;
    }
    reportStartError(ctx, res[1], child.spec.id);
    return { child, reason: ['failed_to_start_child', child.spec.id, res[1]] };
  }
  return undefined;
}

/** supervisor:terminate_children/2: reverse start order; temporary children are removed. */
function* terminateChildren(ctx: Ctx, state: SupState, list: readonly Child[]): Eff<void> {
  for (const child of [...list].reverse()) {
    yield* doTerminate(ctx, child.spec, child.pid);
    if (child.spec.restart === 'temporary') removeChild(state, child);
    else setPid(state, child, undefined);
  }
}

/** supervisor:do_terminate/2 */
function* doTerminate(ctx: Ctx, spec: ChildSpec, pid: ChildPid): Eff<void> {
  if (!isRunning(pid)) return;
  const r = yield* shutdownChild(ctx, pid, spec.shutdown, spec.restart);
  if (r !== 'ok') {
    ctx.trace({ type: 'supervisor_report', sup: ctx.self, context: 'shutdown_error', reason: r[1], childId: spec.id, childPid: pid });
  }
}

function* terminateDynamic(ctx: Ctx, state: SupState): Eff<void> {
  const spec = state.template;
  if (spec === undefined) return;
  const pids = [...state.dyn.keys()].filter(isPid);
  const errors = yield* shutdownAll(ctx, pids, spec.shutdown, spec.restart);
  // terminate_dynamic_children/1: one report per reason, with the list of pids.
  const byReason = new Map<string, { reason: Reason; pids: Pid[] }>();
  for (const e of errors) {
    const key = formatTerm(e.reason);
    const group = byReason.get(key) ?? { reason: e.reason, pids: [] };
    group.pids.push(e.pid);
    byReason.set(key, group);
  }
  for (const g of byReason.values()) {
    ctx.trace({
      type: 'supervisor_report',
      sup: ctx.self,
      context: 'shutdown_error',
      reason: g.reason,
      childId: undefined,
      childPid: undefined,
      childPids: g.pids,
    });
  }
  state.dyn.clear();
}

// ---- the supervisor API (handle_call) ------------------------------------

function* handleRequest(ctx: Ctx, state: SupState, req: Term): Eff<Term> {
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
      return whichChildren(ctx, state);
    case 'count_children':
      return countChildren(ctx, state);
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
function setFlags(state: SupState, change: Partial<Record<'strategy' | 'intensity' | 'period', Term>>): Term {
  const { strategy, intensity, period } = change;
  const strategies = ['one_for_one', 'one_for_all', 'rest_for_one'];
  if (strategy !== undefined) {
    if (simple(state) || typeof strategy !== 'string' || !strategies.includes(strategy))
      return ['error', `supervisor ${state.name}: cannot switch strategy to ${String(strategy)}`];
  }
  if (intensity !== undefined && (!Number.isInteger(intensity) || (intensity as number) < 0))
    return ['error', `supervisor ${state.name}: intensity must be an integer >= 0`];
  if (period !== undefined && (!Number.isInteger(period) || (period as number) < 1))
    return ['error', `supervisor ${state.name}: period must be an integer >= 1`];
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
    return isRunning(existing.pid) ? ['error', ['already_started', existing.pid]] : ['error', 'already_present'];
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
function whichChildren(_ctx: Ctx, state: SupState): Term {
  const show = (pid: ChildPid | typeof UNDEFINED_CHILD): Term =>
    pid instanceof Restarting ? 'restarting' : pid === UNDEFINED_CHILD ? 'undefined' : (pid ?? 'undefined');
  if (simple(state)) {
    const t = state.template as ChildSpec;
    // OTP keeps dynamic children in a map, listed in term order: the atom
    // `undefined` first, then pids by age, then `{restarting, Pid}` tuples.
    return [...state.dyn.values()]
      .sort((a, b) => dynOrder(a.pid) - dynOrder(b.pid))
      .map((d) => ['undefined', show(d.pid), t.type, [t.modules]] as Term);
  }
  return [...state.children].reverse().map((c) => [c.spec.id, show(c.pid), c.spec.type, [c.spec.modules]] as Term);
}

function countChildren(ctx: Ctx, state: SupState): Term {
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

/** Restarts counted in the current window, for the intensity meter. */
export const currentRestarts = (state: SupState, nowMs: number): number => state.restarts.count(nowMs);

/** `supervisor:start_link/2` for a child spec's `start`. */
export function* startSupervisor(ctx: Ctx, args: SupArgs): Eff<StartResult> {
  return yield* startLink(ctx, supervisorModule, args, { behaviour: 'supervisor' });
}
