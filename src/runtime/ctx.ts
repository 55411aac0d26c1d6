import type { Pid, Ref, Term, Reason } from './term';
import type { TraceEvent } from './traceEvent';

/** Handles one message taken from the mailbox. */
export type Handler = (msg: Term) => void;

export interface ReceiveOptions {
  /** Selective receive: messages it rejects stay in the mailbox, in order. */
  match?: ((msg: Term) => boolean) | undefined;
  /**
   * A mark from {@link Ctx.mark}, taken just before making a fresh ref or
   * pid: messages that arrived before it may be skipped. OTP's receive-marker
   * optimisation (recv_mark): it is only a hint, valid because `match` accepts
   * nothing older (it matches that fresh ref/pid), and it lets a supervisor with
   * 10,000 queued EXITs find its child's ack at once.
   */
  since?: number | undefined;
  /** `after` in ms: runs `onTimeout` when nothing matched for that long. */
  after?: number | undefined;
  onTimeout?: (() => void) | undefined;
}

/** Anything that can tell the inspector a process's current state (a gen_server's loop). */
export interface StateSource {
  describe(): Term;
}

/** A process body: installs a receive handler (or exits). Returning without one ends the process `normal`. */
export type Body = (ctx: Ctx) => void;

export interface SpawnOptions {
  link?: boolean;
  trapExit?: boolean;
  /** A label for the inspector and the picture: `gen_server:counter`, `supervisor`, … */
  behaviour?: string;
}

/**
 * `erlang:monitor/3`'s `{alias, Mode}`: the monitor's ref is also an alias of
 * the caller (erlang:alias/1). `demonitor`: the alias is deactivated when the
 * monitor goes (demonitor, or its DOWN); `explicit_unalias`: only by `unalias`.
 */
export interface MonitorOptions {
  alias?: 'demonitor' | 'explicit_unalias';
}

/** A timer handle from `sendAfter`. */
export interface TimerRef {
  readonly id: number;
}

/**
 * What a running process can do. Mirrors the Erlang BIFs it is named after;
 * every call acts as the current process.
 */
export interface Ctx {
  readonly self: Pid;
  /** The process that spawned this one (the `$ancestors` head); undefined for processes spawned from outside. */
  readonly parent: Pid | undefined;
  now(): number;
  random(): number;
  /**
   * `Dest ! Msg`. Raises `badarg` for an unregistered name; a dead pid, or an
   * alias (a {@link Ref}) that is no longer active, drops it silently.
   */
  send(to: Pid | string | Ref, msg: Term): void;
  /**
   * Installs the receive loop. The handler stays installed (a tail-recursive
   * `loop()`) until `receive` is called again or the process exits; `after`
   * restarts each time the process blocks, as a re-entered `receive … after` does.
   */
  receive(handler: Handler, opts?: ReceiveOptions): void;
  /** The mailbox position now, for {@link ReceiveOptions.since}. */
  mark(): number;
  /** Leaves the receive loop: unless a new `receive` follows, the process ends `normal`, as a returning body does. */
  clearReceive(): void;
  spawn(body: Body, opts?: SpawnOptions): Pid;
  spawnLink(body: Body, opts?: SpawnOptions): Pid;
  /** `link/1`: raises `noproc` for a dead pid unless trapping exits (then `{'EXIT', Pid, noproc}` arrives). */
  link(pid: Pid): void;
  unlink(pid: Pid): void;
  /**
   * `monitor(process, Target)` (`monitor/3` with options): a dead or unknown
   * target gives an immediate `DOWN` with `noproc`.
   */
  monitor(target: Pid | string, opts?: MonitorOptions): Ref;
  /** `demonitor(Ref, [flush])` when `flush`; returns false if the monitor was already gone. */
  demonitor(ref: Ref, flush?: boolean): boolean;
  /** `erlang:alias()`: a ref that messages can be sent to, reaching this process while active. */
  alias(): Ref;
  /** `erlang:unalias(Alias)`: deactivates one of this process's aliases; false if it was not active. */
  unalias(alias: Ref): boolean;
  /** `exit(Reason)`: ends this process now. */
  exit(reason: Reason): never;
  /**
   * `exit(Pid, Reason)`: sends an exit signal. Sent to itself, a signal that
   * kills the caller ends it before `exitSignal` returns, as erlang:exit/2 does.
   */
  exitSignal(pid: Pid, reason: Reason): void;
  /** `process_flag(trap_exit, On)`; returns the old value. */
  trapExit(on: boolean): boolean;
  isTrappingExits(): boolean;
  register(name: string): void;
  unregister(): void;
  whereis(name: string): Pid | undefined;
  isAlive(pid: Pid): boolean;
  sendAfter(ms: number, to: Pid | string | Ref, msg: Term): TimerRef;
  /** Returns the ms that were left, or false if the timer had fired or was cancelled. */
  cancelTimer(ref: TimerRef): number | false;
  makeRef(): Ref;
  /** Emits a behaviour-level trace event stamped with this node's time (no-op when nobody observes). */
  trace(event: DistributiveOmit<TraceEvent, 't'>): void;
  /** Whether any observer is attached (so behaviours can skip building events). */
  readonly tracing: boolean;
  /** What the inspector shows as this process's state (asked only when it is looked at). */
  setDescribe(source: StateSource): void;
  /** Changes the inspector label (a gen_server learns its module only in init). */
  setBehaviour(label: string): void;
}

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
