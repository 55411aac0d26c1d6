import { InvariantError } from '../base';
import type { Ctx } from '../runtime/ctx';
import type { Eff } from '../runtime/effects';
import { sleep } from '../runtime/effects';
import { ProcessExit } from '../runtime/errors';
import { call } from '../runtime/genServer';
import type { Pid, Ref, Term } from '../runtime/term';
import type { TraceLog } from './traceLog';

/** A message between workers (`tell`, a rule's reply or forward): `{'$tell', From, Msg}`, as the oracle sends it. */
export const TELL = '$tell';

/** Where a worker sends: a pid the driver resolved, a registered name, or its `$last_sender`. */
export type SendTo =
  { kind: 'pid'; pid: Pid } | { kind: 'name'; name: string } | { kind: 'last_sender' };

/** An action with its paths resolved to pids by the driver when the step started. */
export type ResolvedAction =
  | { op: 'tell'; to: SendTo; msgs: readonly Term[] }
  | {
      op: 'call';
      callee: Pid | string;
      /** How the `reply` line names the callee: its path, or the name. */
      dest: string;
      request: Term;
      timeout: number | 'infinity';
      catch: boolean;
    }
  | { op: 'exit'; target: Pid; reason: Term }
  | { op: 'link' | 'unlink' | 'monitor'; to: Pid }
  | { op: 'demonitor'; to: Pid; flush: boolean }
  | { op: 'trap_exit'; value: boolean }
  | { op: 'sleep'; ms: number };

/** The cast a worker gets for a step it runs itself: `{actions, Actions}`. */
export class ActionList {
  constructor(readonly actions: readonly ResolvedAction[]) {}
  /** Whether a worker must block to run them (a call, a sleep). */
  get blocks(): boolean {
    return this.actions.some((a) => a.op === 'call' || a.op === 'sleep');
  }
}

/** The part of a worker's state the actions read and change. */
export interface ActorState {
  readonly path: string;
  /** The sender of the last `got` message in this incarnation. */
  lastSender: Pid | undefined;
  /** Monitors set by `monitor` actions, by target, to remove with `demonitor`. */
  readonly monitors: Map<Pid, Ref[]>;
}

/**
 * `Dest ! {'$tell', self(), Msg}` for each message. As Erlang `!`: a dead pid
 * drops it; an unregistered name raises badarg, which stops the worker with
 * reason badarg (the oracle's `{stop, badarg, State}`); messages already sent stay sent.
 */
export function tell(ctx: Ctx, s: ActorState, to: SendTo, msgs: readonly Term[]): void {
  const dest = to.kind === 'pid' ? to.pid : to.kind === 'name' ? to.name : s.lastSender;
  if (dest === undefined) return; // `$last_sender` before anything was got
  for (const m of msgs) ctx.send(dest, [TELL, ctx.self, m]);
}

/** Runs actions that never block, in order, inside one callback. */
export function runActions(ctx: Ctx, s: ActorState, actions: readonly ResolvedAction[]): void {
  for (const a of actions) act(ctx, s, a);
}

/** Runs actions that may block (a call, a sleep): the worker handles nothing else meanwhile. */
export function* runBlocking(
  ctx: Ctx,
  s: ActorState,
  log: TraceLog,
  actions: readonly ResolvedAction[],
): Eff<void> {
  for (const a of actions) {
    if (a.op === 'sleep') yield* sleep(a.ms);
    else if (a.op === 'call') yield* callAction(ctx, s, log, a);
    else act(ctx, s, a);
  }
}

/**
 * `gen_server:call(To, Req, Timeout)`, logging `reply CALLER DEST VALUE`.
 * With `catch`, an exit becomes `{'EXIT', Reason}`; without, it stops the
 * worker with Reason (gen_server's exit class: terminate/2 runs).
 */
function* callAction(
  ctx: Ctx,
  s: ActorState,
  log: TraceLog,
  a: Extract<ResolvedAction, { op: 'call' }>,
): Eff<void> {
  let value: Term;
  try {
    value = yield* call(ctx, a.callee, a.request, a.timeout);
  } catch (e) {
    if (!(e instanceof ProcessExit) || !a.catch) throw e;
    value = ['EXIT', e.reason];
  }
  log.line(`reply ${s.path} ${a.dest} ${log.fmt(value)}`);
}

function act(ctx: Ctx, s: ActorState, a: ResolvedAction): void {
  switch (a.op) {
    case 'tell':
      return tell(ctx, s, a.to, a.msgs);
    case 'exit':
      return ctx.exitSignal(a.target, a.reason);
    case 'link':
      // A dead pid raises noproc (the oracle's worker stops with noproc) unless trapping.
      return ctx.link(a.to);
    case 'unlink':
      return ctx.unlink(a.to);
    case 'monitor': {
      const ref = ctx.monitor(a.to);
      const refs = s.monitors.get(a.to);
      if (refs === undefined) s.monitors.set(a.to, [ref]);
      else refs.push(ref);
      return;
    }
    case 'demonitor':
      // Without flush a DOWN already in the mailbox stays there and is still logged.
      for (const ref of s.monitors.get(a.to) ?? []) ctx.demonitor(ref, a.flush);
      s.monitors.delete(a.to);
      return;
    case 'trap_exit':
      ctx.trapExit(a.value);
      return;
    case 'call':
    case 'sleep':
      throw new InvariantError(`BUG: ${a.op} must run through runBlocking`);
  }
}
