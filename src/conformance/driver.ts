import { VirtualClock } from '../runtime/clock';
import type { Ctx } from '../runtime/ctx';
import type { Eff } from '../runtime/effects';
import { isEff, runEff } from '../runtime/effects';
import { InputError } from '../runtime/errors';
import type { GenServerModule, StartResult } from '../runtime/genServer';
import { startLink } from '../runtime/genServer';
import { Node } from '../runtime/node';
import type { ChildSpec, StartFn } from '../runtime/supervisor/childSpec';
import { childSpec, supFlags } from '../runtime/supervisor/childSpec';
import type { SupArgs, SupInit, SupState } from '../runtime/supervisor/supervisor';
import { supervisorModule } from '../runtime/supervisor/supervisor';
import type { Pid, Term } from '../runtime/term';
import { isNormalExit, isTuple } from '../runtime/term';
import { StepRunner } from './driverSteps';
import { OracleLog } from './oracleLog';
import { SysModule } from './sysModule';
import type { ChildNode, InitMode, Scenario, SupNode } from './scenario';
import { scenarioWorker } from './scenarioWorker';
import { TraceLog } from './traceLog';

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

/** A job the driver process runs: a step's work, as the oracle's driver does it. */
export type Job = (ctx: Ctx) => Eff<Term>;

/** What the steps need from the driver: the node, the trace, and the scenario's children. */
export interface DriverCore {
  readonly node: Node;
  readonly log: TraceLog;
  readonly oracle: OracleLog;
  readonly sys: SysModule;
  readonly initModes: Map<string, InitMode>;
  /** Next `#N` for each simple_one_for_one path; never starts over. */
  readonly dynCounters: Map<string, number>;
  childSpec(supPath: string, node: ChildNode): ChildSpec;
  /** A `result`/`children`/`counts` line: after the step's other events, or at once in a wait_ms step. */
  result(line: string): void;
}

class Driver implements DriverCore {
  private readonly clock = new VirtualClock();
  readonly node = new Node({ clock: this.clock });
  readonly log = new TraceLog();
  readonly oracle: OracleLog;
  readonly sys: SysModule;
  private readonly supervisor: GenServerModule<SupState, SupArgs>;
  readonly initModes = new Map<string, InitMode>();
  readonly dynCounters = new Map<string, number>();
  private readonly worker;
  private readonly jobs = new Map<number, Job>();
  private readonly results = new Map<number, Term>();
  private readonly steps = new StepRunner(this);
  private nextJob = 0;
  private turns = 0;
  private readonly driver: Pid;
  private deferred: string[] = [];
  /** In a `wait_ms` step, result lines are printed as soon as the call returns. */
  private waiting = false;

  constructor(private readonly scenario: Scenario) {
    this.driver = this.node.spawn(
      (ctx) => {
        ctx.trapExit(true);
        this.serve(ctx);
      },
      { behaviour: 'driver' },
    );
    this.log.name(this.driver, 'driver');
    this.oracle = new OracleLog(this.node);
    this.log.onLine = () => this.oracle.poke();
    this.sys = new SysModule(this.node, this.oracle);
    this.worker = scenarioWorker(this.log, this.oracle, this.sys, this.initModes);
    this.supervisor = conformanceSupervisor(this.sys);
    this.node.observe((ev) => {
      // The oracle's log monitors each process that printed `start`: its DOWN prints `exit`.
      if (ev.type === 'exit') this.log.exited(ev.pid, ev.reason);
    });
  }

  run(): string[] {
    const { tree, steps } = this.scenario;
    const started = this.job((ctx) => this.startSupervisor(ctx, this.supArgs(tree.id, tree)));
    this.settle();
    this.log.line(`result start_link ${tree.id} ${this.log.fmt(this.results.get(started))}`);
    steps.forEach((step, i) => {
      this.log.line(`step ${i}`);
      this.waiting = step.waitMs !== undefined;
      const job = this.job((ctx) => this.steps.run(ctx, step));
      if (step.waitMs === undefined) this.settle();
      else {
        // wait_ms: the driver's action returns (a call blocks it), then N ms pass. With 0 the
        // oracle's driver goes straight on (timer:sleep(0) does not yield): nothing else runs.
        this.runUntil(undefined, () => !this.jobs.has(job));
        if (step.waitMs > 0) this.runUntil(this.clock.now() + step.waitMs);
      }
      for (const line of this.deferred) this.log.line(line);
      this.deferred = [];
    });
    this.log.line('step end');
    this.waiting = false;
    this.job((ctx) => this.steps.stopRoot(ctx, tree.id));
    this.settle();
    return this.log.lines;
  }

  result(line: string): void {
    if (this.waiting) this.log.line(line);
    else this.deferred.push(line);
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
  private job(work: Job): number {
    const id = ++this.nextJob;
    this.jobs.set(id, work);
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

  private startSupervisor(ctx: Ctx, args: SupArgs): Eff<StartResult> {
    return startLink(ctx, this.supervisor, args, { behaviour: 'supervisor' });
  }

  private supArgs(path: string, node: SupNode): SupArgs {
    const { log, oracle } = this;
    const children = (): readonly ChildSpec[] =>
      node.template !== undefined
        ? [this.childSpec(path, node.template)]
        : node.children.map((c) => this.childSpec(path, c));
    return {
      name: node.id || path,
      // oracle_sup:init/1: announces its start to the log (a round trip) before its children start.
      *init(ctx): Eff<SupInit> {
        log.started(ctx.self, path);
        yield* oracle.call(ctx);
        const flags = supFlags('erlang', {
          strategy: node.strategy,
          intensity: node.intensity,
          period: node.period,
          autoShutdown: node.autoShutdown,
        });
        return { flags, children: children() };
      },
    };
  }

  childSpec(supPath: string, node: ChildNode): ChildSpec {
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
      if (node.kind === 'supervisor') return this.startSupervisor(ctx, this.supArgs(path, node));
      const opts = node.name === undefined ? {} : { name: node.name };
      return startLink(ctx, this.worker, { path, node }, opts);
    };
  }
}

/** OTP's supervisor, whose gen_server error_info (an abnormal stop) uses `sys`, as workers' does. */
function conformanceSupervisor(sys: SysModule): GenServerModule<SupState, SupArgs> {
  return {
    ...supervisorModule,
    *terminate(reason, state, ctx): Eff<void> {
      const work = supervisorModule.terminate?.(reason, state, ctx);
      if (isEff(work)) yield* work;
      if (!isNormalExit(reason)) yield* sys.use(ctx);
    },
  };
}
