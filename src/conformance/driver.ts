import { VirtualClock } from '../runtime/clock';
import type { Ctx } from '../runtime/ctx';
import type { Eff } from '../runtime/effects';
import { isEff, runEff, sleep } from '../runtime/effects';
import { InputError } from '../runtime/errors';
import type { GenServerModule, StartResult } from '../runtime/genServer';
import { startLink } from '../runtime/genServer';
import { Node } from '../runtime/node';
import type { ChildSpec, StartFn } from '../runtime/supervisor/childSpec';
import { childSpec, supFlags } from '../runtime/supervisor/childSpec';
import type { SupArgs, SupInit, SupState } from '../runtime/supervisor/supervisor';
import { supervisorModule } from '../runtime/supervisor/supervisor';
import type { Pid, Term } from '../runtime/term';
import { isNormalExit } from '../runtime/term';
import { StepRunner } from './driverSteps';
import { OracleLog } from './oracleLog';
import { SysModule } from './sysModule';
import type { ChildNode, InitMode, Scenario, SupNode } from './scenario';
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
  private readonly worker;
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
    this.worker = scenarioWorker(this.log, this.oracle, this.sys, this.initModes);
    this.supervisor = conformanceSupervisor(this.sys);
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
    const started = yield* this.startSupervisor(ctx, this.supArgs(tree.id, tree));
    yield* this.settle();
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
