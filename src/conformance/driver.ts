import { VirtualClock } from '../runtime/clock';
import type { Ctx } from '../runtime/ctx';
import type { Eff, MaybeEff } from '../runtime/effects';
import { runEff } from '../runtime/effects';
import { InputError, ProcessExit } from '../runtime/errors';
import { call, cast, startLink } from '../runtime/genServer';
import { Node } from '../runtime/node';
import type { ChildSpec, StartFn } from '../runtime/supervisor/childSpec';
import { childSpec, supFlags } from '../runtime/supervisor/childSpec';
import type { SupArgs } from '../runtime/supervisor/supervisor';
import { startSupervisor } from '../runtime/supervisor/supervisor';
import { Pid } from '../runtime/term';
import type { Term } from '../runtime/term';
import { isTuple } from '../runtime/term';
import type { Action, ChildNode, Dest, InitMode, Scenario, Step, SupNode } from './scenario';
import { scenarioWorker } from './scenarioWorker';
import { TraceLog } from './traceLog';
import type { ResolvedAction, SendTo } from './workerActions';
import { ActionList } from './workerActions';

/** A scenario that never settles (say, two rules answering each other forever) is stopped here. */
export const MAX_TURNS = 2_000_000;

/**
 * Runs a scenario on a fresh node in virtual time and returns the trace
 * lines, as the oracle driver (`tools/oracle/oracle.escript`) prints them.
 * Throws an InputError if the scenario never settles.
 */
export function runScenario(s: Scenario): string[] {
  return new Driver(s).run();
}

/** `{error, noproc}`: what the oracle prints for a supervisor call to a dead supervisor. */
const NOPROC: Term = ['error', 'noproc'];

class Driver {
  private readonly clock = new VirtualClock();
  private readonly node = new Node({ clock: this.clock });
  private readonly log = new TraceLog();
  private readonly initModes = new Map<string, InitMode>();
  /** Next `#N` for each simple_one_for_one path; never starts over. */
  private readonly dynCounters = new Map<string, number>();
  private readonly worker = scenarioWorker(this.log, this.initModes);
  private readonly jobs = new Map<number, (ctx: Ctx) => MaybeEff<Term>>();
  private readonly results = new Map<number, Term>();
  private nextJob = 0;
  private nextFake = 0;
  private turns = 0;
  private readonly driver: Pid;
  /** Lines printed once the step has settled (`result`, `children`, `counts`). */
  private deferred: string[] = [];
  /** In a `wait_ms` step, those lines are printed as soon as the call returns. */
  private waiting = false;

  constructor(private readonly scenario: Scenario) {
    this.node.observe((ev) => {
      if (ev.type === 'exit') this.log.exited(ev.pid, ev.reason);
    });
    this.driver = this.node.spawn(
      (ctx) => {
        ctx.trapExit(true);
        this.serve(ctx);
      },
      { behaviour: 'driver' },
    );
    this.log.name(this.driver, 'driver');
  }

  run(): string[] {
    const { tree, steps } = this.scenario;
    const started = this.job((ctx) => startSupervisor(ctx, this.supArgs(tree.id, tree)));
    this.settle();
    this.log.line(`result start_link ${tree.id} ${this.log.fmt(this.results.get(started))}`);
    steps.forEach((step, i) => {
      this.log.line(`step ${i}`);
      this.waiting = step.waitMs !== undefined;
      const job = this.step(step);
      if (step.waitMs === undefined) this.settle();
      else {
        // wait_ms: the driver's action returns (a call blocks it), then N ms pass.
        if (job !== undefined) this.runUntil(undefined, () => !this.jobs.has(job));
        this.runUntil(this.clock.now() + step.waitMs);
      }
      for (const line of this.deferred) this.log.line(line);
      this.deferred = [];
    });
    this.log.line('step end');
    this.waiting = false;
    const root = this.log.pidAt(tree.id);
    if (root !== undefined && this.node.isAlive(root)) {
      this.job((ctx) => ctx.exitSignal(root, 'shutdown'));
      this.settle();
    }
    return this.log.lines;
  }

  /** The driver process: runs each job it is sent, one at a time. */
  private serve(ctx: Ctx): void {
    ctx.receive(
      (msg) => {
        const id = (msg as readonly Term[])[1] as number;
        const job = this.jobs.get(id);
        if (job === undefined) return;
        runEff(ctx, job(ctx), (r) => {
          this.jobs.delete(id);
          this.results.set(id, r);
          this.serve(ctx);
        });
      },
      { match: (m) => isTuple(m) && m[0] === '$do' },
    );
  }

  /** Queues `work` for the driver process; returns the job's id (done once it left `jobs`). */
  private job(work: (ctx: Ctx) => MaybeEff<Term> | void): number {
    const id = ++this.nextJob;
    this.jobs.set(id, work as (ctx: Ctx) => MaybeEff<Term>);
    this.node.send(undefined, this.driver, ['$do', id]);
    return id;
  }

  /** Runs until nothing more happens: no process can run and no timer is left. */
  private settle(): void {
    this.runUntil(undefined);
  }

  /**
   * Runs processes, moving virtual time to each next timer, until nothing can
   * run (and no timer is due by `until`, when given), or `done` holds.
   */
  private runUntil(until: number | undefined, done?: () => boolean): void {
    const node = this.node;
    for (;;) {
      node.fireDueTimers();
      while (done?.() !== true && node.step())
        if (++this.turns > MAX_TURNS)
          throw new InputError(
            `the scenario does not settle (more than ${MAX_TURNS.toLocaleString('en')} process turns)`,
          );
      if (done?.() === true) return;
      const next = node.nextTimerAt();
      if (next === undefined || (until !== undefined && next > until)) {
        if (until !== undefined) this.clock.advanceTo(until);
        return;
      }
      this.clock.advanceTo(next);
    }
  }

  /** The newest process that had the path, or a dead pid standing for one that never ran. */
  private pid(path: string): Pid {
    const p = this.log.pidAt(path);
    if (p !== undefined) return p;
    const fake = new Pid(this.node.id, -++this.nextFake);
    this.log.name(fake, path);
    return fake;
  }

  private alive(path: string): Pid | undefined {
    const p = this.log.pidAt(path);
    return p !== undefined && this.node.isAlive(p) ? p : undefined;
  }

  /** Starts the step's action; returns the driver's job, if it queued one. */
  private step(step: Step): number | undefined {
    switch (step.op) {
      case 'crash': {
        const pid = this.alive(step.target);
        if (pid === undefined) return;
        const isSup = this.node.processInfo(pid)?.behaviour === 'supervisor';
        // A worker: {stop, Reason, State}; a supervisor: sys:terminate(Sup, Reason).
        const msg: Term = isSup
          ? ['$sys_terminate', step.reason]
          : ['$gen_cast', ['crash', step.reason]];
        return this.job((ctx) => ctx.send(pid, msg));
      }
      case 'exit': {
        const pid = this.alive(step.target);
        return pid === undefined ? undefined : this.job((ctx) => ctx.exitSignal(pid, step.reason));
      }
      case 'send': {
        const pid = this.alive(step.target);
        return pid === undefined ? undefined : this.job((ctx) => ctx.send(pid, step.msg));
      }
      case 'do': {
        // Paths are resolved now, when the step starts; the worker runs the actions itself.
        const actions = new ActionList(step.actions.map((a) => this.resolve(a)));
        const from = this.alive(step.from);
        if (from === undefined) return;
        return this.job((ctx) => cast(ctx, from, ['actions', actions as unknown as Term]));
      }
      case 'driver_call':
        return this.driverCall(step.to, step.request, step.timeout);
      case 'set_init':
        this.initModes.set(step.target, step.init);
        return;
      case 'sleep':
        this.runUntil(this.clock.now() + step.ms);
        return;
      case 'start_child': {
        let arg: unknown;
        if (step.child === undefined) {
          const n = (this.dynCounters.get(step.sup) ?? 0) + 1;
          this.dynCounters.set(step.sup, n);
          arg = [n];
        } else arg = this.childSpec(step.sup, step.child);
        return this.supCall('start_child', step.sup, ['start_child', arg as Term]);
      }
      case 'terminate_child':
      case 'restart_child':
      case 'delete_child': {
        const key: Term =
          step.id.startsWith('#') && step.op === 'terminate_child'
            ? this.pid(`${step.sup}/${step.id}`)
            : step.id;
        return this.supCall(step.op, step.sup, [step.op, key]);
      }
      case 'which_children':
      case 'count_children':
        return this.supCall(step.op, step.sup, [step.op]);
    }
  }

  /** A call's callee (a pid, or the registered name) and how the `reply` line names it. */
  private callee(to: Dest): { callee: Pid | string; dest: string } {
    if (to.kind === 'name') return { callee: to.name, dest: to.name };
    const path = to.kind === 'path' ? to.path : '';
    return { callee: this.pid(path), dest: path };
  }

  private resolve(a: Action): ResolvedAction {
    switch (a.op) {
      case 'tell': {
        const to: SendTo = a.to.kind === 'path' ? { kind: 'pid', pid: this.pid(a.to.path) } : a.to;
        return { op: 'tell', to, msgs: a.msgs };
      }
      case 'call':
        return {
          op: 'call',
          ...this.callee(a.to),
          request: a.request,
          timeout: a.timeout,
          catch: a.catch,
        };
      case 'exit':
        return { op: 'exit', target: this.pid(a.target), reason: a.reason };
      case 'link':
      case 'unlink':
      case 'monitor':
        return { op: a.op, to: this.pid(a.to) };
      case 'demonitor':
        return { op: 'demonitor', to: this.pid(a.to), flush: a.flush };
      case 'trap_exit':
      case 'sleep':
        return a;
    }
  }

  /** The driver's own `catch gen_server:call(…)`: `reply driver DEST VALUE` as soon as it returns. */
  private driverCall(to: Dest, request: Term, timeout: number | 'infinity'): number {
    const { callee, dest } = this.callee(to);
    const log = this.log;
    return this.job(function* (ctx): Eff<Term> {
      let value: Term;
      try {
        value = yield* call(ctx, callee, request, timeout);
      } catch (e) {
        if (!(e instanceof ProcessExit)) throw e;
        value = ['EXIT', e.reason];
      }
      log.line(`reply driver ${dest} ${log.fmt(value)}`);
      return value;
    });
  }

  /** A supervisor call; its line comes after the step's other events (at once with wait_ms). */
  private supCall(op: string, sup: string, req: Term): number | undefined {
    const pid = this.alive(sup);
    if (pid === undefined) {
      this.result(`result ${op} ${sup} ${this.log.fmt(NOPROC)}`);
      return;
    }
    return this.job((ctx) => this.supCallJob(ctx, op, sup, pid, req));
  }

  private *supCallJob(ctx: Ctx, op: string, sup: string, pid: Pid, req: Term): Eff<Term> {
    let r: Term;
    try {
      r = yield* call(ctx, pid, req, 'infinity');
    } catch (e) {
      // The oracle catches the exit of a call to a supervisor that dies meanwhile.
      if (!(e instanceof ProcessExit)) throw e;
      r = NOPROC;
    }
    this.result(this.resultLine(op, sup, r));
    return r;
  }

  private result(line: string): void {
    if (this.waiting) this.log.line(line);
    else this.deferred.push(line);
  }

  private resultLine(op: string, sup: string, r: Term): string {
    if (r === NOPROC) return `result ${op} ${sup} ${this.log.fmt(r)}`;
    if (op === 'which_children') {
      const entries = (r as readonly (readonly Term[])[]).map(
        ([id, child, type]) =>
          `${this.log.fmt(id as Term)}:${this.log.fmt(child as Term)}:${this.log.fmt(type as Term)}`,
      );
      return ['children', sup, ...entries].join(' ');
    }
    if (op === 'count_children') {
      const counts = (r as readonly (readonly Term[])[]).map(
        ([k, v]) => `${String(k)}=${String(v)}`,
      );
      return ['counts', sup, ...counts].join(' ');
    }
    return `result ${op} ${sup} ${this.log.fmt(r)}`;
  }

  private supArgs(path: string, node: SupNode): SupArgs {
    return {
      name: node.id || path,
      init: (ctx) => {
        this.log.started(ctx.self, path);
        const flags = supFlags('erlang', {
          strategy: node.strategy,
          intensity: node.intensity,
          period: node.period,
          autoShutdown: node.autoShutdown,
        });
        const children =
          node.template !== undefined
            ? [this.childSpec(path, node.template)]
            : node.children.map((c) => this.childSpec(path, c));
        return { flags, children };
      },
    };
  }

  private childSpec(supPath: string, node: ChildNode): ChildSpec {
    return childSpec({
      id: node.id || 'undefined',
      start: this.startFn(supPath, node),
      restart: node.restart,
      shutdown: node.shutdown,
      type: node.kind,
      significant: node.significant,
      modules: node.kind === 'supervisor' ? 'supervisor' : 'scenario_worker',
    });
  }

  private startFn(supPath: string, node: ChildNode): StartFn {
    return (ctx, extra) => {
      const path = extra.length > 0 ? `${supPath}/#${String(extra[0])}` : `${supPath}/${node.id}`;
      if (node.kind === 'supervisor') return startSupervisor(ctx, this.supArgs(path, node));
      const opts = node.name === undefined ? {} : { name: node.name };
      return startLink(ctx, this.worker, { path, node }, opts);
    };
  }
}
