import type { Ctx } from '../runtime/ctx';
import type { Eff, MaybeEff } from '../runtime/effects';
import { sleep } from '../runtime/effects';
import type { CallResult, GenServerModule, InitResult } from '../runtime/genServer';
import type { Pid, Ref, Term } from '../runtime/term';
import { isNormalExit, isPid, isRef, isTuple } from '../runtime/term';
import { termEquals } from '../runtime/termEquals';
import type { OracleLog } from './oracleLog';
import type { SysModule } from './sysModule';
import type { InitMode, Rule, WorkerExtras } from './scenario';
import type { TraceLog } from './traceLog';
import type { ActorState } from './workerActions';
import { ActionList, TELL, runActions, runBlocking, tell } from './workerActions';

export interface WorkerArgs {
  path: string;
  trapExit: boolean;
  extras: WorkerExtras;
}

interface WorkerState extends ActorState {
  readonly extras: WorkerExtras;
  /** Uses left per rule, counted per incarnation. */
  readonly usesLeft: number[];
}

/**
 * The oracle's worker (`tools/oracle/oracle_worker.erl`): a gen_server that
 * logs what reaches it (`recv`, `got`, `trapped`, `down`, `call`), runs the
 * actions of the steps it is told to run, reacts to `got` messages by its
 * rules, answers calls `{ok, Request}` after `call_ms`, takes `init_ms` in
 * init and `terminate_ms` in terminate/2. Where the oracle's worker calls
 * its log process (reading the init mode, announcing a start, resolving a
 * forward_to path) this one makes the same round trip ({@link OracleLog}).
 * @param initModes set_init overrides, by path
 */
export function scenarioWorker(
  log: TraceLog,
  oracle: OracleLog,
  sys: SysModule,
  initModes: Map<string, InitMode>,
): GenServerModule<WorkerState, WorkerArgs> {
  /**
   * init/1: `init_ms` passes first; the mode is read after it (so a set_init
   * meanwhile counts), then `init_ignore`/`init_fail` or `start` is announced.
   */
  function* init({ path, trapExit, extras }: WorkerArgs, ctx: Ctx): Eff<InitResult<WorkerState>> {
    if (extras.initMs > 0) yield* sleep(extras.initMs);
    const mode = initModes.get(path) ?? extras.init;
    yield* oracle.call(ctx); // oracle_log:init_mode/2
    if (mode === 'ignore' || mode === 'fail') {
      log.name(ctx.self, path);
      log.line(`${mode === 'ignore' ? 'init_ignore' : 'init_fail'} ${path}`);
      yield* oracle.call(ctx); // oracle_log:note/2
      return mode === 'ignore' ? 'ignore' : ['stop', 'init_failed'];
    }
    if (trapExit) ctx.trapExit(true);
    log.started(ctx.self, path);
    yield* oracle.call(ctx); // oracle_log:started/2
    const state: WorkerState = {
      path,
      extras,
      usesLeft: extras.on.map((r) => r.times),
      lastSender: undefined,
      monitors: new Map(),
    };
    return ['ok', state];
  }

  return {
    name: 'scenario_worker',
    init,
    handleCall(req, from, state): MaybeEff<CallResult<WorkerState>> {
      log.line(`call ${state.path} ${log.who(from[0])} ${log.fmt(req)}`);
      const answer: CallResult<WorkerState> = ['reply', ['ok', req], state];
      if (state.extras.callMs === 0) return answer;
      return (function* (): Eff<CallResult<WorkerState>> {
        yield* sleep(state.extras.callMs);
        return answer;
      })();
    },
    handleCast(msg, state, ctx) {
      const m = msg as readonly unknown[];
      if (m[0] === 'crash') return ['stop', m[1] as Term, state];
      const list = m[1];
      if (m[0] === 'actions' && list instanceof ActionList) {
        if (!list.blocks) {
          runActions(ctx, state, list.actions);
          return ['noreply', state];
        }
        return (function* (): Eff<['noreply', WorkerState]> {
          yield* runBlocking(ctx, state, log, list.actions);
          return ['noreply', state];
        })();
      }
      return ['noreply', state];
    },
    handleInfo(msg, state, ctx) {
      if (isTuple(msg)) {
        if (msg.length === 3 && msg[0] === TELL && isPid(msg[1])) {
          const [, from, body] = msg as readonly [string, Pid, Term];
          log.line(`got ${state.path} ${log.who(from)} ${log.fmt(body)}`);
          state.lastSender = from;
          return react(ctx, state, body, from);
        }
        if (msg.length === 3 && msg[0] === 'EXIT') {
          log.line(`trapped ${state.path} ${log.who(msg[1])} ${log.fmt(msg[2])}`);
          return ['noreply', state];
        }
        if (msg.length === 5 && msg[0] === 'DOWN' && msg[2] === 'process') {
          log.line(`down ${state.path} ${log.who(msg[3])} ${log.fmt(msg[4])}`);
          forgetMonitor(state, msg[3], msg[1]);
          return ['noreply', state];
        }
        // A gen_server reply, {[alias|Ref], Reply}: what a late reply would look like. OTP 25
        // never delivers one (the alias is gone when the call times out).
        if (msg.length === 2 && isTuple(msg[0]) && msg[0][0] === 'alias' && isRef(msg[0][1])) {
          log.line(`stray ${state.path} ${log.fmt(msg)}`);
          return ['noreply', state];
        }
      }
      log.line(`recv ${state.path} ${log.fmt(msg)}`);
      return ['noreply', state];
    },
    // terminate/2 sleeps terminate_ms; then (an abnormal reason) gen_server's error_info uses sys.
    terminate(reason, state, ctx) {
      const ms = state.extras.terminateMs;
      const report = !isNormalExit(reason) && !sys.isLoaded;
      if (ms === 0 && !report) return undefined;
      return (function* (): Eff<void> {
        if (ms > 0) yield* sleep(ms);
        if (report) yield* sys.use(ctx);
      })();
    },
  };

  /**
   * The first rule whose message is `=:=` to the one got and that has uses
   * left fires, once: a reply goes to the sender's pid, a forward to its
   * destination resolved now (a name; or a path's newest process, which the
   * oracle's worker asks its log for: a round trip).
   */
  function react(
    ctx: Ctx,
    state: WorkerState,
    msg: Term,
    from: Pid,
  ): MaybeEff<['noreply', WorkerState]> {
    const rules: readonly Rule[] = state.extras.on;
    const i = rules.findIndex(
      (rule, k) => (state.usesLeft[k] as number) > 0 && termEquals(rule.message, msg),
    );
    const rule = rules[i];
    if (rule === undefined) return ['noreply', state];
    state.usesLeft[i] = (state.usesLeft[i] as number) - 1;
    const { action } = rule;
    if (action.kind === 'reply') tell(ctx, state, { kind: 'pid', pid: from }, [action.term]);
    else if (action.dest.kind === 'name') tell(ctx, state, action.dest, [msg]);
    else if (action.dest.kind === 'path') {
      const pid = log.pidAt(action.dest.path);
      return (function* (): Eff<['noreply', WorkerState]> {
        yield* oracle.call(ctx); // oracle_log:call({pid_of, Path})
        // A path that never had a process: the message goes nowhere.
        if (pid !== undefined) tell(ctx, state, { kind: 'pid', pid }, [msg]);
        return ['noreply', state];
      })();
    }
    return ['noreply', state];
  }
}

function forgetMonitor(state: WorkerState, who: Term, ref: Term): void {
  if (!isPid(who)) return;
  const refs = state.monitors.get(who);
  if (refs === undefined) return;
  const left = refs.filter((r: Ref) => r !== ref);
  if (left.length === 0) state.monitors.delete(who);
  else state.monitors.set(who, left);
}
