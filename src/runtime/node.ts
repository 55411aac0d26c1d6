import type { Clock } from './clock';
import { VirtualClock } from './clock';
import type { Body, Ctx, DistributiveOmit, MonitorOptions, SpawnOptions, TimerRef } from './ctx';
import {
  Distribution,
  applySignal,
  connectionLost,
  linkRemote,
  monitorRemote,
} from './distribution';
import type { RemotePid, RemoteSignal, SendToPeer } from './distribution';
import { ErlangError, InputError, KilledBySignal, ProcessExit } from './errors';
import { InvariantError, describeError, invariant } from '../base';
import { exitOrder } from './linkOrder';
import { Mailbox } from './mailbox';
import { NO_EXIT, Proc, Status } from './proc';
import type { Random } from './random';
import { SeededRandom } from './random';
import { RunQueue } from './runQueue';
import { Pid, Ref } from './term';
import type { Reason, Term } from './term';
import { TimerHeap } from './timers';
import type { Timer } from './timers';
import type { Observer, TraceEvent } from './traceEvent';
import { describeProcess } from './processInfo';
import type { ProcessInfo } from './processInfo';

export interface NodeOptions {
  /** The node number shown in pids (`<N.id.0>`). */
  id?: number;
  /** `node()`: `nonode@nohost` unless distributed. */
  name?: string;
  clock?: Clock;
  seed?: number;
  /** How many messages a process may handle before it yields its turn (BEAM's reductions). */
  reductionsPerTurn?: number;
  /** Pick the next process at random (seeded) instead of FIFO, to explore interleavings. */
  shuffle?: boolean;
  /**
   * Most processes alive at once, as `erl +P`: a spawn beyond it raises
   * `system_limit` in the caller. Default {@link DEFAULT_MAX_PROCESSES}
   * (OTP's is 1,048,576; a browser tab holds fewer).
   */
  maxProcesses?: number;
  /**
   * Most messages one mailbox may hold, a stand-in for `max_heap_size`: the
   * process is killed (reason `killed`, with a report), nothing else is touched.
   * Default {@link DEFAULT_MAX_MAILBOX}.
   */
  maxMailbox?: number;
  /**
   * Most terms (nodes of the term tree) a process's state may hold, the other
   * half of `max_heap_size`; the host measures states as it reads them and
   * calls {@link Node.killOverLimit}. Default {@link DEFAULT_MAX_STATE_TERMS}.
   */
  maxStateTerms?: number;
}

/** Default {@link NodeOptions.maxProcesses}. */
export const DEFAULT_MAX_PROCESSES = 100_000;
/** Default {@link NodeOptions.maxMailbox}. */
export const DEFAULT_MAX_MAILBOX = 100_000;
/** Default {@link NodeOptions.maxStateTerms}. */
export const DEFAULT_MAX_STATE_TERMS = 1_000_000;

/** A process alias (erlang:alias/1, or a monitor made with `{alias, Mode}`). */
interface Alias {
  readonly owner: Proc;
  active: boolean;
  /** `{alias, demonitor}`: deactivated when its monitor goes. */
  readonly withMonitor: boolean;
}

export interface RunOptions {
  /** Advance a {@link VirtualClock} to the next timer when nothing can run. */
  advanceTime?: boolean;
  /** Stop after this many process turns (default: unlimited). */
  maxTurns?: number;
  /** Do not advance virtual time beyond this (ms). */
  until?: number;
}

/**
 * One BEAM node: a process table, a run queue with a reduction budget per
 * turn, timers on an injected clock, and the signal rules of OTP's reference
 * manual (links, monitors, exit signals). Single-threaded; the worker or a
 * test drives it with {@link step} / {@link runUntilIdle}.
 */
export class Node {
  readonly id: number;
  readonly clock: Clock;
  readonly random: Random;
  tracing = false;
  /** Indexed by pid id; a dead process leaves `undefined` (pids are never reused). */
  private readonly table: (Proc | undefined)[] = [undefined];
  private live = 0;
  private readonly names = new Map<string, Proc>();
  private readonly runQueue = new RunQueue<Proc>();
  private readonly timers = new TimerHeap();
  private readonly timerRefs = new Map<number, Timer>();
  /**
   * Aliases by ref. Weak: sending to an alias needs its ref, so an alias whose
   * ref nobody holds can never be used again; an inactive or dead owner's
   * entry stays only so a late message can be traced as dropped.
   */
  private readonly aliases = new WeakMap<Ref, Alias>();
  /**
   * Processes killed by their own exit signal this turn: ERTS handles a
   * signal to self when the process is next scheduled, so processes it woke
   * meanwhile run (and print) before its exit signals go out.
   */
  private readonly dieNextTurn = new Set<Proc>();
  /** Signals the runtime sends the running process about a dead target, delivered when its turn ends. */
  private readonly afterTurn: [Proc, Term][] = [];
  /** Monitors made by registered name: their DOWN names `{Name, Node}`. */
  private readonly nameMonitors = new Map<Ref, Term>();
  /** This node's name as `node()` returns it. */
  readonly nodeName: string;
  private observers: Observer[] = [];
  private nextPid = 0;
  private nextRef = 0;
  private nextTimer = 0;
  /** Connections to other nodes; null until the first `connect`. */
  private dist: Distribution | null = null;
  private readonly budget: number;
  private readonly shuffle: boolean;
  readonly maxProcesses: number;
  readonly maxMailbox: number;
  readonly maxStateTerms: number;
  /** Spawns refused with system_limit (the log says so at 1, 10, 100, …). */
  private refusedSpawns = 0;
  /**
   * Log lines written in the current turn: each costs a reduction, as
   * io:format does on BEAM, so a process logging 1,000 lines a message yields
   * after a couple of messages instead of 2,000 (a turn is not preempted).
   */
  private logCost = 0;
  current: Proc | null = null;

  constructor(opts: NodeOptions = {}) {
    this.id = opts.id ?? 0;
    this.nodeName = opts.name ?? 'nonode@nohost';
    this.clock = opts.clock ?? new VirtualClock();
    this.random = new SeededRandom(opts.seed ?? 1);
    this.budget = opts.reductionsPerTurn ?? 2000;
    this.shuffle = opts.shuffle ?? false;
    this.maxProcesses = opts.maxProcesses ?? DEFAULT_MAX_PROCESSES;
    this.maxMailbox = opts.maxMailbox ?? DEFAULT_MAX_MAILBOX;
    this.maxStateTerms = opts.maxStateTerms ?? DEFAULT_MAX_STATE_TERMS;
  }

  // ---- observation -------------------------------------------------------

  /** Attaches an observer of every {@link TraceEvent}; returns the detach function. */
  observe(fn: Observer): () => void {
    this.observers = [...this.observers, fn];
    this.tracing = true;
    return () => {
      this.observers = this.observers.filter((o) => o !== fn);
      this.tracing = this.observers.length > 0;
    };
  }

  emit(event: DistributiveOmit<TraceEvent, 't'>): void {
    const ev = event as TraceEvent;
    ev.t = this.clock.now();
    if (ev.type === 'log') this.logCost++;
    for (const o of this.observers) o(ev);
  }

  // ---- process table -----------------------------------------------------

  get processCount(): number {
    return this.live;
  }

  /** Spawns a process from outside any process (no parent, no link). */
  spawn(body: Body, opts?: SpawnOptions): Pid {
    return this.spawnFrom(null, body, opts, false);
  }

  spawnFrom(parent: Proc | null, body: Body, opts: SpawnOptions | undefined, link: boolean): Pid {
    if (this.live >= this.maxProcesses) this.systemLimit(parent);
    const pid = new Pid(this.id, ++this.nextPid);
    const p = new Proc(this, pid, parent?.self, body, opts);
    this.table.push(p);
    this.live++;
    if (link && parent !== null) {
      parent.addLink(pid);
      p.addLink(parent.self);
    }
    if (this.tracing) {
      this.emit({ type: 'spawn', pid, parent: parent?.self, behaviour: p.behaviour, linked: link });
    }
    this.wake(p);
    return pid;
  }

  lookup(pid: Pid): Proc | undefined {
    return pid.node === this.id ? this.table[pid.id] : undefined;
  }

  isAlive(pid: Pid): boolean {
    return this.lookup(pid)?.alive ?? false;
  }

  /** Every live pid, in spawn order. */
  pids(): Pid[] {
    const out: Pid[] = [];
    for (const p of this.table) if (p !== undefined) out.push(p.self);
    return out;
  }

  /** A process's state as its behaviour describes it: `processInfo(pid).state` without copying its mailbox. */
  stateOf(pid: Pid): Term | undefined {
    return this.lookup(pid)?.stateSource?.describe();
  }

  processInfo(pid: Pid): ProcessInfo | undefined {
    const p = this.lookup(pid);
    return p ? describeProcess(p) : undefined;
  }

  // ---- messages ----------------------------------------------------------

  /** `To ! Msg` from `from` (undefined: from outside the node's processes). */
  send(from: Pid | undefined, to: Pid | string | Ref, msg: Term): void {
    let target: Proc | undefined;
    if (to instanceof Ref) {
      // An alias on another node: that node delivers it (or drops it) and traces it.
      if (to.node !== this.id) this.dist?.alias(from, to, msg);
      else this.sendToAlias(from, to, msg);
      return;
    } else if (typeof to === 'string') {
      target = this.names.get(to);
      // As in OTP: sending to an unregistered name raises badarg.
      if (target === undefined) throw new ErlangError('badarg');
    } else if (to.node !== this.id) {
      // A remote pid: the peer delivers it; without a connection it is lost, as in OTP.
      const sent = this.dist?.message(from, to, msg) ?? false;
      if (this.tracing)
        this.emit(sent ? { type: 'send', from, to, msg } : { type: 'send_dropped', from, to, msg });
      return;
    } else {
      target = this.table[to.id];
      if (target === undefined) {
        if (this.tracing) this.emit({ type: 'send_dropped', from, to, msg });
        return;
      }
    }
    if (this.tracing) this.emit({ type: 'send', from, to: target.self, msg });
    this.deliver(target, msg);
  }

  /**
   * A message to an alias of this node's: delivered while the alias is
   * active, dropped silently otherwise (erlang:alias/1). This is what makes a
   * gen_server reply that arrives after the caller's timeout vanish.
   */
  sendToAlias(from: Pid | undefined, ref: Ref, msg: Term): void {
    const a = this.aliases.get(ref);
    if (a === undefined) return;
    const to = a.owner.self;
    if (!a.active || a.owner.status === Status.Dead) {
      if (this.tracing) this.emit({ type: 'send_dropped', from, to, msg });
      return;
    }
    if (this.tracing) this.emit({ type: 'send', from, to, msg });
    this.deliver(a.owner, msg);
  }

  /** `erlang:alias()` for `p`. */
  alias(p: Proc): Ref {
    const ref = this.makeRef();
    this.aliases.set(ref, { owner: p, active: true, withMonitor: false });
    return ref;
  }

  /** `erlang:unalias(Alias)`: only the owner can deactivate it. */
  unalias(p: Proc, ref: Ref): boolean {
    const a = this.aliases.get(ref);
    if (a === undefined || a.owner !== p || !a.active) return false;
    a.active = false;
    return true;
  }

  /** Makes `ref` (a new monitor's) an alias of `p`; `active` false when its monitor already fired. */
  monitorAlias(p: Proc, ref: Ref, mode: MonitorOptions['alias'], active: boolean): void {
    if (mode === undefined) return;
    const withMonitor = mode === 'demonitor';
    this.aliases.set(ref, { owner: p, active: active || !withMonitor, withMonitor });
  }

  /** A monitor is gone (demonitor, or its DOWN delivered): an `{alias, demonitor}` alias goes with it. */
  monitorGone(ref: Ref): void {
    const a = this.aliases.get(ref);
    if (a !== undefined && a.withMonitor) a.active = false;
  }

  /**
   * A signal to `p` about a dead target (monitor's `DOWN` noproc, link's
   * `{'EXIT', Pid, noproc}`): it comes as a signal, which `p` handles only
   * when next scheduled, as in ERTS (a gen_server:call to a dead pid yields
   * before it exits). Delivered at once when `p` is not running.
   */
  deliverAfterTurn(p: Proc, msg: Term): void {
    if (this.current === p) this.afterTurn.push([p, msg]);
    else this.deliver(p, msg);
  }

  /**
   * A signal other than a message reached `p` (a link, unlink, monitor,
   * demonitor, an exit signal it ignores): as in ERTS, a waiting process is
   * scheduled to handle it, even when nothing then matches its receive. That
   * moves it up the run queue, which decides who runs first later on.
   */
  private signalled(p: Proc): void {
    if (!p.queued && p.status !== Status.Dead && this.current !== p) this.wake(p);
  }

  /** Appends to the mailbox and makes the process runnable. */
  deliver(p: Proc, msg: Term): void {
    if (p.status === Status.Dead) return;
    if (p.mailbox !== null && p.mailbox.size >= this.maxMailbox) {
      if (p.pendingExit === NO_EXIT)
        this.killOverLimit(p.self, `mailbox over ${this.maxMailbox.toLocaleString('en')} messages`);
      return;
    }
    (p.mailbox ??= new Mailbox()).push(msg);
    if (!p.queued) this.wake(p);
  }

  private wake(p: Proc): void {
    p.queued = true;
    this.runQueue.push(p);
  }

  // ---- limits --------------------------------------------------------------

  /** As ERTS with the process table full: the spawn raises `system_limit` in the caller. */
  private systemLimit(parent: Proc | null): never {
    const n = ++this.refusedSpawns;
    // Said at the 1st, 10th, 100th… refusal: a fork bomb tries millions of times.
    if (this.tracing && parent !== null && String(n).replace(/^10*$/, '') === '')
      this.emit({
        type: 'log',
        pid: parent.self,
        text: `spawn failed: system_limit (the node has ${this.live.toLocaleString('en')} processes, its limit, like erl +P; ${n.toLocaleString('en')} spawns refused so far)`,
      });
    throw new ErlangError('system_limit');
  }

  /**
   * Kills a process that went over a memory bound, as `max_heap_size` with
   * `kill => true` does: exit reason `killed`, an error report in the log,
   * no other process touched (its links and monitors fire as for any death).
   */
  killOverLimit(pid: Pid, what: string): void {
    const p = this.lookup(pid);
    if (p === undefined || !p.alive) return;
    if (this.tracing)
      this.emit({
        type: 'log',
        pid,
        text: `killed: ${what} (maximum heap size reached, like max_heap_size)`,
      });
    this.kill(p, 'killed');
  }

  // ---- links, monitors, exit signals --------------------------------------

  link(p: Proc, pid: Pid): void {
    if (pid === p.self) return;
    // A remote pid is kept as this node's interned instance, so the link's exit signal finds it.
    if (pid.node !== this.id) return linkRemote(this, this.dist, p, this.pidOf(pid));
    const other = this.lookup(pid);
    if (other === undefined || !other.alive) {
      // OTP: link/1 to a dead process raises noproc, or sends {'EXIT', Pid, noproc} to a trapping caller.
      if (p.trapping) this.deliverAfterTurn(p, ['EXIT', pid, 'noproc']);
      else throw new ErlangError('noproc');
      return;
    }
    if (p.hasLink(pid)) return;
    p.addLink(pid);
    other.addLink(p.self);
    this.signalled(other);
    if (this.tracing) this.emit({ type: 'link', a: p.self, b: pid });
  }

  unlink(p: Proc, pid: Pid): void {
    if (pid.node !== this.id) pid = this.pidOf(pid);
    const other = this.lookup(pid);
    if (!p.removeLink(pid)) return;
    if (other !== undefined) {
      other.removeLink(p.self);
      this.signalled(other);
    }
    if (pid.node !== this.id) this.dist?.unlink(p.self, pid);
    if (this.tracing) this.emit({ type: 'unlink', a: p.self, b: pid });
  }

  monitor(p: Proc, target: Pid | string, alias?: MonitorOptions['alias']): Ref {
    if (typeof target !== 'string' && target.node !== this.id)
      return monitorRemote(this, this.dist, p, this.pidOf(target), alias);
    const ref = this.makeRef();
    const t = typeof target === 'string' ? this.names.get(target) : this.lookup(target);
    const targetPid = t?.self ?? (typeof target === 'string' ? p.self : target);
    if (this.tracing) this.emit({ type: 'monitor', ref, watcher: p.self, target: targetPid });
    // OTP: a monitor by name reports `{Name, Node}` as the DOWN's object.
    const object: Term = typeof target === 'string' ? [target, this.nodeName] : target;
    if (typeof target === 'string') this.nameMonitors.set(ref, object);
    if (t === undefined || !t.alive) {
      // OTP: monitoring a dead or unknown process gives an immediate DOWN with noproc.
      this.nameMonitors.delete(ref);
      this.monitorAlias(p, ref, alias, false);
      this.deliverAfterTurn(p, ['DOWN', ref, 'process', object, 'noproc']);
      if (this.tracing)
        this.emit({ type: 'down', ref, watcher: p.self, target: targetPid, reason: 'noproc' });
      return ref;
    }
    (p.monitors ??= new Map()).set(ref, t.self);
    (t.watchers ??= new Map()).set(ref, p.self);
    this.signalled(t);
    this.monitorAlias(p, ref, alias, true);
    return ref;
  }

  demonitor(p: Proc, ref: Ref, flush: boolean): boolean {
    const target = p.monitors?.get(ref);
    this.monitorGone(ref);
    if (flush && p.mailbox !== null) {
      // demonitor(Ref, [flush]) also removes a DOWN for Ref already queued.
      const mb = p.mailbox;
      for (let i = 0; i < mb.size; i++) {
        const m = mb.at(i);
        if (Array.isArray(m) && m[0] === 'DOWN' && m[1] === ref) {
          mb.removeAt(i);
          break;
        }
      }
    }
    if (target === undefined) return false;
    p.monitors?.delete(ref);
    const t = this.lookup(target);
    if (t !== undefined) {
      t.watchers?.delete(ref);
      this.signalled(t);
    }
    if (target.node !== this.id) this.dist?.demonitor(p.self, target, ref);
    if (this.tracing) this.emit({ type: 'demonitor', ref, watcher: p.self, target });
    return true;
  }

  /** `exit(To, Reason)` sent by `from` (undefined: from outside). */
  exitSignal(from: Pid | undefined, to: Pid, reason: Reason): void {
    if (to.node !== this.id) {
      // The receiving node applies OTP's rules (and traces the outcome); unconnected: lost.
      this.dist?.exit(from, to, reason, false);
      return;
    }
    const target = this.lookup(to);
    if (target === undefined) return;
    this.deliverExit(target, from, reason, false);
  }

  /**
   * The receiving side of an exit signal, by the reference manual's rules:
   * `kill` from exit/2 cannot be trapped and is seen as `killed`; a trapping
   * process gets `{'EXIT', From, Reason}`; `normal` is ignored unless it comes
   * from the process itself; anything else kills the receiver with Reason.
   * A death is deferred to the receiver's next turn, as ERTS handles signals
   * when the receiver is scheduled; this also keeps long link chains iterative.
   */
  deliverExit(p: Proc, from: Pid | undefined, reason: Reason, viaLink: boolean): void {
    if (!p.alive) return;
    let outcome: 'trapped' | 'ignored' | 'dies';
    if (reason === 'kill' && !viaLink) {
      outcome = 'dies';
      this.kill(p, 'killed');
    } else if (p.trapping) {
      outcome = 'trapped';
      this.deliver(p, ['EXIT', from ?? 'undefined', reason]);
    } else if (reason === 'normal' && from !== p.self) {
      outcome = 'ignored';
      this.signalled(p);
    } else {
      outcome = 'dies';
      this.kill(p, reason);
    }
    if (this.tracing)
      this.emit({ type: 'exit_signal', from, to: p.self, reason, link: viaLink, outcome });
  }

  private kill(p: Proc, reason: Reason): void {
    p.pendingExit = reason;
    if (!p.queued) this.wake(p);
  }

  // ---- distribution ------------------------------------------------------

  /**
   * Connects to node `peer`: signals for its pids go to `send`, and the peer
   * calls this node's {@link receiveRemote} with signals for ours.
   */
  connect(peer: number, send: SendToPeer): void {
    if (peer === this.id) throw new InputError(`node ${this.id}: cannot connect to itself`);
    this.distribution().connect(peer, send);
  }

  /**
   * The connection to `peer` is gone (it stopped, or a netsplit): as
   * distributed Erlang does, every link to a process there fires an exit
   * signal `noconnection` and every monitor a `DOWN` `noconnection`.
   */
  disconnect(peer: number): void {
    if (this.dist?.disconnect(peer)) connectionLost(this, peer);
  }

  isConnected(peer: number): boolean {
    return this.dist?.isConnected(peer) ?? false;
  }

  connectedNodes(): number[] {
    return this.dist?.connectedPeers() ?? [];
  }

  /** A signal from a peer; pids and refs in it are rehydrated into this node's interned instances. */
  receiveRemote(signal: RemoteSignal): void {
    const dist = this.dist;
    // After a disconnect nothing more arrives from that node (it may still be in flight).
    if (dist === null || !dist.isConnected(signal.src)) return;
    applySignal(this, dist, signal);
  }

  /** The one Pid instance for `{ node, id }` (e.g. a pid the UI sent back after structured clone). */
  pidOf(w: RemotePid): Pid {
    return this.distribution().pid(w);
  }

  /** A term from outside the node (the UI, the wire) with its plain `{ node, id }` pids made Pids again. */
  rehydrate(t: unknown): Term {
    return this.distribution().decode(t);
  }

  /**
   * A live process's {@link Ctx}, to act as it from outside its turn: the
   * playground's shell sends, links and monitors on a person's behalf this
   * way. Blocking receives (effects) still need the process's own turn.
   */
  ctxOf(pid: Pid): Ctx | undefined {
    const p = this.lookup(pid);
    return p?.alive ? p : undefined;
  }

  private distribution(): Distribution {
    return (this.dist ??= new Distribution(this.id, (id) => this.table[id]?.self));
  }

  // ---- names -------------------------------------------------------------

  register(p: Proc, name: string): void {
    // One name per process, one process per name: badarg otherwise.
    if (p.name !== null || this.names.has(name) || name === 'undefined')
      throw new ErlangError('badarg');
    p.name = name;
    this.names.set(name, p);
    if (this.tracing) this.emit({ type: 'register', pid: p.self, name });
  }

  unregister(p: Proc): void {
    if (p.name === null) throw new ErlangError('badarg');
    this.releaseName(p);
  }

  private releaseName(p: Proc): void {
    if (p.name === null) return;
    this.names.delete(p.name);
    if (this.tracing) this.emit({ type: 'unregister', pid: p.self, name: p.name });
    p.name = null;
  }

  whereis(name: string): Pid | undefined {
    return this.names.get(name)?.self;
  }

  // ---- timers ------------------------------------------------------------

  /** `erlang:send_after(Ms, To, Msg)`; the message comes from `from`. */
  sendAfter(from: Pid | undefined, ms: number, to: Pid | string | Ref, msg: Term): TimerRef {
    const id = ++this.nextTimer;
    const timer = this.timers.add(this.clock.now() + Math.max(0, ms), () => {
      this.timerRefs.delete(id);
      try {
        this.send(from, to, msg);
      } catch (e) {
        // A timer to a name that is gone: OTP drops it silently.
        if (!(e instanceof ErlangError)) throw e;
      }
    });
    this.timerRefs.set(id, timer);
    return { id };
  }

  cancelTimer(ref: TimerRef): number | false {
    const timer = this.timerRefs.get(ref.id);
    if (timer === undefined) return false;
    timer.cancelled = true;
    this.timerRefs.delete(ref.id);
    return Math.max(0, timer.at - this.clock.now());
  }

  /** When the next timer is due, or undefined. */
  nextTimerAt(): number | undefined {
    return this.timers.peekTime();
  }

  /** Fires every timer due at the clock's current time; returns how many fired. */
  fireDueTimers(): number {
    let n = 0;
    const now = this.clock.now();
    for (let t = this.timers.popDue(now); t !== undefined; t = this.timers.popDue(now)) {
      t.fire();
      n++;
    }
    return n;
  }

  makeRef(): Ref {
    return new Ref(this.id, ++this.nextRef);
  }

  // ---- scheduling --------------------------------------------------------

  /**
   * Charges the running process's turn `n` more reductions, for work done
   * besides taking messages (a person's module counts its loops and calls:
   * src/worker/sandbox). The turn ends sooner, as BEAM preempts a process
   * whose reductions ran out; it stays runnable.
   */
  charge(n: number): void {
    if (n > 0) this.logCost += n;
  }

  /** Processes waiting for their turn. */
  get runnable(): number {
    return this.runQueue.size;
  }

  /**
   * Runs one process for up to `reductions` messages (default: the turn's
   * budget). Returns false when no process was runnable.
   */
  step(reductions = this.budget): boolean {
    const q = this.runQueue;
    const p =
      this.shuffle && q.size > 1 ? q.takeAt(Math.floor(this.random.next() * q.size)) : q.shift();
    if (p === undefined) return false;
    p.queued = false;
    if (p.status === Status.Dead) return true;
    this.current = p;
    const more = this.runProc(p, reductions);
    this.current = null;
    if (this.afterTurn.length > 0) {
      for (const [to, msg] of this.afterTurn) this.deliver(to, msg);
      this.afterTurn.length = 0;
    }
    if (p.pendingExit !== NO_EXIT) {
      if (this.dieNextTurn.size > 0 && this.dieNextTurn.delete(p)) {
        if (!p.queued) this.wake(p);
      } else this.finish(p, p.pendingExit);
    } else if (more && !p.queued) this.wake(p);
    return true;
  }

  /**
   * Runs until nothing is runnable. With `advanceTime` (virtual clock only),
   * also moves time to each next timer until none is left or `until` is reached.
   * Returns the number of process turns taken.
   */
  runUntilIdle(opts: RunOptions = {}): number {
    const max = opts.maxTurns ?? Infinity;
    let turns = 0;
    for (;;) {
      this.fireDueTimers();
      while (turns < max && this.step()) turns++;
      if (turns >= max || !opts.advanceTime) return turns;
      const next = this.nextTimerAt();
      if (next === undefined || (opts.until !== undefined && next > opts.until)) {
        if (opts.until !== undefined) this.advanceClock(opts.until);
        return turns;
      }
      this.advanceClock(next);
    }
  }

  private advanceClock(t: number): void {
    const c = this.clock as Partial<VirtualClock>;
    if (typeof c.advanceTo !== 'function')
      throw new InputError('advanceTime needs a clock that can be advanced');
    c.advanceTo(t);
  }

  /** Returns true if the process still has work (its budget ran out). */
  private runProc(p: Proc, budget: number): boolean {
    this.logCost = 0;
    try {
      if (p.body !== null) {
        const body = p.body;
        p.body = null;
        budget--;
        body(p);
      }
      while (budget > this.logCost && p.pendingExit === NO_EXIT) {
        if (p.timedOut) {
          p.timedOut = false;
          const cb = p.onTimeout;
          p.leaveReceive();
          budget--;
          if (cb !== null) cb();
          continue;
        }
        const handler = p.handler;
        if (handler === null) {
          p.pendingExit = 'normal';
          break;
        }
        const msg = this.take(p);
        if (msg === NOTHING) {
          // `after 0` fires at once, in the same turn: Erlang evaluates it without yielding.
          if (p.after === 0) {
            p.timedOut = true;
            continue;
          }
          this.block(p);
          return false;
        }
        if (this.tracing) this.emit({ type: 'receive', pid: p.self, msg });
        budget--;
        handler(msg);
      }
      return budget <= this.logCost;
    } catch (e) {
      if (e instanceof ProcessExit) p.pendingExit = e.reason;
      else if (e instanceof KilledBySignal) {
        this.dieNextTurn.add(p); // pendingExit is the signal's reason
        return false;
      } else if (e instanceof ErlangError) p.pendingExit = e.reason;
      else if (e instanceof InvariantError) throw e;
      else p.pendingExit = ['error', describeError(e, { withName: true })];
      return false;
    }
  }

  /** Takes the first message the current receive accepts, or NOTHING. */
  private take(p: Proc): Term | typeof NOTHING {
    const mb = p.mailbox;
    if (mb === null) return NOTHING;
    const n = mb.size;
    const match = p.match;
    let start = p.scan;
    if (p.since > 0) {
      const sinceIndex = p.since - (mb.pushed - n);
      if (sinceIndex > start) start = sinceIndex;
    }
    for (let i = start; i < n; i++) {
      const msg = mb.at(i);
      if (match === null || match(msg)) {
        mb.removeAt(i);
        p.leaveReceive();
        return msg;
      }
    }
    p.scan = n;
    return NOTHING;
  }

  /** Nothing matched: wait, arming the receive's `after` if it has one. */
  private block(p: Proc): void {
    if (p.after < 0 || p.rcvTimer !== null) return;
    if (p.after === 0) {
      p.timedOut = true;
      this.wake(p);
      return;
    }
    const gen = p.rcvGen;
    p.rcvTimer = this.timers.add(this.clock.now() + p.after, () => {
      if (p.status === Status.Dead || p.rcvGen !== gen) return;
      p.rcvTimer = null;
      p.timedOut = true;
      if (!p.queued) this.wake(p);
    });
  }

  /** A dying process's exit signal through one of its links. */
  private linkExit(p: Proc, pid: Pid, reason: Reason): void {
    const other = this.lookup(pid);
    if (other === undefined) {
      if (pid.node !== this.id) this.dist?.exit(p.self, pid, reason, true);
      return;
    }
    other.removeLink(p.self);
    this.deliverExit(other, p.self, reason, true);
  }

  /** The process ends: name released first, then link and monitor signals go out. */
  private finish(p: Proc, reason: Reason): void {
    invariant(p.status !== Status.Dead, 'BUG: process finished twice');
    p.status = Status.Dead;
    p.pendingExit = NO_EXIT;
    p.leaveReceive();
    this.releaseName(p);
    this.table[p.self.id] = undefined;
    this.live--;
    if (this.tracing) this.emit({ type: 'exit', pid: p.self, reason });
    const links = p.takeLinks();
    const monitors = p.monitors;
    const watchers = p.watchers;
    if (monitors !== null) p.monitors = null;
    if (watchers !== null) p.watchers = null;
    p.mailbox = null;
    p.handler = null;
    p.rcv = null;
    p.stateSource = null;
    // Two or more links: in the order ERTS's link tree gives (exitOrder).
    if (links instanceof Set) for (const pid of exitOrder(links)) this.linkExit(p, pid, reason);
    else if (links !== null) this.linkExit(p, links, reason);
    if (monitors !== null) {
      for (const [ref, target] of monitors) {
        if (target.node !== this.id) this.dist?.demonitor(p.self, target, ref);
        else this.lookup(target)?.watchers?.delete(ref);
      }
    }
    if (watchers !== null) {
      for (const [ref, watcher] of watchers) {
        if (watcher.node !== this.id) {
          this.dist?.down(p.self, watcher, ref, reason);
          continue;
        }
        const w = this.lookup(watcher);
        if (w === undefined) continue;
        w.monitors?.delete(ref);
        this.monitorGone(ref);
        if (this.tracing) this.emit({ type: 'down', ref, watcher, target: p.self, reason });
        const object = this.nameMonitors.get(ref) ?? p.self;
        this.nameMonitors.delete(ref);
        this.deliver(w, ['DOWN', ref, 'process', object, reason]);
      }
    }
  }
}

const NOTHING: unique symbol = Symbol('nothing');
