import { expect } from 'vitest';
import { VirtualClock } from '../clock';
import type { Body, Ctx, SpawnOptions } from '../ctx';
import type { MaybeEff } from '../effects';
import { reasonOf, runEff } from '../effects';
import { call } from '../genServer';
import { Node } from '../node';
import { startSupervisor } from '../supervisor/supervisor';
import type { Pid, Reason, Term } from '../term';
import { formatTerm, isPid, isTuple } from '../term';
import type { TraceEvent, TraceEventType } from '../traceEvent';
import { eventLine } from './eventLine';
import type { InitMode, SupNode, TreeNode } from './tree';
import { TreeBuilder } from './tree';

export type { InitMode, SupNode, TreeNode, WorkerNode } from './tree';
export { sup, worker } from './tree';

/** The events `expectEvents` compares by default: the lifecycle. */
const LIFECYCLE: TraceEventType[] = ['init', 'exit', 'supervisor_report', 'supervisor_gave_up'];
const MAX_TURNS = 1_000_000;
type Job = (ctx: Ctx) => MaybeEff<Term> | void;
type JobResult = { ok: true; value: Term } | { ok: false; reason: Reason };

export interface SystemOptions {
  seed?: number;
  shuffle?: boolean;
  reductionsPerTurn?: number;
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
  private readonly byPath = new Map<string, Pid>();
  private readonly paths = new Map<Pid, string>();
  private readonly starts = new Map<string, number>();
  private readonly initModes = new Map<string, InitMode>();
  private readonly dynCounters = new Map<string, number>();
  private readonly jobs = new Map<number, Job>();
  private readonly results = new Map<number, JobResult>();
  private nextJob = 0;
  private readonly trees = new TreeBuilder({
    name: (pid, path) => this.name(pid, path),
    started: (path) => this.starts.set(path, this.startCount(path) + 1),
    initMode: (path) => this.initModes.get(path),
  });

  constructor(opts: SystemOptions) {
    const { seed = 1, shuffle = false, reductionsPerTurn = 2000 } = opts;
    this.node = new Node({ clock: this.clock, seed, shuffle, reductionsPerTurn });
    this.node.observe((ev) => this.events.push(ev));
    this.driver = this.node.spawn((ctx) => {
      ctx.trapExit(true);
      this.serve(ctx);
    }, { behaviour: 'driver' });
    this.name(this.driver, 'driver');
  }

  // ---- names ----
  name(pid: Pid, path: string): void {
    this.byPath.set(path, pid);
    this.paths.set(pid, path);
  }
  /** The newest process that had `path`. */
  pid(path: string): Pid {
    const p = this.byPath.get(path);
    if (p === undefined) throw new Error(`unknown path: ${path}`);
    return p;
  }
  pathOf(pid: Pid): string {
    return this.paths.get(pid) ?? String(pid);
  }
  isAlive(path: string): boolean {
    const p = this.byPath.get(path);
    return p !== undefined && this.node.isAlive(p);
  }
  /** How many times a worker's init returned ok (or a supervisor's init ran) at `path`. */
  startCount(path: string): number {
    return this.starts.get(path) ?? 0;
  }
  /** A term as `~0p` prints it, pids as `<path>`. */
  fmt(t: Term): string {
    return formatTerm(t, { pid: (p) => `<${this.pathOf(p)}>` });
  }

  // ---- building ----
  /** Starts a tree under the driver and settles; the result is in {@link startResult}. */
  start(tree: SupNode): this {
    this.startResult = this.run((ctx) => startSupervisor(ctx, this.trees.supArgs(tree.id, tree)));
    return this;
  }
  /** Spawns a bare process from outside, named `path`. */
  spawn(path: string, body: Body, opts?: SpawnOptions): this {
    this.name(this.node.spawn(body, opts), path);
    return this;
  }
  /** What the worker at `path` does in its next init. */
  setInit(path: string, mode: InitMode): this {
    this.initModes.set(path, mode);
    return this;
  }

  // ---- commands: queued as driver jobs ----
  /** A worker stops with `{stop, Reason, State}`; a supervisor with `sys:terminate/2`. */
  crash(path: string, reason: Reason): this {
    const pid = this.pid(path);
    const isSup = this.node.processInfo(pid)?.behaviour === 'supervisor';
    return this.enqueue((ctx) => ctx.send(pid, isSup ? ['$sys_terminate', reason] : ['$gen_cast', ['crash', reason]]));
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
  /** Runs `work` in the driver process, settles, returns its value; throws if the job exited. */
  run(work: Job): Term {
    const id = this.nextJob + 1;
    this.enqueue(work).settle();
    const r = this.results.get(id);
    this.results.delete(id);
    if (r === undefined) throw new Error(`driver job ${id} did not finish`);
    if (!r.ok) throw new Error(`driver job exited: ${this.fmt(r.reason)}`);
    return r.value;
  }

  // ---- the supervisor API: settles and returns OTP's term ----
  /** A child spec for a static supervisor; none for simple_one_for_one (the child is `SUP/#N`, args `[N]`). */
  startChild(supPath: string, child?: TreeNode): Term {
    if (child !== undefined) return this.supCall(supPath, ['start_child', this.trees.childSpec(supPath, child) as unknown as Term]);
    const n = (this.dynCounters.get(supPath) ?? 0) + 1;
    this.dynCounters.set(supPath, n);
    return this.supCall(supPath, ['start_child', [n]]);
  }
  /** `#N` names a dynamic child (its pid is passed). */
  terminateChild(supPath: string, id: string): Term {
    return this.supCall(supPath, ['terminate_child', id.startsWith('#') ? this.pid(`${supPath}/${id}`) : id]);
  }
  restartChild(supPath: string, id: string): Term {
    return this.supCall(supPath, ['restart_child', id]);
  }
  deleteChild(supPath: string, id: string): Term {
    return this.supCall(supPath, ['delete_child', id]);
  }
  whichChildren(supPath: string): Term {
    return this.supCall(supPath, ['which_children']);
  }
  countChildren(supPath: string): Term {
    return this.supCall(supPath, ['count_children']);
  }
  private supCall(supPath: string, req: Term): Term {
    const pid = this.pid(supPath);
    return this.run((ctx) => call(ctx, pid, req, 'infinity'));
  }

  // ---- assertions ----
  expectAlive(...paths: string[]): this {
    expect(paths.filter((p) => !this.isAlive(p)), 'expected alive, but dead').toEqual([]);
    return this;
  }
  expectDead(...paths: string[]): this {
    expect(paths.filter((p) => this.isAlive(p)), 'expected dead, but alive').toEqual([]);
    return this;
  }
  /** The live tree under `path` as `root{a b:undefined sub{x} pool{#1 #2}}`, children in start order ('' if dead). */
  tree(path = 'root'): string {
    if (!this.isAlive(path)) return '';
    const label = path.slice(path.lastIndexOf('/') + 1);
    const state = this.node.processInfo(this.pid(path))?.state as { children?: readonly Term[] } | undefined;
    if (state?.children === undefined) return label;
    const kids = state.children.map((c) => {
      // Static children show as {id, pid, …}; dynamic ones as their pid (or `restarting`).
      const [id, pid] = isPid(c) || typeof c === 'string' ? ['', c] : [String((c as { id: Term }).id), (c as { pid: Term }).pid];
      return isPid(pid) ? this.tree(this.pathOf(pid)) : `${id}:${String(pid)}`;
    });
    return `${label}{${kids.join(' ')}}`;
  }
  expectTree(expected: string, root = 'root'): this {
    expect(this.tree(root)).toBe(expected);
    return this;
  }
  /** Events since the last {@link clearEvents}, of the given types, as lines (`exit root/a boom`). */
  lines(types: readonly TraceEventType[] = LIFECYCLE): string[] {
    return this.events
      .filter((e) => types.includes(e.type))
      .map((e) => eventLine(e, (p) => this.pathOf(p), (t) => this.fmt(t)));
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
  private enqueue(work: Job): this {
    const id = ++this.nextJob;
    this.jobs.set(id, work);
    this.node.send(undefined, this.driver, ['$do', id]);
    return this;
  }
  /** The driver's loop: one job at a time; a job that exits is recorded, the driver carries on. */
  private serve(ctx: Ctx): void {
    const isJob = (m: Term): boolean => isTuple(m) && m[0] === '$do';
    ctx.receive((msg) => {
      const id = (msg as readonly number[])[1] as number;
      const job = this.jobs.get(id);
      this.jobs.delete(id);
      const finish = (r: JobResult): void => {
        this.results.set(id, r);
        this.serve(ctx);
      };
      let work: MaybeEff<Term> | void;
      try {
        work = job?.(ctx);
      } catch (e) {
        return finish({ ok: false, reason: reasonOf(e) });
      }
      const done = (value: Term): void => finish({ ok: true, value });
      runEff(ctx, work as MaybeEff<Term>, done, (reason) => finish({ ok: false, reason }));
    }, { match: isJob });
  }
  private drive(opts: { advanceTime?: boolean; until?: number }): this {
    const turns = this.node.runUntilIdle({ ...opts, maxTurns: MAX_TURNS });
    if (turns >= MAX_TURNS) throw new Error(`did not settle after ${MAX_TURNS} turns`);
    return this;
  }
}
