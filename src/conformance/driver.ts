import { invariant } from '../base';
import { VirtualClock } from '../runtime/clock';
import type { Ctx } from '../runtime/ctx';
import type { Eff } from '../runtime/effects';
import { isEff, runEff, sleep } from '../runtime/effects';
import { InputError, ProcessExit } from '../runtime/errors';
import type { GenServerModule, StartResult } from '../runtime/genServer';
import { startLink } from '../runtime/genServer';
import { Node } from '../runtime/node';
import type { ChildSpec } from '../runtime/supervisor/childSpec';
import type { SupArgs, SupState } from '../runtime/supervisor/supervisor';
import { supervisorModule } from '../runtime/supervisor/supervisor';
import type { TreeStarts } from '../runtime/supervisor/treeSpec';
import { childSpecOf, supArgsOf } from '../runtime/supervisor/treeSpec';
import type { Pid, Term } from '../runtime/term';
import { isNormalExit } from '../runtime/term';
import { StepRunner } from './driverSteps';
import { OracleLog } from './oracleLog';
import { SysModule } from './sysModule';
import type { ChildNode, InitMode, Scenario, WorkerExtras } from './scenario';
import { scenarioWorker } from './scenarioWorker';
import { TraceLog } from './traceLog';

/** A scenario that never settles (say, two rules answering each other forever) is stopped here. */
export const MAX_TURNS = 2_000_000;

export interface RunOptions {
  /** Process turns after which a scenario counts as never settling (default {@link MAX_TURNS}). */
  maxTurns?: number;
}

/**
 * Runs a scenario on a fresh node in virtual time and returns the trace
 * lines, as the oracle driver (`tools/oracle/oracle.escript`) prints them.
 * Throws an InputError if the scenario never settles.
 */
export function runScenario(s: Scenario, opts: RunOptions = {}): string[] {
  return new Driver(s, opts.maxTurns ?? MAX_TURNS).run();
}

/** What the host sends the driver process once nothing more happens. */
const SETTLED = '$settled';

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
  /** How the tree starts: oracle_sup and oracle_worker, as the runtime's one tree spec converter takes them. */
  private readonly starts: TreeStarts<WorkerExtras>;
  private readonly steps = new StepRunner(this);
  private turns = 0;
  private readonly driver: Pid;
  private done = false;
  /** The driver waits until nothing more happens (the oracle's settle/0). */
  private settling = false;
  private deferred: string[] = [];
  /** In a `wait_ms` step, result lines are printed as soon as the call returns. */
  private waiting = false;

  constructor(
    private readonly scenario: Scenario,
    private readonly maxTurns: number,
  ) {
    this.driver = this.node.spawn(
      (ctx) => {
        ctx.trapExit(true);
        runEff(ctx, this.script(ctx), () => {
          this.done = true;
        });
      },
      { behaviour: 'driver' },
    );
    this.log.name(this.driver, 'driver');
    this.oracle = new OracleLog(this.node);
    this.log.onLine = () => this.oracle.poke();
    this.sys = new SysModule(this.node, this.oracle);
    this.supervisor = conformanceSupervisor(this.sys);
    this.starts = this.treeStarts();
    this.node.observe((ev) => {
      // The oracle's log monitors each process that printed `start`: its DOWN prints `exit`.
      if (ev.type === 'exit') this.log.exited(ev.pid, ev.reason);
    });
  }

  /** Runs the node until the driver process has played the whole scenario. */
  run(): string[] {
    const node = this.node;
    for (;;) {
      node.fireDueTimers();
      while (node.step())
        if (++this.turns > this.maxTurns)
          throw new InputError(
            `the scenario does not settle (more than ${this.maxTurns.toLocaleString('en')} process turns)`,
          );
      if (this.done) return this.log.lines;
      const next = node.nextTimerAt();
      if (next !== undefined) this.clock.advanceTo(next);
      else if (this.settling) {
        // Nothing can run and no timer is left: quiet, as the oracle's settle/0 sees it.
        this.settling = false;
        node.send(undefined, this.driver, SETTLED);
      } else
        throw new InputError(
          'the scenario does not settle (the driver waits for an answer that cannot come: a deadlock)',
        );
    }
  }

  /**
   * The oracle's driver (`main/1` of oracle.escript), as the driver process:
   * start the tree, then each step followed by settle/0 (or `wait_ms`: a
   * sleep, none at all for 0), then stop the root and wait for the end.
   */
  private *script(ctx: Ctx): Eff<void> {
    const { tree, steps } = this.scenario;
    const started = yield* this.startSupervisor(ctx, supArgsOf(tree, tree.id, this.starts));
    yield* this.settle();
    // From this settled start on, the node keeps what is_process_alive/1 needs (pending signals).
    this.node.isAliveWhenScheduled(ctx.self, () => undefined);
    this.log.line(`result start_link ${tree.id} ${this.log.fmt(started as unknown as Term)}`);
    for (const [i, step] of steps.entries()) {
      this.log.line(`step ${i}`);
      this.waiting = step.waitMs !== undefined;
      yield* this.steps.run(ctx, step);
      if (step.waitMs === undefined) yield* this.settle();
      else if (step.waitMs > 0) yield* sleep(step.waitMs);
      for (const line of this.deferred) this.log.line(line);
      this.deferred = [];
    }
    this.log.line('step end');
    this.waiting = false;
    yield* this.steps.stopRoot(ctx, tree.id);
    yield* this.settle();
  }

  private *settle(): Eff<void> {
    this.settling = true;
    yield { match: (m) => m === SETTLED };
  }

  result(line: string): void {
    if (this.waiting) this.log.line(line);
    else this.deferred.push(line);
  }

  private startSupervisor(ctx: Ctx, args: SupArgs): Eff<StartResult> {
    return startLink(ctx, this.supervisor, args, { behaviour: 'supervisor' });
  }

  childSpec(supPath: string, node: ChildNode): ChildSpec {
    return childSpecOf(node, supPath, this.starts);
  }

  /**
   * oracle_sup:init/1 announces its start to the log (a round trip) before its
   * children start; a worker is oracle_worker, registered under its `name`.
   */
  private treeStarts(): TreeStarts<WorkerExtras> {
    const { log, oracle } = this;
    const worker = scenarioWorker(log, oracle, this.sys, this.initModes);
    return {
      flavour: 'erlang',
      supervisor: this.supervisor,
      onSupervisorInit(ctx, path) {
        log.started(ctx.self, path);
        return oracle.call(ctx);
      },
      startWorker(spec, path, ctx) {
        invariant(spec.args !== undefined, `BUG: worker ${path} has no extras`);
        const args = { path, trapExit: spec.trapExit ?? false, extras: spec.args };
        return startLink(ctx, worker, args, spec.name === undefined ? {} : { name: spec.name });
      },
    };
  }
}

/** OTP's supervisor, whose gen_server error_info (an abnormal stop) uses `sys`, as workers' does. */
function conformanceSupervisor(sys: SysModule): GenServerModule<SupState, SupArgs> {
  return {
    ...supervisorModule,
    *terminate(reason, state, ctx): Eff<void> {
      try {
        const work = supervisorModule.terminate?.(reason, state, ctx);
        if (isEff(work)) yield* work;
      } catch (e) {
        // terminate/2 itself failed: gen_server reports that (error_info) with the new reason.
        if (e instanceof ProcessExit) yield* sys.use(ctx);
        throw e;
      }
      if (!isNormalExit(reason)) yield* sys.use(ctx);
    },
  };
}
