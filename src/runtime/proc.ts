import type { Body, Ctx, Handler, ReceiveOptions, SpawnOptions, TimerRef } from './ctx';
import { ProcessExit } from './errors';
import type { Mailbox } from './mailbox';
import type { Node } from './node';
import type { Pid, Reason, Ref, Term } from './term';
import type { Timer } from './timers';
import type { TraceEvent } from './traceEvent';
import type { DistributiveOmit } from './ctx';

/** `pendingExit` when no exit is pending. */
export const NO_EXIT: unique symbol = Symbol('no_exit');

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
  match: ((msg: Term) => boolean) | null = null;
  after = -1;
  onTimeout: (() => void) | null = null;
  /** Mailbox entries already known not to match the current receive (OTP's save pointer). */
  scan = 0;
  /** Bumped whenever the receive is left, so a stale `after` timer is ignored. */
  rcvGen = 0;
  rcvTimer: Timer | null = null;
  timedOut = false;
  queued = false;
  pendingExit: Reason | typeof NO_EXIT = NO_EXIT;
  trapping: boolean;
  /** Linked pids, in link order. */
  links: Set<Pid> | null = null;
  /** Monitors this process holds: ref → target. */
  monitors: Map<Ref, Pid> | null = null;
  /** Monitors on this process: ref → watcher. */
  watchers: Map<Ref, Pid> | null = null;
  name: string | null = null;
  behaviour: string;
  describe: (() => Term) | null = null;

  constructor(
    readonly node: Node,
    readonly self: Pid,
    readonly parent: Pid | undefined,
    body: Body,
    opts: SpawnOptions | undefined,
  ) {
    this.body = body;
    this.trapping = opts?.trapExit ?? false;
    this.behaviour = opts?.behaviour ?? 'process';
  }

  get alive(): boolean {
    return this.status === Status.Alive && this.pendingExit === NO_EXIT;
  }

  get tracing(): boolean {
    return this.node.tracing;
  }

  now(): number {
    return this.node.clock.now();
  }
  random(): number {
    return this.node.random.next();
  }
  send(to: Pid | string, msg: Term): void {
    this.node.send(this.self, to, msg);
  }
  receive(handler: Handler, opts?: ReceiveOptions): void {
    this.handler = handler;
    this.match = opts?.match ?? null;
    this.after = opts?.after ?? -1;
    this.onTimeout = opts?.onTimeout ?? null;
    this.leaveReceive();
  }
  clearReceive(): void {
    this.handler = this.match = this.onTimeout = null;
    this.after = -1;
    this.leaveReceive();
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
    return this.node.spawnFrom(this, body, opts);
  }
  spawnLink(body: Body, opts?: SpawnOptions): Pid {
    return this.node.spawnFrom(this, body, { ...opts, link: true });
  }
  link(pid: Pid): void {
    this.node.link(this, pid);
  }
  unlink(pid: Pid): void {
    this.node.unlink(this, pid);
  }
  monitor(target: Pid | string): Ref {
    return this.node.monitor(this, target);
  }
  demonitor(ref: Ref, flush = false): boolean {
    return this.node.demonitor(this, ref, flush);
  }
  exit(reason: Reason): never {
    throw new ProcessExit(reason);
  }
  exitSignal(pid: Pid, reason: Reason): void {
    this.node.exitSignal(this.self, pid, reason);
  }
  trapExit(on: boolean): boolean {
    const old = this.trapping;
    this.trapping = on;
    if (old !== on && this.node.tracing) this.node.emit({ type: 'trap_exit', pid: this.self, on });
    return old;
  }
  isTrappingExits(): boolean {
    return this.trapping;
  }
  register(name: string): void {
    this.node.register(this, name);
  }
  unregister(): void {
    this.node.unregister(this);
  }
  whereis(name: string): Pid | undefined {
    return this.node.whereis(name);
  }
  isAlive(pid: Pid): boolean {
    return this.node.isAlive(pid);
  }
  sendAfter(ms: number, to: Pid | string, msg: Term): TimerRef {
    return this.node.sendAfter(this.self, ms, to, msg);
  }
  cancelTimer(ref: TimerRef): number | false {
    return this.node.cancelTimer(ref);
  }
  makeRef(): Ref {
    return this.node.makeRef();
  }
  trace(event: DistributiveOmit<TraceEvent, 't'>): void {
    if (this.node.tracing) this.node.emit(event);
  }
  setDescribe(describe: () => Term): void {
    this.describe = describe;
  }
  setBehaviour(label: string): void {
    this.behaviour = label;
  }
}
