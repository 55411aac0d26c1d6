import { expect } from 'vitest';
import { VirtualClock } from '../clock';
import type { Body, SpawnOptions } from '../ctx';
import { call } from '../genServer';
import { Node } from '../node';
import type { Flavour } from '../supervisor/childSpec';
import { startSupervisor } from '../supervisor/supervisor';
import type { TreeStarts } from '../supervisor/treeSpec';
import { childSpecOf, supArgsOf } from '../supervisor/treeSpec';
import type { Pid, Reason, Term } from '../term';
import { formatTerm } from '../term';
import type { TraceEvent, TraceEventType } from '../traceEvent';
import { eventLine, renderTree } from './view';
import type { Job } from './jobs';
import { Jobs } from './jobs';
import { Paths } from './paths';
import type { InitMode, TestChild, TestSup, TestWorkerArgs } from './tree';
import { testStarts } from './tree';

export type { InitMode, TestChild, TestSup, TestWorker, WorkerOpts } from './tree';
export { sup, worker } from './tree';

/** The events `expectEvents` compares by default: the lifecycle. */
const LIFECYCLE: TraceEventType[] = ['init', 'exit', 'supervisor_report', 'supervisor_gave_up'];
const MAX_TURNS = 1_000_000;

export interface SystemOptions {
  seed?: number;
  shuffle?: boolean;
  reductionsPerTurn?: number;
  /** Whose default intensity/period the trees use (default erlang: 1 in 5 s). */
  flavour?: Flavour;
}

/**
 * A fluent driver for runtime tests: a Node on a VirtualClock, trees built
 * from a compact spec, every process named by its path (`root/sub/a`,
 * `root/pool/#2`). Commands are jobs of a `driver` process (the root's
 * parent, trapping exits); run them with runUntilIdle / settle / advance.
 */
export function system(opts: SystemOptions = {}): System {
  return new System(opts);
}

export class System {
  readonly clock = new VirtualClock();
  readonly node: Node;
  /** Every TraceEvent since the last {@link clearEvents}. */
  events: TraceEvent[] = [];
  readonly driver: Pid;
  /** What the last {@link start} returned. */
  startResult: Term = undefined;
  /** Who is who, by path. */
  readonly paths = new Paths();
  private readonly reasons = new Map<Pid, Reason>();
  private readonly dynCounters = new Map<string, number>();
  private readonly jobs: Jobs;
  private readonly trees: TreeStarts<TestWorkerArgs>;

  constructor(opts: SystemOptions) {
    const { seed = 1, shuffle = false, reductionsPerTurn = 2000, flavour = 'erlang' } = opts;
    this.trees = testStarts(this.paths, flavour);
    this.node = new Node({ clock: this.clock, seed, shuffle, reductionsPerTurn });
    this.node.observe((ev) => {
      this.events.push(ev);
      if (ev.type === 'exit') this.reasons.set(ev.pid, ev.reason);
    });
    this.jobs = new Jobs(this.node);
    this.driver = this.jobs.pid;
    this.name(this.driver, 'driver');
  }

  // ---- names ----
  name = (pid: Pid, path: string): void => this.paths.name(pid, path);
  /** The newest process that had `path`. */
  pid = (path: string): Pid => this.paths.pid(path);
  pathOf = (pid: Pid): string => this.paths.pathOf(pid);
  /** How many times a worker's init returned ok (or a supervisor's init ran) at `path`. */
  startCount = (path: string): number => this.paths.startCount(path);
  isAlive(path: string): boolean {
    const p = this.paths.find(path);
    return p !== undefined && this.node.isAlive(p);
  }
  /** The reason the newest process at `path` exited with; undefined while it lives. */
  exitReason(path: string): Reason | undefined {
    return this.reasons.get(this.pid(path));
  }
  /** A term as `~0p` prints it, pids as `<path>`. */
  fmt(t: Term): string {
    return formatTerm(t, { pid: (p) => `<${this.pathOf(p)}>` });
  }

  // ---- building ----
  /** Starts a tree under the driver and settles; the result is in {@link startResult}. */
  start(tree: TestSup): this {
    const args = supArgsOf(tree, tree.id, this.trees);
    this.startResult = this.run((ctx) => startSupervisor(ctx, args));
    return this;
  }
  /** Spawns a bare process from outside, named `path`. */
  spawn(path: string, body: Body, opts?: SpawnOptions): this {
    this.name(this.node.spawn(body, opts), path);
    return this;
  }
  /** What the worker at `path` does in its next inits, one mode per start; the last one sticks. */
  setInit(path: string, ...modes: InitMode[]): this {
    this.paths.setInit(path, modes);
    return this;
  }

  // ---- commands: queued as driver jobs ----
  /** A worker stops with `{stop, Reason, State}`; a supervisor with `sys:terminate/2`. */
  crash(path: string, reason: Reason): this {
    const pid = this.pid(path);
    const isSup = this.node.processInfo(pid)?.behaviour === 'supervisor';
    return this.enqueue((ctx) =>
      ctx.send(pid, isSup ? ['$sys_terminate', reason] : ['$gen_cast', ['crash', reason]]),
    );
  }
  kill(path: string): this {
    return this.exit(path, 'kill');
  }
  /** `exit(Pid, Reason)` from the driver. */
  exit(path: string, reason: Reason): this {
    const pid = this.pid(path);
    return this.enqueue((ctx) => ctx.exitSignal(pid, reason));
  }
  send(path: string, msg: Term): this {
    const pid = this.pid(path);
    return this.enqueue((ctx) => ctx.send(pid, msg));
  }
  /** The worker at `from` calls `link(To)`. */
  link(from: string, to: string): this {
    return this.castTo(from, ['link', this.pid(to)]);
  }
  /** The worker at `from` calls `monitor(process, To)`. */
  monitor(from: string, to: string): this {
    return this.castTo(from, ['monitor', this.pid(to)]);
  }
  private castTo(path: string, msg: Term): this {
    const pid = this.pid(path);
    return this.enqueue((ctx) => ctx.send(pid, ['$gen_cast', msg]));
  }

  // ---- running ----
  /** Runs until no process is runnable, without moving time. */
  runUntilIdle(): this {
    return this.drive({});
  }
  /** Runs, moving virtual time to each next timer, until nothing is left to do. */
  settle(): this {
    return this.drive({ advanceTime: true });
  }
  /** Runs for `ms` of virtual time. */
  advance(ms: number): this {
    return this.drive({ advanceTime: true, until: this.clock.now() + ms });
  }
  /** Runs `work` in the driver process, settles (or only runs until idle), returns its value; throws if the job exited. */
  run(work: Job, { advanceTime = true } = {}): Term {
    const id = this.jobs.enqueue(work);
    this.drive({ advanceTime });
    const r = this.jobs.take(id);
    if (r === undefined) throw new Error(`driver job ${id} did not finish`);
    if (!r.ok) throw new Error(`driver job exited: ${this.fmt(r.error)}`);
    return r.value;
  }

  // ---- the supervisor API: settles and returns OTP's term ----
  /** A child spec for a static supervisor; none for simple_one_for_one (the child is `SUP/#N`, args `[N]`). */
  startChild(supPath: string, child?: TestChild): Term {
    if (child !== undefined)
      return this.supCall(supPath, [
        'start_child',
        childSpecOf(child, supPath, this.trees) as unknown as Term,
      ]);
    const n = (this.dynCounters.get(supPath) ?? 0) + 1;
    this.dynCounters.set(supPath, n);
    return this.supCall(supPath, ['start_child', [n]]);
  }
  /** `#N` names a dynamic child (its pid is passed). */
  terminateChild(supPath: string, id: string): Term {
    return this.supCall(supPath, [
      'terminate_child',
      id.startsWith('#') ? this.pid(`${supPath}/${id}`) : id,
    ]);
  }
  restartChild = (supPath: string, id: string): Term =>
    this.supCall(supPath, ['restart_child', id]);
  deleteChild = (supPath: string, id: string): Term => this.supCall(supPath, ['delete_child', id]);
  whichChildren = (supPath: string): Term => this.supCall(supPath, ['which_children']);
  countChildren = (supPath: string): Term => this.supCall(supPath, ['count_children']);
  /** `gen_server:call(Sup, Req, infinity)` from the driver. */
  supCall(supPath: string, req: Term): Term {
    const pid = this.pid(supPath);
    return this.run((ctx) => call(ctx, pid, req, 'infinity'));
  }

  // ---- assertions ----
  expectAlive(...paths: string[]): this {
    expect(
      paths.filter((p) => !this.isAlive(p)),
      'expected alive, but dead',
    ).toEqual([]);
    return this;
  }
  expectDead(...paths: string[]): this {
    expect(
      paths.filter((p) => this.isAlive(p)),
      'expected dead, but alive',
    ).toEqual([]);
    return this;
  }
  /** The live tree under `path` as `root{a b:undefined sub{x} pool{#1 #2}}` ('' if dead); see renderTree. */
  tree(path = 'root'): string {
    const pid = this.paths.find(path);
    return pid === undefined ? '' : renderTree(this.node, pid, (p) => this.pathOf(p));
  }
  expectTree(expected: string, root = 'root'): this {
    expect(this.tree(root)).toBe(expected);
    return this;
  }
  /** Events since the last {@link clearEvents}, of the given types, as lines (`exit root/a boom`). */
  lines(types: readonly TraceEventType[] = LIFECYCLE): string[] {
    return this.events.filter((e) => types.includes(e.type)).map((e) => this.line(e));
  }
  line(e: TraceEvent): string {
    return eventLine(
      e,
      (p) => this.pathOf(p),
      (t) => this.fmt(t),
    );
  }
  expectEvents(expected: string[], types: readonly TraceEventType[] = LIFECYCLE): this {
    expect(this.lines(types)).toEqual(expected);
    return this;
  }
  clearEvents(): this {
    this.events = [];
    return this;
  }

  // ---- internals ----
  /** Queues `work` for the driver process without running anything. */
  enqueue(work: Job): this {
    this.jobs.enqueue(work);
    return this;
  }
  private drive(opts: { advanceTime?: boolean; until?: number }): this {
    const turns = this.node.runUntilIdle({ ...opts, maxTurns: MAX_TURNS });
    if (turns >= MAX_TURNS) throw new Error(`did not settle after ${MAX_TURNS} turns`);
    return this;
  }
}
