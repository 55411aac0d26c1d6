import type { WirePid } from '../base';
import { exhaustiveSwitchError, pairKey } from '../base';
import type { Flavour, Term } from '../runtime';
import { lazyTransport } from './lazyTransport';
import type {
  ClusterEvent,
  Command,
  InspectInfo,
  NodeEvent,
  NodeLimits,
  NodeSpecData,
  WorkerStatus,
  SupervisorOp,
  Transport,
  UserModule,
} from './protocol';
import type { Problem } from './validateEvent';
import { checkNodeEvent } from './validateEvent';
import { Watchdog, unresponsiveReason } from './watchdog';
import { workerTransport } from './workerTransport';

/** A command that needs no answer. */
export type NodeCommand = Exclude<Command, { rid: number }>;
/** A command answered by a `reply`, without its rid (the client numbers requests). */
export type RequestCommand =
  Extract<Command, { rid: number }> extends infer C
    ? C extends unknown
      ? Omit<C, 'rid'>
      : never
    : never;

export interface BootOptions {
  flavour: Flavour;
  modules: UserModule[];
  seed: number;
  /** The node's process, mailbox and state limits; the runtime's defaults when omitted. */
  limits?: NodeLimits;
}

export interface ClusterOptions {
  /** How a node runs: by default a Worker, or in this thread where `Worker` does not exist. */
  makeTransport?: (node: number) => Transport;
  /** Default `new MessageChannel()`. */
  makeChannel?: () => { port1: MessagePort; port2: MessagePort };
  heartbeatMs?: number;
  /** Silence after which a node is terminated (default 1000 ms). */
  unresponsiveMs?: number;
  /** Allowance for a worker's script to load before its first `ready` (default 10 s). */
  startupMs?: number;
}

export interface NodeInfo {
  id: number;
  status: WorkerStatus;
  reason: string | undefined;
}

interface Entry {
  spec: NodeSpecData;
  boot: BootOptions;
  status: WorkerStatus;
  reason: string | undefined;
  transport: Transport | undefined;
  off: (() => void) | undefined;
  /** Kinds of bad message already reported for this run of the node (each is reported once). */
  reported: Set<string>;
  /** `error` events this node may still post now (refilled over time). */
  errorTokens: number;
  errorRefilledAt: number;
  /** `error` events not shown since the last one that was. */
  errorsHidden: number;
  /** Being rebuilt by a replay: its `ready` is not news (the page already shows the node up). */
  restoring: boolean;
}

/** A replay of a long record takes a while before its `ready`; more than a boot's allowance. */
const RESTORE_STARTUP_MS = 60_000;

/**
 * Trace events handed to listeners (the store's fold) in one task at most. A
 * bigger batch — a 10,000-child tree starting, or a flood's first burst — is
 * handed on in pieces a task apart, so the page answers input in between;
 * what comes after it (replies too) waits its turn, so the order holds.
 */
export const FOLD_CHUNK = 2_000;

/** An event waiting its turn to be handed on, or a reply's resolution. */
type Queued = { node: number; ev: NodeEvent } | { node: number; run: () => void };

/** `error` events a node may post in a burst; then {@link ERROR_REFILL_MS} apart. */
export const ERROR_BURST = 20;
export const ERROR_REFILL_MS = 250;

interface Pending {
  node: number;
  resolve: (v: Term) => void;
  reject: (e: Error) => void;
}

export const defaultTransport = (): Transport =>
  typeof Worker === 'undefined'
    ? lazyTransport(() => import('./inThreadTransport').then((m) => m.inThreadTransport()))
    : workerTransport();

/**
 * The main-thread side of a cluster of nodes: one Worker per node, a
 * MessageChannel between every pair (the distribution carrier), requests
 * answered as Promises, and a watchdog that terminates a node that stopped
 * answering. No React, no store: the store subscribes with {@link onEvent}
 * and {@link onCluster}.
 */
export class Cluster {
  private readonly entries = new Map<number, Entry>();
  private readonly pending = new Map<number, Pending>();
  /** Pairs cut by a netsplit, as `a:b` with a < b. */
  private readonly split = new Set<string>();
  private nodeListeners: ((node: number, ev: NodeEvent) => void)[] = [];
  private clusterListeners: ((ev: ClusterEvent) => void)[] = [];
  private rid = 0;
  private speed: number | undefined;
  private paused = false;
  private readonly watchdog: Watchdog;
  /** Events not yet handed on (see {@link FOLD_CHUNK}); empty almost always. */
  private outbox: Queued[] = [];
  private draining: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: ClusterOptions = {}) {
    this.watchdog = new Watchdog({
      ...(opts.heartbeatMs === undefined ? {} : { intervalMs: opts.heartbeatMs }),
      ...(opts.unresponsiveMs === undefined ? {} : { timeoutMs: opts.unresponsiveMs }),
      ping: (node, seq) => this.entries.get(node)?.transport?.post({ type: 'ping', seq }),
      onUnresponsive: (node, silent) => this.down(node, 'down', unresponsiveReason(silent)),
    });
  }

  // ---- nodes -----------------------------------------------------------------

  /** Starts a node and boots its tree; resolves with the root supervisor's pid. */
  startNode(spec: NodeSpecData, boot: BootOptions): Promise<WirePid> {
    const e = this.entries.get(spec.id);
    if (e !== undefined && (e.status === 'up' || e.status === 'starting'))
      return Promise.reject(new Error(`node ${spec.id} is already running`));
    const transport = this.open(spec, boot, false);
    this.emit({ type: 'node_starting', node: spec.id });
    this.watchdog.watch(spec.id, this.opts.startupMs ?? 10_000);
    // Connect before booting, so the tree's init can already reach the other nodes.
    for (const other of this.entries.keys())
      if (this.linkable(spec.id, other)) this.connectPair(spec.id, other);
    if (this.speed !== undefined) transport.post({ type: 'set_speed', speed: this.speed });
    const booted = this.request(spec.id, {
      type: 'boot',
      node: spec,
      flavour: boot.flavour,
      modules: boot.modules,
      seed: boot.seed,
      ...(boot.limits === undefined ? {} : { limits: boot.limits }),
    });
    if (this.paused) transport.post({ type: 'pause' });
    return booted as Promise<unknown> as Promise<WirePid>;
  }

  /** Stops a node as `init:stop()` would from outside: its peers see `noconnection`. */
  stopNode(id: number, reason = 'stopped'): void {
    this.down(id, 'stopped', reason);
  }

  /** Boots a stopped or crashed node again from its spec (or a new one). */
  restartNode(
    id: number,
    changes: { spec?: NodeSpecData; boot?: BootOptions } = {},
  ): Promise<WirePid> {
    const e = this.entries.get(id);
    if (e === undefined) return Promise.reject(new Error(`node ${id} is unknown`));
    if (e.status === 'up' || e.status === 'starting') this.down(id, 'stopped', 'restarting');
    return this.startNode(changes.spec ?? e.spec, changes.boot ?? e.boot);
  }

  // ---- for a resume (clusterRestore.ts, loaded with it) ---------------------

  /**
   * A node rebuilt from its record (a `replay` the caller posts): its `ready` is not news, as
   * the page already shows it up; a long record gets a longer allowance before that `ready`.
   */
  adopt(spec: NodeSpecData, boot: BootOptions): Transport {
    const transport = this.open(spec, boot, true);
    this.watchdog.watch(spec.id, RESTORE_STARTUP_MS);
    if (this.speed !== undefined) transport.post({ type: 'set_speed', speed: this.speed });
    return transport;
  }

  /** Every node goes, without a word to the listeners (the page shows another point already). */
  dropAll(reason: string): void {
    for (const id of [...this.entries.keys()]) this.down(id, 'stopped', reason, false);
  }

  /** The pairs cut by a netsplit, all at once. */
  setSplit(pairs: readonly (readonly [number, number])[]): void {
    this.split.clear();
    for (const [a, b] of pairs) this.split.add(pairKey(a, b));
  }

  /** A transport of the kind this cluster makes, for a node of its own (a probe). */
  transport(id: number): Transport {
    return (this.opts.makeTransport ?? defaultTransport)(id);
  }

  channel(): { port1: MessagePort; port2: MessagePort } {
    return (this.opts.makeChannel ?? (() => new MessageChannel()))();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  nodes(): NodeInfo[] {
    return [...this.entries].map(([id, e]) => ({ id, status: e.status, reason: e.reason }));
  }

  status(id: number): NodeInfo | undefined {
    const e = this.entries.get(id);
    return e && { id, status: e.status, reason: e.reason };
  }

  // ---- commands ----------------------------------------------------------

  post(node: number, cmd: NodeCommand, transfer?: Transferable[]): void {
    const t = this.entries.get(node)?.transport;
    if (t === undefined) throw new Error(`node ${node} is not running`);
    t.post(cmd, transfer);
  }

  /** A command answered by a reply: resolves with its value, rejects with its error text. */
  request(node: number, cmd: RequestCommand): Promise<Term> {
    const t = this.entries.get(node)?.transport;
    if (t === undefined) return Promise.reject(new Error(`node ${node} is not running`));
    const rid = ++this.rid;
    return new Promise<Term>((resolve, reject) => {
      this.pending.set(rid, { node, resolve, reject });
      t.post({ ...cmd, rid } as Command);
    });
  }

  call(node: number, to: WirePid | string, request: Term, timeout = 5000): Promise<Term> {
    return this.request(node, { type: 'call', to, request, timeout });
  }

  supervisor(node: number, sup: WirePid, op: SupervisorOp): Promise<Term> {
    return this.request(node, { type: 'supervisor', sup, ...op } as RequestCommand);
  }

  inspect(node: number, pid: WirePid): Promise<InspectInfo> {
    return this.request(node, { type: 'inspect', pid }) as Promise<unknown> as Promise<InspectInfo>;
  }

  /** Speed, pause, resume and step apply to every running node (and to nodes started later). */
  setSpeed(speed: number): void {
    this.speed = speed;
    this.broadcast({ type: 'set_speed', speed });
  }

  pause(): void {
    this.paused = true;
    this.broadcast({ type: 'pause' });
  }

  resume(): void {
    this.paused = false;
    this.broadcast({ type: 'resume' });
  }

  step(): void {
    this.paused = true;
    this.broadcast({ type: 'step' });
  }

  broadcast(cmd: NodeCommand): void {
    for (const e of this.entries.values())
      if (e.status === 'up' || e.status === 'starting') e.transport?.post(cmd);
  }

  // ---- connections ---------------------------------------------------------

  /** Cuts the connection between two nodes: links across it fire `noconnection`, as a real netsplit does. */
  netsplit(a: number, b: number): void {
    if (a === b) return;
    const connected = this.linkable(a, b);
    this.split.add(pairKey(a, b));
    if (!connected) return;
    this.entries.get(a)?.transport?.post({ type: 'disconnect', peer: b });
    this.entries.get(b)?.transport?.post({ type: 'disconnect', peer: a });
    this.emit({ type: 'nodes_disconnected', a, b, why: 'netsplit' });
  }

  /** Reconnects two nodes (links broken by the split stay broken, as in Erlang). */
  heal(a: number, b: number): void {
    if (!this.split.delete(pairKey(a, b))) return;
    if (this.linkable(a, b)) this.connectPair(a, b);
  }

  isSplit(a: number, b: number): boolean {
    return this.split.has(pairKey(a, b));
  }

  // ---- events ------------------------------------------------------------

  /** Every node event (except watchdog pongs), with the node it came from. */
  onEvent(fn: (node: number, ev: NodeEvent) => void): () => void {
    this.nodeListeners = [...this.nodeListeners, fn];
    return () => {
      this.nodeListeners = this.nodeListeners.filter((l) => l !== fn);
    };
  }

  onCluster(fn: (ev: ClusterEvent) => void): () => void {
    this.clusterListeners = [...this.clusterListeners, fn];
    return () => {
      this.clusterListeners = this.clusterListeners.filter((l) => l !== fn);
    };
  }

  /** Terminates every node. */
  dispose(): void {
    for (const id of [...this.entries.keys()]) this.down(id, 'stopped', 'disposed', false);
    if (this.draining !== undefined) clearTimeout(this.draining);
    this.draining = undefined;
    const waiting = this.outbox;
    this.outbox = [];
    for (const q of waiting) if ('run' in q) q.run();
    this.watchdog.stop();
    this.nodeListeners = [];
    this.clusterListeners = [];
  }

  // ---- internals -----------------------------------------------------------

  /** A new worker for node `spec.id`, its events coming through {@link fromNode}. */
  private open(spec: NodeSpecData, boot: BootOptions, restoring: boolean): Transport {
    const transport = this.transport(spec.id);
    const entry: Entry = {
      spec,
      boot,
      status: 'starting',
      reason: undefined,
      transport,
      off: undefined,
      reported: new Set(),
      errorTokens: ERROR_BURST,
      errorRefilledAt: now(),
      errorsHidden: 0,
      restoring,
    };
    this.entries.set(spec.id, entry);
    entry.off = transport.onEvent((ev: unknown) => this.fromNode(spec.id, ev));
    return transport;
  }

  /**
   * Everything a node's worker posts comes through here. The worker runs a
   * person's code, so nothing is trusted: the message is checked against the
   * protocol (`validateEvent.ts`; a batch may only describe its own node, bad
   * trace events are dropped and the rest applies), a `ready` counts only
   * while the node is starting, a reply only for a request made to that node,
   * and `error` events are rate-limited. Each kind of bad message is reported
   * once per run of the node, as an `error` event. Never throws.
   */
  private fromNode(node: number, raw: unknown): void {
    const e = this.entries.get(node);
    if (e === undefined || e.status === 'down' || e.status === 'stopped') return;
    const { event: ev, problems } = checkNodeEvent(node, raw);
    for (const p of problems) this.problem(node, e, p);
    if (ev === undefined) return;
    switch (ev.type) {
      case 'pong':
        return this.watchdog.pong(node, ev.seq);
      case 'ready':
        // A second ready would make the store forget the node's tree: only a starting node may say it.
        if (e.status !== 'starting')
          return this.problem(node, e, {
            kind: 'ready',
            message: `node ${node} said it was ready while ${e.status}; ignored`,
          });
        e.status = 'up';
        this.watchdog.watch(node);
        if (e.restoring) {
          e.restoring = false;
          return;
        }
        this.emit({ type: 'node_up', node });
        break;
      case 'reply': {
        const p = this.pending.get(ev.rid);
        // A reply for another node's request (or none) is not this node's to give.
        if (p === undefined || p.node !== node) return;
        this.pending.delete(ev.rid);
        // After what the node posted before it has been handed on (the tree its boot started).
        return this.inOrder(node, () => {
          if (ev.ok) p.resolve(ev.value);
          else p.reject(new Error(ev.error));
        });
      }
      case 'error':
        if (ev.fatal) {
          this.forward(node, ev);
          return this.down(node, 'down', ev.message);
        }
        if (!this.errorAllowed(e)) return;
        if (e.errorsHidden > 0) {
          const hidden = e.errorsHidden;
          e.errorsHidden = 0;
          this.forward(node, {
            type: 'error',
            message: `node ${node}: ${hidden.toLocaleString('en')} more errors not shown`,
          });
        }
        break;
      case 'batch':
        break;
      default:
        exhaustiveSwitchError(ev);
    }
    this.forward(node, ev);
  }

  /** Reports a bad message from `node`, once per kind for this run of it. */
  private problem(node: number, e: Entry, p: Problem): void {
    if (e.reported.has(p.kind)) return;
    e.reported.add(p.kind);
    this.forward(node, { type: 'error', message: `${p.message} (reported once)` });
  }

  /** A token bucket: {@link ERROR_BURST} at once, then one per {@link ERROR_REFILL_MS}. */
  private errorAllowed(e: Entry): boolean {
    const t = now();
    const refill = Math.floor((t - e.errorRefilledAt) / ERROR_REFILL_MS);
    if (refill > 0) {
      e.errorTokens = Math.min(ERROR_BURST, e.errorTokens + refill);
      e.errorRefilledAt = t;
    }
    if (e.errorTokens <= 0) {
      e.errorsHidden++;
      return false;
    }
    e.errorTokens--;
    return true;
  }

  private forward(node: number, ev: NodeEvent): void {
    const big = ev.type === 'batch' && ev.events.length > FOLD_CHUNK;
    if (this.outbox.length === 0 && !big) return this.deliver(node, ev);
    for (const piece of big ? pieces(ev as Batch) : [ev]) this.outbox.push({ node, ev: piece });
    this.drain();
  }

  /** Runs `fn` now, or after what is queued. */
  private inOrder(node: number, fn: () => void): void {
    if (this.outbox.length === 0) return fn();
    this.outbox.push({ node, run: fn });
  }

  /** Hands on one queued piece now and the rest a task apart. */
  private drain(): void {
    if (this.draining !== undefined) return;
    const next = this.outbox.shift();
    if (next === undefined) return;
    if ('run' in next) next.run();
    else this.deliver(next.node, next.ev);
    if (this.outbox.length > 0)
      this.draining = setTimeout(() => {
        this.draining = undefined;
        this.drain();
      }, 0);
  }

  private deliver(node: number, ev: NodeEvent): void {
    for (const l of this.nodeListeners) l(node, ev);
  }

  /** The node is gone: terminate its worker, tell its peers, fail its pending requests. */
  private down(id: number, status: 'down' | 'stopped', reason: string, announce = true): void {
    const e = this.entries.get(id);
    if (e === undefined || e.status === 'down' || e.status === 'stopped') return;
    this.watchdog.unwatch(id);
    // What it posted and is not handed on yet goes too: it would show its processes alive again.
    this.outbox = this.outbox.filter((q) => q.node !== id || 'run' in q);
    e.off?.();
    e.transport?.terminate();
    e.transport = undefined;
    e.off = undefined;
    e.status = status;
    e.reason = reason;
    for (const [rid, p] of [...this.pending]) {
      if (p.node !== id) continue;
      this.pending.delete(rid);
      p.reject(new Error(`node ${id} is ${status}: ${reason}`));
    }
    for (const other of this.entries.keys()) {
      if (other === id || !this.running(other) || this.isSplit(id, other)) continue;
      this.entries.get(other)?.transport?.post({ type: 'disconnect', peer: id });
      if (announce)
        this.emit({
          type: 'nodes_disconnected',
          a: Math.min(id, other),
          b: Math.max(id, other),
          why: 'node_down',
        });
    }
    if (announce) this.emit({ type: 'node_down', node: id, reason });
  }

  private running(id: number): boolean {
    const s = this.entries.get(id)?.status;
    return s === 'up' || s === 'starting';
  }

  private linkable(a: number, b: number): boolean {
    return a !== b && this.running(a) && this.running(b) && !this.isSplit(a, b);
  }

  private connectPair(a: number, b: number): void {
    const ch = this.channel();
    this.entries.get(a)?.transport?.post({ type: 'connect', peer: b, port: ch.port1 }, [ch.port1]);
    this.entries.get(b)?.transport?.post({ type: 'connect', peer: a, port: ch.port2 }, [ch.port2]);
    this.emit({ type: 'nodes_connected', a: Math.min(a, b), b: Math.max(a, b) });
  }

  private emit(ev: ClusterEvent): void {
    for (const l of this.clusterListeners) l(ev);
  }
}

const now = (): number => performance.now();

type Batch = Extract<NodeEvent, { type: 'batch' }>;

/** A batch as pieces of {@link FOLD_CHUNK} events; the last carries its counts and states. */
function pieces(b: Batch): Batch[] {
  const out: Batch[] = [];
  for (let i = 0; i < b.events.length; i += FOLD_CHUNK) {
    const last = i + FOLD_CHUNK >= b.events.length;
    const events = b.events.slice(i, i + FOLD_CHUNK);
    out.push(
      last
        ? { ...b, events }
        : { type: 'batch', node: b.node, now: b.now, events, summary: undefined, states: [] },
    );
  }
  return out;
}

/** A cluster of nodes, each in its own Worker (or in-thread where workers do not exist). */
export function createCluster(opts: ClusterOptions = {}): Cluster {
  return new Cluster(opts);
}
