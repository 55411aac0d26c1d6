import type { Ctx } from '../ctx';
import type { Eff, MaybeEff } from '../effects';
import { isEff } from '../effects';
import type {
  CallResult,
  GenServerModule,
  InitResult,
  NoReplyResult,
  StartResult,
} from '../genServer';
import { cast, startLink } from '../genServer';
import type { Pid, Reason, Term } from '../term';
import { isNormalExit, isPid, isTuple } from '../term';
import type { ChildSpec } from './childSpec';
import { checkStartSpec } from './childSpec';
import type { Child, DynChild } from './children';
import { Restarting, UNDEFINED_CHILD, isRunning, restarting } from './children';
import { RestartWindow } from './restartIntensity';
import { countRestart, reportChildTerminated, reportStartError } from './reports';
import { describeSupervisor } from './describe';
import { handleRequest } from './calls';
import type { SupArgs, SupState } from './state';
import { removeChild, setPid, simple } from './state';
import { argsFor, started, startChildren, terminateChildren, terminateDynamic } from './startStop';

export type { SupArgs, SupInit, SupState } from './state';

/** What handle_info / handle_cast answer: carry on, or stop with `shutdown`. */
type Answer = NoReplyResult<SupState>;

/** The `supervisor` behaviour as a gen_server module. */
export const supervisorModule: GenServerModule<SupState, SupArgs> = {
  name: 'supervisor',

  *init(args, ctx): Eff<InitResult<SupState>> {
    ctx.trapExit(true);
    ctx.setBehaviour('supervisor');
    const given = args.init(ctx);
    const spec = isEff(given) ? yield* given : given;
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
      if (child !== undefined && child.child.pid instanceof Restarting)
        return restart(ctx, state, child);
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
  const restartIt =
    spec.restart === 'permanent' || (spec.restart === 'transient' && !isNormalExit(reason));
  if (restartIt || (spec.restart === 'temporary' && !isNormalExit(reason))) {
    const childId = found.kind === 'static' ? spec.id : undefined;
    reportChildTerminated(
      ctx,
      reason,
      childId,
      isRunning(found.child.pid) ? found.child.pid : undefined,
      spec,
    );
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
  if (
    countRestart(
      ctx,
      state.restarts,
      state.flags,
      childId,
      isRunning(found.child.pid) ? found.child.pid : undefined,
      specOf(found),
    )
  ) {
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
  const key =
    old instanceof Restarting ? old : new Restarting(old === UNDEFINED_CHILD ? undefined : old);
  state.dynamicRestarts++;
  state.dyn.set(key, { pid: key, args: child.args });
  reportStartError(ctx, res[1], spec.id, spec);
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
  reportStartError(ctx, res[1], child.spec.id, child.spec);
  return tryAgain(ctx, state, child.spec.id);
}

/** restart/2 for one_for_all and rest_for_one: the crashed child is already dead. */
function* restartGroup(ctx: Ctx, state: SupState, child: Child): Eff<Answer> {
  const oldPid = child.pid;
  setPid(state, child, undefined);
  const affected =
    state.flags.strategy === 'one_for_all'
      ? [...state.children]
      : state.children.slice(state.children.indexOf(child));
  yield* terminateChildren(ctx, state, affected);
  const present = new Set(state.children);
  const failed = yield* startChildren(
    ctx,
    state,
    affected.filter((c) => present.has(c)),
  );
  if (failed === undefined) return noreply(state);
  setPid(
    state,
    failed.child,
    failed.child === child ? restarting(oldPid) : new Restarting(undefined),
  );
  return tryAgain(ctx, state, failed.child.spec.id);
}

/** Restarts counted in the current window, for the intensity meter. */
export const currentRestarts = (state: SupState, nowMs: number): number =>
  state.restarts.count(nowMs);

/** `supervisor:start_link/2` for a child spec's `start`. */
export function* startSupervisor(ctx: Ctx, args: SupArgs): Eff<StartResult> {
  return yield* startLink(ctx, supervisorModule, args, { behaviour: 'supervisor' });
}
