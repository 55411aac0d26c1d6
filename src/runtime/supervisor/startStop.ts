import type { Ctx } from '../ctx';
import type { Eff } from '../effects';
import type { StartResult } from '../genServer';
import type { Pid, Reason, Term } from '../term';
import { charList, formatTerm, isPid, list } from '../term';
import type { ChildSpec } from './childSpec';
import type { Child, ChildPid } from './children';
import { UNDEFINED_CHILD, isRunning } from './children';
import { childInfo, reportStartError } from './reports';
import { shutdownAll, shutdownChild } from './shutdown';
import type { SupState } from './state';
import { removeChild, setPid, simple } from './state';

// Starting and stopping children: supervisor.erl's start_children/2,
// terminate_children/2, do_terminate/2 and do_start_child_i/3.

/** simple_one_for_one appends start_child's args to the template's (supervisor.erl). */
export const argsFor = (spec: ChildSpec, extra: readonly Term[]): readonly Term[] =>
  extra.length === 0 ? spec.args : [...spec.args, ...extra];

/** supervisor:do_start_child_i/3's answer: `ignore` becomes `{ok, undefined}`. */
export function started(
  ctx: Ctx,
  state: SupState,
  spec: ChildSpec,
  r: StartResult,
): readonly ['ok', Pid | undefined] | readonly ['error', Reason] {
  if (r === 'ignore') return ['ok', undefined];
  if (r[0] === 'error') return r;
  if (ctx.tracing)
    ctx.trace({
      type: 'child_started',
      sup: ctx.self,
      childId: simple(state) ? undefined : spec.id,
      pid: r[1],
      child: childInfo(spec),
    });
  return r;
}

export function* startOne(
  ctx: Ctx,
  state: SupState,
  spec: ChildSpec,
  extra: readonly Term[],
): Eff<ReturnType<typeof started>> {
  return started(ctx, state, spec, yield* spec.start(ctx, argsFor(spec, extra)));
}

/**
 * supervisor:start_children/2: in start order; a temporary child that
 * returns ignore is dropped; the first failure stops the loop.
 */
export function* startChildren(
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
    reportStartError(ctx, res[1], child.spec.id, child.spec);
    return { child, reason: ['failed_to_start_child', child.spec.id, res[1]] };
  }
  return undefined;
}

/** supervisor:terminate_children/2: reverse start order; temporary children are removed. */
export function* terminateChildren(ctx: Ctx, state: SupState, list: readonly Child[]): Eff<void> {
  for (const child of [...list].reverse()) {
    yield* doTerminate(ctx, child.spec, child.pid);
    if (child.spec.restart === 'temporary') removeChild(state, child);
    else setPid(state, child, undefined);
  }
}

/** supervisor:do_terminate/2 */
export function* doTerminate(ctx: Ctx, spec: ChildSpec, pid: ChildPid): Eff<void> {
  if (!isRunning(pid)) return;
  const r = yield* shutdownChild(ctx, pid, spec.shutdown, spec.restart);
  if (r !== 'ok') {
    ctx.trace({
      type: 'supervisor_report',
      sup: ctx.self,
      context: 'shutdown_error',
      reason: r[1],
      childId: spec.id,
      childPid: pid,
      child: childInfo(spec),
    });
  }
}

export function* terminateDynamic(ctx: Ctx, state: SupState): Eff<void> {
  const spec = state.template;
  if (spec === undefined) return;
  // OTP 25 quirk, kept because real OTP does it: terminate_dynamic_children/1 folds over the
  // children with a fun that has clauses for a pid and a restarting child only. The `undefined`
  // key a restart returning ignore leaves sorts first, so the supervisor dies with
  // function_clause before it stops any child (they get its exit signal instead).
  if (state.dyn.has(UNDEFINED_CHILD)) ctx.exit(TERMINATE_DYNAMIC_CRASH);
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
      child: childInfo(spec),
    });
  }
  state.dyn.clear();
}

const at = (file: string, line: number): Term => list(['file', charList(file)], ['line', line]);

/** The exit reason OTP 25.2 gives (`exit root/pool {function_clause,[…]}` in the oracle's trace). */
const TERMINATE_DYNAMIC_CRASH: Term = [
  'function_clause',
  list(
    [
      'supervisor',
      '-terminate_dynamic_children/1-inlined-0-',
      list('undefined', {}),
      at('supervisor.erl', 994),
    ],
    ['maps', 'fold_1', 3, at('maps.erl', 411)],
    ['supervisor', 'terminate_dynamic_children', 1, at('supervisor.erl', 993)],
    ['gen_server', 'try_terminate', 3, at('gen_server.erl', 1161)],
    ['gen_server', 'terminate', 10, at('gen_server.erl', 1351)],
    ['proc_lib', 'init_p_do_apply', 3, at('proc_lib.erl', 240)],
  ),
];
