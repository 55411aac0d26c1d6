import type {
  Body,
  Ctx,
  Handler,
  MonitorOptions,
  ReceiveOptions,
  SpawnOptions,
  StateSource,
  TimerRef,
} from './ctx';
import { KilledBySignal, ProcessExit } from './errors';
import type { Mailbox } from './mailbox';
import type { ProcessSystem } from './system';
import type { Pid, Reason, Ref, Term } from './term';
import type { Timer } from './timers';
import type { TraceEvent } from './traceEvent';
import type { DistributiveOmit } from './ctx';

/** `pendingExit` when no exit is pending. */
export const NO_EXIT: unique symbol = Symbol('no_exit');

interface ProcExt {
  monitors: Map<Ref, Pid> | null;
  watchers: Map<Ref, Pid> | null;
  name: string | null;
}

export const enum Status {
  Alive = 0,
  Dead = 2,
}

/**
 * One process's state. Implements {@link Ctx} on the prototype, so an idle
 * process costs one object plus its pid (the spawn benchmark counts bytes).
 * Fields are all initialised in the constructor to keep one hidden class.
 */
export class Proc implements Ctx {
  status: Status = Status.Alive;
  mailbox: Mailbox<Term> | null = null;
  /** Body not yet run: a new process runs it on its first turn. */
  body: Body | null;
  handler: Handler | null = null;
  /** The current receive's options, kept as given (no copy per receive). */
  rcv: ReceiveOptions | null = null;
  /** Mailbox entries already known not to match the current receive (OTP's save pointer). */
  scan = 0;
  /** Bumped whenever the receive is left, so a stale `after` timer is ignored. */
  rcvGen = 0;
  rcvTimer: Timer | null = null;
  timedOut = false;
  queued = false;
  pendingExit: Reason | typeof NO_EXIT = NO_EXIT;
  trapping: boolean;
  /**
   * Linked pids, in link order: none, one held inline, or a Set. Most
   * processes have exactly one link (to their supervisor), and a Set per
   * process was a third of what a restart storm allocated.
   */
  private links: Pid | Set<Pid> | null = null;
  behaviour: string;
  /** What the inspector shows as the state (a gen_server's loop); a field, not in `ext`, as every server has one. */
  stateSource: StateSource | null = null;
  /** Rarely used state, allocated on first use so an idle process stays small. */
  private ext: ProcExt | null = null;

  constructor(
    /** Its node's inside, as a process reaches it (the public `Node` is not used here). */
    readonly sys: ProcessSystem,
    readonly self: Pid,
    readonly parent: Pid | undefined,
    body: Body,
    opts: SpawnOptions | undefined,
  ) {
    this.body = body;
    this.trapping = opts?.trapExit ?? false;
    this.behaviour = opts?.behaviour ?? 'process';
  }

  get match(): ((msg: Term) => boolean) | null {
    return this.rcv?.match ?? null;
  }
  get after(): number {
    return this.rcv?.after ?? -1;
  }
  get since(): number {
    return this.rcv?.since ?? 0;
  }
  get onTimeout(): (() => void) | null {
    return this.rcv?.onTimeout ?? null;
  }
  /** Monitors this process holds: ref → target. */
  get monitors(): Map<Ref, Pid> | null {
    return this.ext?.monitors ?? null;
  }
  set monitors(v: Map<Ref, Pid> | null) {
    this.extension().monitors = v;
  }
  /** Monitors on this process: ref → watcher. */
  get watchers(): Map<Ref, Pid> | null {
    return this.ext?.watchers ?? null;
  }
  set watchers(v: Map<Ref, Pid> | null) {
    this.extension().watchers = v;
  }
  get name(): string | null {
    return this.ext?.name ?? null;
  }
  set name(v: string | null) {
    this.extension().name = v;
  }
  private extension(): ProcExt {
    return (this.ext ??= { monitors: null, watchers: null, name: null });
  }

  hasLink(pid: Pid): boolean {
    const l = this.links;
    return l === pid || (l instanceof Set && l.has(pid));
  }
  /** Adds a link (no-op if present). */
  addLink(pid: Pid): void {
    const l = this.links;
    if (l === null) this.links = pid;
    else if (l instanceof Set) l.add(pid);
    else if (l !== pid) this.links = new Set<Pid>().add(l).add(pid);
  }
  /** Removes a link; false if there was none. */
  removeLink(pid: Pid): boolean {
    const l = this.links;
    if (l === pid) {
      this.links = null;
      return true;
    }
    return l instanceof Set && l.delete(pid);
  }
  /** The linked pids in link order (a copy: safe to change links while iterating). */
  linkedPids(): Pid[] {
    const l = this.links;
    return l === null ? [] : l instanceof Set ? [...l] : [l];
  }
  /** Removes every link, returning them in link order (a dying process). */
  takeLinks(): Pid | Set<Pid> | null {
    const l = this.links;
    this.links = null;
    return l;
  }

  get alive(): boolean {
    return this.status === Status.Alive && this.pendingExit === NO_EXIT;
  }

  get tracing(): boolean {
    return this.sys.tracing;
  }

  now(): number {
    return this.sys.clock.now();
  }
  random(): number {
    return this.sys.random.next();
  }
  send(to: Pid | string | Ref, msg: Term): void {
    this.sys.send(this.self, to, msg);
  }
  receive(handler: Handler, opts?: ReceiveOptions): void {
    this.handler = handler;
    this.rcv = opts ?? null;
    this.leaveReceive();
  }
  clearReceive(): void {
    this.handler = null;
    this.rcv = null;
    this.leaveReceive();
  }
  mark(): number {
    return this.mailbox?.pushed ?? 0;
  }
  /** Forgets the save pointer and any armed `after`: the next block starts a fresh receive. */
  leaveReceive(): void {
    this.scan = 0;
    this.rcvGen++;
    if (this.rcvTimer !== null) {
      this.rcvTimer.cancelled = true;
      this.rcvTimer = null;
    }
  }
  spawn(body: Body, opts?: SpawnOptions): Pid {
    return this.sys.spawn(this, body, opts, opts?.link === true);
  }
  spawnLink(body: Body, opts?: SpawnOptions): Pid {
    return this.sys.spawn(this, body, opts, true);
  }
  link(pid: Pid): void {
    this.sys.signals.link(this, pid);
  }
  unlink(pid: Pid): void {
    this.sys.signals.unlink(this, pid);
  }
  monitor(target: Pid | string, opts?: MonitorOptions): Ref {
    return this.sys.signals.monitor(this, target, opts?.alias);
  }
  demonitor(ref: Ref, flush = false): boolean {
    return this.sys.signals.demonitor(this, ref, flush);
  }
  alias(): Ref {
    return this.sys.aliases.alias(this);
  }
  unalias(alias: Ref): boolean {
    return this.sys.aliases.unalias(this, alias);
  }
  exit(reason: Reason): never {
    throw new ProcessExit(reason);
  }
  exitSignal(pid: Pid, reason: Reason): void {
    this.sys.signals.exitSignal(this.self, pid, reason);
    // erlang:exit/2 on self(): a signal that kills the caller takes effect before the BIF returns.
    if (pid === this.self && this.pendingExit !== NO_EXIT && this.sys.scheduler.isRunning(this))
      throw new KilledBySignal();
  }
  trapExit(on: boolean): boolean {
    const old = this.trapping;
    this.trapping = on;
    if (old !== on && this.sys.tracing) this.sys.emit({ type: 'trap_exit', pid: this.self, on });
    return old;
  }
  isTrappingExits(): boolean {
    return this.trapping;
  }
  register(name: string): void {
    this.sys.names.register(this, name);
  }
  unregister(): void {
    this.sys.names.unregister(this);
  }
  whereis(name: string): Pid | undefined {
    return this.sys.names.whereis(name);
  }
  isAlive(pid: Pid): boolean {
    return this.sys.lookup(pid)?.alive ?? false;
  }
  sendAfter(ms: number, to: Pid | string | Ref, msg: Term): TimerRef {
    return this.sys.timers.sendAfter(this.self, ms, to, msg);
  }
  cancelTimer(ref: TimerRef): number | false {
    return this.sys.timers.cancel(ref);
  }
  makeRef(): Ref {
    return this.sys.makeRef();
  }
  trace(event: DistributiveOmit<TraceEvent, 't'>): void {
    if (this.sys.tracing) this.sys.emit(event);
  }
  setDescribe(source: StateSource): void {
    this.stateSource = source;
  }
  setBehaviour(label: string): void {
    this.behaviour = label;
  }
}
