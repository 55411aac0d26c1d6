/* eslint-disable @typescript-eslint/no-restricted-imports -- test support: it runs the real runtime to produce the events the store folds; nothing outside tests imports it. */
import type {
  ChildSpecData,
  Ctx,
  Eff,
  GenServerModule,
  Pid,
  SupervisorSpecData,
  Term,
  TraceEvent,
  TreeStarts,
  WorkerSpecData,
} from '../../runtime';
import {
  Node,
  VirtualClock,
  call,
  runEff,
  startLink,
  startSupervisor,
  supArgsOf,
} from '../../runtime';
/* eslint-enable @typescript-eslint/no-restricted-imports */
import type { WirePid } from '../../base';
import type { NodeEvent, StateSnapshot } from '../../worker/protocol';

/** A tree of test workers: the runtime's one tree spec. A worker's `name` registers it. */
export type TestChild = ChildSpecData<undefined>;
export type TestSup = SupervisorSpecData<undefined>;
type TestWorker = WorkerSpecData<undefined>;

export const worker = (
  id: string,
  opts: Partial<Omit<TestWorker, 'kind' | 'id' | 'behaviour' | 'args'>> = {},
): TestWorker => ({ kind: 'worker', id, behaviour: 'test_worker', ...opts });

/** A supervisor (strategy one_for_one unless given); a template is for simple_one_for_one only. */
export const sup = (
  id: string,
  opts: Partial<Omit<TestSup, 'kind' | 'id' | 'children'>>,
  children: TestChild[] = [],
): TestSup => ({
  kind: 'supervisor',
  id,
  strategy: 'one_for_one',
  ...opts,
  children,
});

/**
 * The test worker: a gen_server. Casts: `{crash, R}` stops with R; `{link, Pid}`,
 * `{monitor, Pid}` call the BIF; `{send, Pid, Msg}` sends. Its state counts casts.
 */
const testWorker: GenServerModule<{ casts: number }, TestWorker> = {
  name: 'test_worker',
  init: (def, ctx) => {
    if (def.trapExit) ctx.trapExit(true);
    if (def.name !== undefined) ctx.register(def.name);
    return ['ok', { casts: 0 }];
  },
  handleCall: (req, _from, s) => ['reply', ['echo', req], s],
  handleCast: (msg, s, ctx) => {
    const [op, a, b] = msg as readonly [string, Term, Term];
    if (op === 'crash') return ['stop', a, s];
    if (op === 'link') ctx.link(a as Pid);
    if (op === 'monitor') ctx.monitor(a as Pid);
    if (op === 'send') ctx.send(a as Pid, b);
    return ['noreply', { casts: s.casts + 1 }];
  },
  handleInfo: (_m, s) => ['noreply', s],
};

/**
 * A runtime node on a virtual clock whose trace reaches the test the way it
 * reaches the main thread: batched, structured-cloned (pids become plain
 * `{ node, id }`), with the behaviour states of processes that had a `state` event.
 */
export class LiveNode {
  readonly clock = new VirtualClock();
  readonly node: Node;
  private pending: TraceEvent[] = [];
  private readonly jobs = new Map<number, (ctx: Ctx) => Eff<Term> | void>();
  private nextJob = 0;
  private readonly driver: Pid;

  constructor(readonly id = 0) {
    this.node = new Node({ clock: this.clock, id });
    this.node.observe((ev) => this.pending.push(ev));
    this.driver = this.node.spawn(
      (ctx) => {
        ctx.trapExit(true);
        this.serve(ctx);
      },
      { behaviour: 'driver' },
    );
  }

  /** Starts a tree under the driver and settles. */
  start(tree: TestSup): this {
    const args = supArgsOf(tree, tree.id, STARTS);
    return this.job((ctx) => startSupervisor(ctx, args)).settle();
  }

  /** `{stop, Reason, State}` in the worker at `pid`. */
  crash(pid: WirePid, reason: Term): this {
    return this.cast(pid, ['crash', reason]);
  }

  cast(pid: WirePid, msg: Term): this {
    this.node.send(undefined, this.pid(pid), ['$gen_cast', msg]);
    return this;
  }

  /** `exit(Pid, Reason)` from outside. */
  exit(pid: WirePid, reason: Term): this {
    this.node.exitSignal(undefined, this.pid(pid), reason);
    return this;
  }

  /** `supervisor:start_child(Sup, Args)` for simple_one_for_one, from the driver. */
  startDynamic(supPid: WirePid, args: Term[]): this {
    const s = this.pid(supPid);
    return this.job((ctx) => call(ctx, s, ['start_child', args], 'infinity')).settle();
  }

  /** Runs, moving virtual time to each due timer (at most `ms` ahead when given). */
  settle(ms?: number): this {
    this.node.runUntilIdle({
      advanceTime: true,
      maxTurns: 1_000_000,
      ...(ms === undefined ? {} : { until: this.clock.now() + ms }),
    });
    return this;
  }

  /** Moves time without running anything (the restart window slides). */
  advance(ms: number): this {
    this.clock.advanceBy(ms);
    return this;
  }

  /** Everything traced since the last take, as the wire delivers it. */
  take(): TraceEvent[] {
    const out = structuredClone(this.pending);
    this.pending = [];
    return out;
  }

  /** A `batch` NodeEvent as the worker would post it: snapshots of the states that changed. */
  batch(): Extract<NodeEvent, { type: 'batch' }> {
    const raw = this.pending;
    const changed = new Map<string, Pid>();
    // A state changes after a callback (`state`) and first exists after init (`init` ok).
    for (const ev of raw) {
      if (ev.type === 'state' || (ev.type === 'init' && ev.result === 'ok'))
        changed.set(String(ev.pid), ev.pid);
    }
    const states: StateSnapshot[] = [];
    for (const pid of changed.values()) {
      const info = this.node.processInfo(pid);
      if (info !== undefined) states.push({ pid, state: info.state });
    }
    const events = this.take();
    return structuredClone({
      type: 'batch',
      node: this.id,
      now: this.clock.now(),
      events,
      summary: undefined,
      states,
    });
  }

  private pid(p: WirePid): Pid {
    const live = this.node.pids().find((x) => x.node === p.node && x.id === p.id);
    if (live === undefined) throw new Error(`no such process: <${p.node}.${p.id}.0>`);
    return live;
  }

  private job(work: (ctx: Ctx) => Eff<Term> | void): this {
    const id = ++this.nextJob;
    this.jobs.set(id, work);
    this.node.send(undefined, this.driver, ['$do', id]);
    return this;
  }

  private serve(ctx: Ctx): void {
    ctx.receive(
      (msg) => {
        const job = this.jobs.get((msg as readonly number[])[1] as number);
        if (job === undefined) return;
        runEff(
          ctx,
          job(ctx) as Eff<Term>,
          () => this.serve(ctx),
          () => this.serve(ctx),
        );
      },
      { match: (m) => Array.isArray(m) && m[0] === '$do' },
    );
  }
}

/** How a test tree starts: every worker is {@link testWorker}, given its spec. */
const STARTS: TreeStarts<undefined> = {
  flavour: 'erlang',
  startWorker: (spec, _path, ctx) => startLink(ctx, testWorker, spec),
};
