import { Aliases } from './aliases';
import type { Clock } from './clock';
import type { Body, DistributiveOmit, SpawnOptions } from './ctx';
import { Distribution } from './distribution';
import type { RemotePid } from './distribution';
import { ErlangError } from './errors';
import { Mailbox } from './mailbox';
import { Names } from './names';
import { NO_EXIT, Proc, Status } from './proc';
import type { Random } from './random';
import { Scheduler } from './scheduler';
import { Signals } from './signals';
import { Pid, Ref } from './term';
import type { Term } from './term';
import { NodeTimers } from './timers';
import type { Observer, TraceEvent } from './traceEvent';

/**
 * What a process ({@link Proc}, which implements the BIFs) and the signals
 * from other nodes (`remoteSignals.ts`) reach of their node. The public
 * `Node` keeps its system private: no code outside the runtime gets one.
 */
export interface ProcessSystem {
  readonly clock: Clock;
  readonly random: Random;
  /** Someone observes: build a {@link TraceEvent} only then. */
  readonly tracing: boolean;
  emit(event: DistributiveOmit<TraceEvent, 't'>): void;
  makeRef(): Ref;
  /** The live (or dying) local process with this pid. */
  lookup(pid: Pid): Proc | undefined;
  /** Every live pid, in spawn order. */
  pids(): Pid[];
  spawn(parent: Proc | null, body: Body, opts: SpawnOptions | undefined, link: boolean): Pid;
  /** `To ! Msg` from `from` (undefined: from outside the node's processes). */
  send(from: Pid | undefined, to: Pid | string | Ref, msg: Term): void;
  /** Appends to the mailbox and makes the process runnable. */
  deliver(p: Proc, msg: Term): void;
  readonly signals: Signals;
  readonly aliases: Aliases;
  readonly names: Names;
  readonly timers: NodeTimers;
  readonly scheduler: Scheduler;
}

/** How a node is set up: `NodeOptions` with every default filled in. */
export interface SystemConfig {
  readonly id: number;
  readonly nodeName: string;
  readonly clock: Clock;
  readonly random: Random;
  readonly reductionsPerTurn: number;
  readonly shuffle: boolean;
  readonly maxProcesses: number;
  readonly maxMailbox: number;
}

/**
 * The inside of one node: the process table, messages, and the parts each
 * in its own file (scheduler, signals, aliases, names, timers). `Node` is its
 * public face; the parts and {@link Proc} hold this.
 */
export class NodeSystem implements ProcessSystem {
  readonly id: number;
  /** This node's name as `node()` returns it. */
  readonly nodeName: string;
  readonly clock: Clock;
  readonly random: Random;
  readonly maxProcesses: number;
  readonly maxMailbox: number;
  readonly scheduler: Scheduler;
  readonly signals: Signals;
  readonly aliases: Aliases;
  readonly names: Names;
  readonly timers: NodeTimers;
  /** Indexed by pid id; a dead process leaves `undefined` (pids are never reused). */
  private readonly table: (Proc | undefined)[] = [undefined];
  private live = 0;
  private observers: Observer[] = [];
  private traced = false;
  private nextPid = 0;
  private nextRef = 0;
  /** Spawns refused with system_limit (the log says so at 1, 10, 100, …). */
  private refusedSpawns = 0;
  /** Connections to other nodes; null until the first `connect`. */
  private connections: Distribution | null = null;

  constructor(c: SystemConfig) {
    this.id = c.id;
    this.nodeName = c.nodeName;
    this.clock = c.clock;
    this.random = c.random;
    this.maxProcesses = c.maxProcesses;
    this.maxMailbox = c.maxMailbox;
    this.scheduler = new Scheduler(this, c.reductionsPerTurn, c.shuffle);
    this.signals = new Signals(this);
    this.aliases = new Aliases(this);
    this.names = new Names(this);
    this.timers = new NodeTimers(this);
  }

  // ---- observation ---------------------------------------------------------

  get tracing(): boolean {
    return this.traced;
  }

  /** Attaches an observer of every {@link TraceEvent}; returns the detach function. */
  observe(fn: Observer): () => void {
    this.observers = [...this.observers, fn];
    this.traced = true;
    return () => {
      this.observers = this.observers.filter((o) => o !== fn);
      this.traced = this.observers.length > 0;
    };
  }

  emit(event: DistributiveOmit<TraceEvent, 't'>): void {
    const ev = event as TraceEvent;
    ev.t = this.clock.now();
    if (ev.type === 'log') this.scheduler.charge(1);
    for (const o of this.observers) o(ev);
  }

  // ---- process table -------------------------------------------------------

  get processCount(): number {
    return this.live;
  }

  spawn(parent: Proc | null, body: Body, opts: SpawnOptions | undefined, link: boolean): Pid {
    if (this.live >= this.maxProcesses) this.systemLimit(parent);
    const pid = new Pid(this.id, ++this.nextPid);
    const p = new Proc(this, pid, parent?.self, body, opts);
    this.table.push(p);
    this.live++;
    if (link && parent !== null) {
      parent.addLink(pid);
      p.addLink(parent.self);
    }
    if (this.traced) {
      this.emit({ type: 'spawn', pid, parent: parent?.self, behaviour: p.behaviour, linked: link });
    }
    this.scheduler.wake(p);
    return pid;
  }

  lookup(pid: Pid): Proc | undefined {
    return pid.node === this.id ? this.table[pid.id] : undefined;
  }

  /** The table forgets a process that has died. */
  remove(p: Proc): void {
    this.table[p.self.id] = undefined;
    this.live--;
  }

  pids(): Pid[] {
    const out: Pid[] = [];
    for (const p of this.table) if (p !== undefined) out.push(p.self);
    return out;
  }

  makeRef(): Ref {
    return new Ref(this.id, ++this.nextRef);
  }

  // ---- messages ------------------------------------------------------------

  send(from: Pid | undefined, to: Pid | string | Ref, msg: Term): void {
    let target: Proc | undefined;
    if (to instanceof Ref) {
      // An alias on another node: that node delivers it (or drops it) and traces it.
      if (to.node !== this.id) this.connections?.alias(from, to, msg);
      else this.aliases.send(from, to, msg);
      return;
    } else if (typeof to === 'string') {
      target = this.names.get(to);
      // As in OTP: sending to an unregistered name raises badarg.
      if (target === undefined) throw new ErlangError('badarg');
    } else if (to.node !== this.id) {
      // A remote pid: the peer delivers it; without a connection it is lost, as in OTP.
      const sent = this.connections?.message(from, to, msg) ?? false;
      if (this.traced)
        this.emit(sent ? { type: 'send', from, to, msg } : { type: 'send_dropped', from, to, msg });
      return;
    } else {
      target = this.table[to.id];
      if (target === undefined) {
        if (this.traced) this.emit({ type: 'send_dropped', from, to, msg });
        return;
      }
    }
    if (this.traced) this.emit({ type: 'send', from, to: target.self, msg });
    this.deliver(target, msg);
  }

  deliver(p: Proc, msg: Term): void {
    if (p.status === Status.Dead) return;
    if (p.mailbox !== null && p.mailbox.size >= this.maxMailbox) {
      if (p.pendingExit === NO_EXIT)
        this.killOverLimit(p.self, `mailbox over ${this.maxMailbox.toLocaleString('en')} messages`);
      return;
    }
    (p.mailbox ??= new Mailbox()).push(msg);
    if (!p.queued) this.scheduler.wake(p);
  }

  // ---- limits --------------------------------------------------------------

  /** As ERTS with the process table full: the spawn raises `system_limit` in the caller. */
  private systemLimit(parent: Proc | null): never {
    const n = ++this.refusedSpawns;
    // Said at the 1st, 10th, 100th… refusal: a fork bomb tries millions of times.
    if (this.traced && parent !== null && String(n).replace(/^10*$/, '') === '')
      this.emit({
        type: 'log',
        pid: parent.self,
        text: `spawn failed: system_limit (the node has ${this.live.toLocaleString('en')} processes, its limit, like erl +P; ${n.toLocaleString('en')} spawns refused so far)`,
      });
    throw new ErlangError('system_limit');
  }

  /** See `Node.killOverLimit`. */
  killOverLimit(pid: Pid, what: string): void {
    const p = this.lookup(pid);
    if (p === undefined || !p.alive) return;
    if (this.traced)
      this.emit({
        type: 'log',
        pid,
        text: `killed: ${what} (maximum heap size reached, like max_heap_size)`,
      });
    this.signals.kill(p, 'killed');
  }

  // ---- distribution --------------------------------------------------------

  /** The connections to other nodes, or null before the first `connect`. */
  get dist(): Distribution | null {
    return this.connections;
  }

  /** The connections, made on first use. */
  distribution(): Distribution {
    return (this.connections ??= new Distribution(this.id, (id) => this.table[id]?.self));
  }

  /** The one Pid instance for `{ node, id }`. */
  pidOf(w: RemotePid): Pid {
    return this.distribution().pid(w);
  }
}
