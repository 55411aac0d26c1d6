import { VirtualClock } from '../runtime/clock';
import type { Ctx } from '../runtime/ctx';
import type { Eff, MaybeEff } from '../runtime/effects';
import { runEff } from '../runtime/effects';
import { call, cast, startLink } from '../runtime/genServer';
import { Node } from '../runtime/node';
import type { ChildSpec, StartFn } from '../runtime/supervisor/childSpec';
import { childSpec, supFlags } from '../runtime/supervisor/childSpec';
import type { SupArgs } from '../runtime/supervisor/supervisor';
import { startSupervisor } from '../runtime/supervisor/supervisor';
import { Pid } from '../runtime/term';
import type { Term } from '../runtime/term';
import { isTuple } from '../runtime/term';
import type { ChildNode, InitMode, Scenario, Step, SupNode } from './scenario';
import { scenarioWorker } from './scenarioWorker';
import { TraceLog } from './traceLog';

/** A scenario that never settles is a bug or a runaway: stop rather than hang. */
const MAX_TURNS = 2_000_000;

/**
 * Runs a scenario on a fresh node in virtual time and returns the trace
 * lines, as the oracle driver in `shared/conformance` prints them.
 */
export function runScenario(s: Scenario): string[] {
  return new Driver(s).run();
}

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
  private readonly driver: Pid;

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
    this.log.line(`result start_link ${tree.id} ${this.log.fmt(started)}`);
    steps.forEach((step, i) => {
      this.log.line(`step ${i}`);
      this.step(step);
    });
    this.log.line('step end');
    const root = this.log.pidAt(tree.id);
    if (root !== undefined && this.node.isAlive(root))
      this.job((ctx) => ctx.exitSignal(root, 'shutdown'));
    return this.log.lines;
  }

  /** The driver process: runs each job it is sent, one at a time. */
  private serve(ctx: Ctx): void {
    ctx.receive(
      (msg) => {
        const id = (msg as readonly Term[])[1] as number;
        const job = this.jobs.get(id);
        this.jobs.delete(id);
        if (job === undefined) return;
        runEff(ctx, job(ctx), (r) => {
          this.results.set(id, r);
          this.serve(ctx);
        });
      },
      { match: (m) => isTuple(m) && m[0] === '$do' },
    );
  }

  /** Runs `work` in the driver process and waits until nothing more happens. */
  private job(work: (ctx: Ctx) => MaybeEff<Term> | void): Term {
    const id = ++this.nextJob;
    this.jobs.set(id, work as (ctx: Ctx) => MaybeEff<Term>);
    this.node.send(undefined, this.driver, ['$do', id]);
    this.settle();
    const r = this.results.get(id);
    this.results.delete(id);
    return r;
  }

  private settle(until?: number): void {
    const turns = this.node.runUntilIdle({
      advanceTime: true,
      maxTurns: MAX_TURNS,
      ...(until === undefined ? {} : { until }),
    });
    if (turns >= MAX_TURNS)
      throw new Error(`scenario did not settle after ${MAX_TURNS} process turns`);
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

  private step(step: Step): void {
    switch (step.op) {
      case 'crash': {
        const pid = this.alive(step.target);
        if (pid === undefined) return;
        const isSup = this.node.processInfo(pid)?.behaviour === 'supervisor';
        // A worker: {stop, Reason, State}; a supervisor: sys:terminate(Sup, Reason).
        const msg: Term = isSup
          ? ['$sys_terminate', step.reason]
          : ['$gen_cast', ['crash', step.reason]];
        this.job((ctx) => ctx.send(pid, msg));
        return;
      }
      case 'exit': {
        const pid = this.alive(step.target);
        if (pid !== undefined) this.job((ctx) => ctx.exitSignal(pid, step.reason));
        return;
      }
      case 'send': {
        const pid = this.alive(step.target);
        if (pid !== undefined) this.job((ctx) => ctx.send(pid, step.msg));
        return;
      }
      case 'link':
      case 'monitor': {
        const from = this.alive(step.from);
        const to = this.pid(step.to);
        if (from !== undefined) this.job((ctx) => cast(ctx, from, [step.op, to]));
        return;
      }
      case 'set_init':
        this.initModes.set(step.target, step.init);
        return;
      case 'sleep':
        this.settle(this.clock.now() + step.ms);
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

  private supCall(op: string, sup: string, req: Term): void {
    const pid = this.alive(sup);
    if (pid === undefined) {
      // The oracle's call would exit with noproc; we print that rather than crash the driver.
      this.log.line(`result ${op} ${sup} {error,noproc}`);
      return;
    }
    const r = this.job((ctx): Eff<Term> => call(ctx, pid, req, 'infinity'));
    if (op === 'which_children') {
      const entries = (r as readonly (readonly Term[])[]).map(
        ([id, child, type]) =>
          `${this.log.fmt(id as Term)}:${this.log.fmt(child as Term)}:${this.log.fmt(type as Term)}`,
      );
      this.log.line(['children', sup, ...entries].join(' '));
    } else if (op === 'count_children') {
      const counts = (r as readonly (readonly Term[])[]).map(
        ([k, v]) => `${String(k)}=${String(v)}`,
      );
      this.log.line(['counts', sup, ...counts].join(' '));
    } else {
      this.log.line(`result ${op} ${sup} ${this.log.fmt(r)}`);
    }
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
      return startLink(ctx, this.worker, { path, node });
    };
  }
}
