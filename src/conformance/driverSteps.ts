import type { Ctx } from '../runtime/ctx';
import type { Eff } from '../runtime/effects';
import { sleep } from '../runtime/effects';
import { ProcessExit } from '../runtime/errors';
import { call, cast } from '../runtime/genServer';
import type { Pid, Term } from '../runtime/term';
import { isTuple } from '../runtime/term';
import type { DriverCore } from './driver';
import type { Action, Dest, Step } from './scenario';
import type { ResolvedAction, SendTo } from './workerActions';
import { ActionList } from './workerActions';

/** The answer to is_process_alive/1 when it had to wait (see `alive`). */
const ALIVE_ANSWER = '$is_process_alive';

/** `{error, noproc}`: what the oracle prints for a supervisor call to a dead supervisor. */
const NOPROC: Term = ['error', 'noproc'];

/**
 * Each step's work, done in the driver process as `tools/oracle/oracle.escript`
 * does it: every path is resolved by a call to the oracle's log (a round trip,
 * see OracleLog), in the same order, then the step acts.
 */
export class StepRunner {
  constructor(private readonly d: DriverCore) {}

  *run(ctx: Ctx, step: Step): Eff<Term> {
    const { d } = this;
    switch (step.op) {
      case 'crash': {
        const pid = yield* this.alive(ctx, step.target);
        if (pid === undefined) return;
        yield* d.oracle.call(ctx); // oracle_log:call({kind, Pid})
        if (d.node.processInfo(pid)?.behaviour !== 'supervisor') {
          cast(ctx, pid, ['crash', step.reason]); // the worker: {stop, Reason, State}
          return;
        }
        // `catch sys:terminate(Sup, Reason)`: waits until the supervisor has stopped.
        yield* d.sys.use(ctx);
        const ref = ctx.monitor(pid);
        ctx.send(pid, ['$sys_terminate', step.reason]);
        yield { match: (m) => isTuple(m) && m[0] === 'DOWN' && m[1] === ref };
        return;
      }
      case 'exit': {
        const pid = yield* this.alive(ctx, step.target);
        if (pid !== undefined) ctx.exitSignal(pid, step.reason);
        return;
      }
      case 'send': {
        const pid = yield* this.alive(ctx, step.target);
        if (pid !== undefined) ctx.send(pid, step.msg);
        return;
      }
      case 'do': {
        // Paths are resolved when the step starts; the worker runs the actions itself.
        const actions: ResolvedAction[] = [];
        for (const a of step.actions) actions.push(yield* this.resolve(ctx, a));
        const from = yield* this.alive(ctx, step.from);
        if (from !== undefined)
          cast(ctx, from, ['actions', new ActionList(actions) as unknown as Term]);
        return;
      }
      case 'driver_call': {
        // The driver's own `catch gen_server:call(…)`: `reply driver DEST VALUE` once it returns.
        const { callee, dest } = yield* this.callee(ctx, step.to);
        let value: Term;
        try {
          value = yield* call(ctx, callee, step.request, step.timeout);
        } catch (e) {
          if (!(e instanceof ProcessExit)) throw e;
          value = ['EXIT', e.reason];
        }
        d.log.line(`reply driver ${dest} ${d.log.fmt(value)}`);
        return;
      }
      case 'set_init':
        d.initModes.set(step.target, step.init);
        yield* d.oracle.call(ctx);
        return;
      case 'sleep':
        yield* sleep(step.ms);
        return;
      case 'start_child': {
        let arg: Term;
        if (step.child === undefined) {
          const n = (d.dynCounters.get(step.sup) ?? 0) + 1;
          d.dynCounters.set(step.sup, n);
          arg = [n];
        } else arg = d.childSpec(step.sup, step.child) as unknown as Term;
        return yield* this.supCall(ctx, 'start_child', step.sup, ['start_child', arg]);
      }
      case 'terminate_child':
      case 'restart_child':
      case 'delete_child': {
        const key: Term =
          step.id.startsWith('#') && step.op === 'terminate_child'
            ? yield* this.pid(ctx, `${step.sup}/${step.id}`)
            : step.id;
        return yield* this.supCall(ctx, step.op, step.sup, [step.op, key]);
      }
      case 'which_children':
      case 'count_children':
        return yield* this.supCall(ctx, step.op, step.sup, [step.op]);
    }
  }

  /** The end: `exit(Root, shutdown)` unless the root is already dead. */
  *stopRoot(ctx: Ctx, root: string): Eff<Term> {
    const pid = yield* this.alive(ctx, root);
    if (pid !== undefined) ctx.exitSignal(pid, 'shutdown');
    return undefined;
  }

  /**
   * The oracle's `pid(Path)`: the newest process that had the path (asked of
   * the log), or else a dead pid named after it (spawned, waited for, named).
   */
  private *pid(ctx: Ctx, path: string): Eff<Pid> {
    const { log, oracle } = this.d;
    const known = log.pidAt(path);
    yield* oracle.call(ctx); // oracle_log:call({pid_of, Path})
    if (known !== undefined) return known;
    // spawn_monitor(fun() -> ok end), then its DOWN.
    const dead = ctx.spawn(() => undefined);
    const ref = ctx.monitor(dead);
    yield { match: (m) => isTuple(m) && m[0] === 'DOWN' && m[1] === ref };
    log.name(dead, path);
    yield* oracle.call(ctx); // oracle_log:call({name, Dead, Path})
    return dead;
  }

  /**
   * The oracle's `alive(Path)`: the path's newest process if it is alive
   * (is_process_alive/1, which waits for a process that has signals to handle).
   */
  private *alive(ctx: Ctx, path: string): Eff<Pid | undefined> {
    const { log, oracle, node } = this.d;
    const p = log.pidAt(path);
    yield* oracle.call(ctx); // oracle_log:call({pid_of, Path})
    if (p === undefined) return undefined;
    let alive: boolean | undefined;
    let waiting = false;
    node.isAliveWhenScheduled(p, (a) => {
      alive = a;
      if (waiting) node.send(undefined, ctx.self, ALIVE_ANSWER);
    });
    if (alive === undefined) {
      waiting = true;
      yield { match: (m) => m === ALIVE_ANSWER };
    }
    return alive === true ? p : undefined;
  }

  /** A call's callee (a pid, or the registered name) and how the `reply` line names it. */
  private *callee(ctx: Ctx, to: Dest): Eff<{ callee: Pid | string; dest: string }> {
    if (to.kind === 'name') return { callee: to.name, dest: to.name };
    const path = to.kind === 'path' ? to.path : '';
    return { callee: yield* this.pid(ctx, path), dest: path };
  }

  private *resolve(ctx: Ctx, a: Action): Eff<ResolvedAction> {
    switch (a.op) {
      case 'tell': {
        const to: SendTo =
          a.to.kind === 'path' ? { kind: 'pid', pid: yield* this.pid(ctx, a.to.path) } : a.to;
        return { op: 'tell', to, msgs: a.msgs };
      }
      case 'call': {
        const { callee, dest } = yield* this.callee(ctx, a.to);
        return { op: 'call', callee, dest, request: a.request, timeout: a.timeout, catch: a.catch };
      }
      case 'exit':
        return { op: 'exit', target: yield* this.pid(ctx, a.target), reason: a.reason };
      case 'link':
      case 'unlink':
      case 'monitor':
        return { op: a.op, to: yield* this.pid(ctx, a.to) };
      case 'demonitor':
        return { op: 'demonitor', to: yield* this.pid(ctx, a.to), flush: a.flush };
      case 'trap_exit':
      case 'sleep':
        return a;
    }
  }

  /** A supervisor call; its line comes after the step's other events (at once with wait_ms). */
  private *supCall(ctx: Ctx, op: string, sup: string, req: Term): Eff<Term> {
    const pid = yield* this.alive(ctx, sup);
    let r: Term = NOPROC;
    if (pid !== undefined) {
      try {
        r = yield* call(ctx, pid, req, 'infinity');
      } catch (e) {
        // The oracle catches the exit of a call to a supervisor that dies meanwhile.
        if (!(e instanceof ProcessExit)) throw e;
      }
    }
    this.d.result(this.resultLine(op, sup, r));
    return r;
  }

  private resultLine(op: string, sup: string, r: Term): string {
    const { log } = this.d;
    if (r === NOPROC) return `result ${op} ${sup} ${log.fmt(r)}`;
    if (op === 'which_children') {
      const entries = (r as readonly (readonly Term[])[]).map(
        ([id, child, type]) => `${log.fmt(id)}:${log.fmt(child)}:${log.fmt(type)}`,
      );
      return ['children', sup, ...entries].join(' ');
    }
    if (op === 'count_children') {
      const counts = (r as readonly (readonly Term[])[]).map(
        ([k, v]) => `${String(k)}=${String(v)}`,
      );
      return ['counts', sup, ...counts].join(' ');
    }
    return `result ${op} ${sup} ${log.fmt(r)}`;
  }
}
