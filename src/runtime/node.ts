import type { Clock } from './clock';
import { VirtualClock } from './clock';
import type { Body, Ctx, SpawnOptions } from './ctx';
import { InputError } from './errors';
import type { RemotePid, RemoteSignal, SendToPeer } from './distribution';
import { describeProcess } from './processInfo';
import type { ProcessInfo } from './processInfo';
import { SeededRandom } from './random';
import { applySignal, connectionLost } from './remoteSignals';
import type { RunOptions } from './scheduler';
import { NodeSystem } from './system';
import type { Pid, Reason, Ref, Term } from './term';
import type { Observer } from './traceEvent';

export type { RunOptions } from './scheduler';

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

/**
 * One BEAM node, as the code that runs it sees it (the worker's host, the
 * conformance driver, tests, the benchmark): spawn from outside, send, exit
 * signals, observe every {@link TraceEvent}, drive it with {@link step} /
 * {@link runUntilIdle}, connect it to other nodes. Single-threaded.
 *
 * Its inside is a {@link NodeSystem} (`system.ts`): the process table, the
 * scheduler, the signal rules, names, aliases, timers. Processes reach that
 * through their {@link Ctx}; nothing here hands it out.
 */
export class Node {
  readonly id: number;
  readonly clock: Clock;
  readonly maxProcesses: number;
  readonly maxMailbox: number;
  readonly maxStateTerms: number;
  private readonly sys: NodeSystem;

  constructor(opts: NodeOptions = {}) {
    this.id = opts.id ?? 0;
    this.clock = opts.clock ?? new VirtualClock();
    this.maxProcesses = opts.maxProcesses ?? DEFAULT_MAX_PROCESSES;
    this.maxMailbox = opts.maxMailbox ?? DEFAULT_MAX_MAILBOX;
    this.maxStateTerms = opts.maxStateTerms ?? DEFAULT_MAX_STATE_TERMS;
    this.sys = new NodeSystem({
      id: this.id,
      nodeName: opts.name ?? 'nonode@nohost',
      clock: this.clock,
      random: new SeededRandom(opts.seed ?? 1),
      reductionsPerTurn: opts.reductionsPerTurn ?? 2000,
      shuffle: opts.shuffle ?? false,
      maxProcesses: this.maxProcesses,
      maxMailbox: this.maxMailbox,
    });
  }

  /** Attaches an observer of every {@link TraceEvent}; returns the detach function. */
  observe(fn: Observer): () => void {
    return this.sys.observe(fn);
  }

  // ---- processes -----------------------------------------------------------

  get processCount(): number {
    return this.sys.processCount;
  }

  /** Spawns a process from outside any process (no parent, no link). */
  spawn(body: Body, opts?: SpawnOptions): Pid {
    return this.sys.spawn(null, body, opts, false);
  }

  isAlive(pid: Pid): boolean {
    return this.sys.lookup(pid)?.alive ?? false;
  }

  /**
   * `erlang:is_process_alive/1` as ERTS answers it: at once, unless the
   * process has signals other than messages it has not handled yet (say an
   * exit signal); then ERTS sends it a request behind them and the caller
   * waits until the process's next turn starts. `answer` gets the result.
   */
  isAliveWhenScheduled(pid: Pid, answer: (alive: boolean) => void): void {
    const p = this.sys.lookup(pid);
    const scheduler = this.sys.scheduler;
    const pending = p !== undefined && scheduler.hasSignalsPending(p);
    if (p === undefined || !pending || !p.queued) answer(p?.alive ?? false);
    else scheduler.onNextTurn(p, () => answer(p.alive));
  }

  /** Every live pid, in spawn order. */
  pids(): Pid[] {
    return this.sys.pids();
  }

  /** A process's state as its behaviour describes it: `processInfo(pid).state` without copying its mailbox. */
  stateOf(pid: Pid): Term | undefined {
    return this.sys.lookup(pid)?.stateSource?.describe();
  }

  processInfo(pid: Pid): ProcessInfo | undefined {
    const p = this.sys.lookup(pid);
    return p ? describeProcess(p) : undefined;
  }

  /**
   * A live process's {@link Ctx}, to act as it from outside its turn: the
   * playground's shell sends, links and monitors on a person's behalf this
   * way. Blocking receives (effects) still need the process's own turn.
   */
  ctxOf(pid: Pid): Ctx | undefined {
    const p = this.sys.lookup(pid);
    return p?.alive ? p : undefined;
  }

  whereis(name: string): Pid | undefined {
    return this.sys.names.whereis(name);
  }

  // ---- signals from outside ------------------------------------------------

  /** `To ! Msg` from `from` (undefined: from outside the node's processes). */
  send(from: Pid | undefined, to: Pid | string | Ref, msg: Term): void {
    this.sys.send(from, to, msg);
  }

  /** `exit(To, Reason)` sent by `from` (undefined: from outside). */
  exitSignal(from: Pid | undefined, to: Pid, reason: Reason): void {
    this.sys.signals.exitSignal(from, to, reason);
  }

  /**
   * Kills a process that went over a memory bound, as `max_heap_size` with
   * `kill => true` does: exit reason `killed`, an error report in the log,
   * no other process touched (its links and monitors fire as for any death).
   */
  killOverLimit(pid: Pid, what: string): void {
    this.sys.killOverLimit(pid, what);
  }

  // ---- running -------------------------------------------------------------

  /** Processes waiting for their turn. */
  get runnable(): number {
    return this.sys.scheduler.runnable;
  }

  /**
   * Runs one process for up to `reductions` messages (default: the turn's
   * budget). Returns false when no process was runnable.
   */
  step(reductions?: number): boolean {
    return this.sys.scheduler.step(reductions);
  }

  /**
   * Runs until nothing is runnable. With `advanceTime` (virtual clock only),
   * also moves time to each next timer until none is left or `until` is reached.
   * Returns the number of process turns taken.
   */
  runUntilIdle(opts?: RunOptions): number {
    return this.sys.scheduler.runUntilIdle(opts);
  }

  /**
   * Charges the running process's turn `n` more reductions, for work done
   * besides taking messages (a person's module counts its loops and calls:
   * src/worker/sandbox). The turn ends sooner, as BEAM preempts a process
   * whose reductions ran out; it stays runnable.
   */
  charge(n: number): void {
    this.sys.scheduler.charge(n);
  }

  /** When the next timer is due, or undefined. */
  nextTimerAt(): number | undefined {
    return this.sys.timers.nextAt();
  }

  /** Fires every timer due at the clock's current time; returns how many fired. */
  fireDueTimers(): number {
    return this.sys.timers.fireDue();
  }

  // ---- distribution --------------------------------------------------------

  /**
   * Connects to node `peer`: signals for its pids go to `send`, and the peer
   * calls this node's {@link receiveRemote} with signals for ours.
   */
  connect(peer: number, send: SendToPeer): void {
    if (peer === this.id) throw new InputError(`node ${this.id}: cannot connect to itself`);
    this.sys.distribution().connect(peer, send);
  }

  /**
   * The connection to `peer` is gone (it stopped, or a netsplit): as
   * distributed Erlang does, every link to a process there fires an exit
   * signal `noconnection` and every monitor a `DOWN` `noconnection`.
   */
  disconnect(peer: number): void {
    if (this.sys.dist?.disconnect(peer)) connectionLost(this.sys, peer);
  }

  isConnected(peer: number): boolean {
    return this.sys.dist?.isConnected(peer) ?? false;
  }

  connectedNodes(): number[] {
    return this.sys.dist?.connectedPeers() ?? [];
  }

  /** A signal from a peer; pids and refs in it are rehydrated into this node's interned instances. */
  receiveRemote(signal: RemoteSignal): void {
    const dist = this.sys.dist;
    // After a disconnect nothing more arrives from that node (it may still be in flight).
    if (dist === null || !dist.isConnected(signal.src)) return;
    applySignal(this.sys, dist, signal);
  }

  /** The one Pid instance for `{ node, id }` (e.g. a pid the UI sent back after structured clone). */
  pidOf(w: RemotePid): Pid {
    return this.sys.pidOf(w);
  }

  /** A term from outside the node (the UI, the wire) with its plain `{ node, id }` pids made Pids again. */
  rehydrate(t: unknown): Term {
    return this.sys.distribution().decode(t);
  }
}
