import type { Ctx, Pid, RemoteSignal, Term, TraceEvent } from '../runtime';
import type { WirePid } from '../base';
import {
  DEFAULT_SPEED,
  InvariantError,
  exhaustiveSwitchError,
  describeError as errorText,
  pidKey,
  speedProblem,
} from '../base';
import { ErlangError, InputError, Node, ScaledClock, VirtualClock, formatTerm } from '../runtime';
import type { TreeEnv } from './buildTree';
import { buildRoot } from './buildTree';
import { EventBatcher } from './eventBatcher';
import type { BootCommand, JournalInput } from './journal';
import { Journal, digestEvents, isRecorded } from './journal';
import { Peers } from './peers';
import { inspectInfo, plainEvents, toPlain } from './plain';
import type { Command, NodeEvent, NodeLimits, StateSnapshot } from './protocol';
import { PROTOCOL_VERSION } from './protocol';
import type { FlushInput, Until } from './replayRun';
import { ReplayRun } from './replayRun';
import { RunLoop } from './runLoop';
import type { Scheduler } from './scheduler';
import type { Outcome } from './shell';
import { Shell } from './shell';
import { supervisorRequest } from './supervisorOps';
import { termSize } from './termSize';
import { compileModules } from './userModule';

export interface HostDeps {
  /** Posts an event to the main thread (`postMessage` in the worker). */
  post(ev: NodeEvent): void;
  /** Real time in ms (`performance.now`). */
  now(): number;
  scheduler: Scheduler;
  /** Real ms between batches (one animation frame). */
  frameMs?: number;
  /** Real ms of work per scheduler slice. */
  sliceMs?: number;
  /** The speed before any `set_speed`: slow enough to follow each message. */
  defaultSpeed?: number;
}

/** State snapshots read per batch; more wait for the next one (a 10,000-process tree changes many a frame). */
export const MAX_STATES_PER_BATCH = 2_000;
/** A state bigger than this is not posted (the page would spend a frame cloning it): its size is shown. */
export const MAX_POSTED_STATE_TERMS = 50_000;

/** A booted node and everything that runs it. */
interface Running {
  node: Node;
  /** Real time at the chosen speed (when slices are due). */
  clock: ScaledClock;
  /** The node's time, held still for each input: moved only when one starts (journal.ts). */
  held: VirtualClock;
  loop: RunLoop;
  shell: Shell;
  env: TreeEnv;
}

/**
 * Hosts one runtime {@link Node} for one worker: handles every protocol
 * {@link Command}, runs the node in real time ({@link RunLoop}), acts for the
 * person through the {@link Shell} process, and posts a `batch` of trace
 * events and changed states once per frame. Nothing throws out of it: bad
 * input is a `reply ok:false` (commands with a rid) or an `error` event.
 */
export class NodeHost {
  private running: Running | undefined;
  private readonly batcher = new EventBatcher();
  /** Pids whose behaviour state changed since the last batch. */
  private readonly dirty = new Set<Pid>();
  /** Child ids by pid, from `child_started`, to name supervisors in messages. */
  private readonly ids = new Map<Pid, string>();
  private readonly peers = new Peers();
  private flushCancel: (() => void) | undefined;
  private speed: number;
  private busy = false;
  private readonly queue: Command[] = [];
  /** What this run did, for a replay (journal.ts); posted with each batch. */
  private readonly journal = new Journal();
  /** While a `replay` runs its inputs: nothing is posted or recorded, batches are compared. */
  private replaying: ReplayRun | undefined;

  constructor(private readonly deps: HostDeps) {
    this.speed = deps.defaultSpeed ?? DEFAULT_SPEED;
  }

  /** Posts to the main thread; a replay posts nothing (its answers were given the first time). */
  private out(ev: NodeEvent): void {
    if (this.replaying === undefined) this.deps.post(ev);
  }

  /** The node, once booted (tests read it). */
  get node(): Node | undefined {
    return this.running?.node;
  }

  handle(cmd: Command): void {
    // A command posted from inside an event handler while we run is taken after, never re-entrantly.
    if (this.busy) {
      this.queue.push(cmd);
      return;
    }
    this.busy = true;
    try {
      for (let c: Command | undefined = cmd; c !== undefined; c = this.queue.shift())
        this.guarded(c);
    } finally {
      this.busy = false;
    }
    this.afterWork();
  }

  /** Stops the loop and closes the peer ports (the worker is going away). */
  dispose(): void {
    this.running?.loop.stop();
    this.flushCancel?.();
    this.peers.closeAll();
  }

  private guarded(cmd: Command): void {
    try {
      this.dispatch(cmd);
    } catch (e) {
      const message =
        e instanceof InputError || e instanceof ErlangError
          ? e.message
          : `${describeError(e)} (while handling ${String(cmd?.type)})`;
      if (hasRid(cmd)) this.replyError(cmd.rid, message);
      else this.error(message);
    }
  }

  private dispatch(cmd: Command): void {
    switch (cmd.type) {
      case 'ping':
        return this.out({ type: 'pong', seq: cmd.seq });
      case 'boot':
        return this.boot(cmd);
      case 'replay':
        return this.replay(cmd);
      case 'set_speed':
        return this.setSpeed(cmd.speed);
      case 'connect':
        return this.connect(cmd.peer, cmd.port, cmd.attach);
      case 'disconnect':
        return this.disconnect(cmd.peer);
      // These act on a booted node: the switch below.
      case 'pause':
      case 'resume':
      case 'step':
      case 'send':
      case 'call':
      case 'crash':
      case 'exit_signal':
      case 'link':
      case 'unlink':
      case 'monitor':
      case 'trap_exit':
      case 'supervisor':
      case 'inspect':
        break;
      default:
        return unknownCommand(cmd);
    }
    const r = this.running;
    if (r === undefined) throw new InputError(`${cmd.type}: the node is not booted yet`);
    if (isRecorded(cmd)) this.record({ k: 'cmd', at: this.begin(), cmd });
    switch (cmd.type) {
      case 'pause':
        return r.loop.pause();
      case 'resume':
        return r.loop.resume();
      case 'step':
        r.loop.step();
        return;
      case 'send':
        return this.as(r.shell.ctx, 'send', (ctx) =>
          ctx.send(this.target(r, cmd.to, 'send'), r.node.rehydrate(cmd.msg)),
        );
      case 'call':
        return this.call(r, cmd.rid, cmd.to, cmd.request, cmd.timeout);
      case 'crash':
        return this.crash(r, cmd.pid, cmd.reason);
      case 'exit_signal':
        return this.as(r.shell.ctx, 'exit', (ctx) =>
          ctx.exitSignal(r.node.pidOf(cmd.pid), r.node.rehydrate(cmd.reason)),
        );
      case 'link':
        return this.as(this.live(r, cmd.a, 'link'), 'link', (ctx) => ctx.link(r.node.pidOf(cmd.b)));
      case 'unlink':
        return this.as(this.live(r, cmd.a, 'unlink'), 'unlink', (ctx) =>
          ctx.unlink(r.node.pidOf(cmd.b)),
        );
      case 'monitor':
        return this.as(
          this.live(r, cmd.watcher, 'monitor'),
          'monitor',
          (ctx) => void ctx.monitor(r.node.pidOf(cmd.target)),
        );
      case 'trap_exit':
        return this.as(
          this.live(r, cmd.pid, 'trap_exit'),
          'trap_exit',
          (ctx) => void ctx.trapExit(cmd.on === true),
        );
      case 'supervisor':
        return this.supervisor(r, cmd);
      case 'inspect': {
        const info = r.node.processInfo(r.node.pidOf(cmd.pid));
        if (info === undefined)
          return this.replyError(cmd.rid, `inspect: ${pidKey(cmd.pid)} is not alive`);
        return this.out({
          type: 'reply',
          rid: cmd.rid,
          ok: true,
          value: inspectInfo(info) as unknown as Term,
        });
      }
      default:
        return unknownCommand(cmd);
    }
  }

  // ---- boot ------------------------------------------------------------------

  private boot(cmd: BootCommand): void {
    if (this.running !== undefined)
      return this.replyError(cmd.rid, `boot: node ${this.running.node.id} is already booted`);
    // Ready before anything of the person's runs: the watchdog starts timing from here, so even a
    // module whose top-level code never returns is caught.
    this.out({ type: 'ready', version: PROTOCOL_VERSION, node: cmd.node.id });
    const clock = new ScaledClock(this.deps.now, this.speed);
    const held = new VirtualClock();
    const node = new Node({
      id: cmd.node.id,
      clock: held,
      seed: cmd.seed,
      ...nodeLimits(cmd.limits),
    });
    const env: TreeEnv = {
      flavour: cmd.flavour,
      // Compiled when first used, so a module's code runs only in nodes that use it.
      modules: compileModules(cmd.modules ?? [], (m) => this.error(m), {
        charge: (n) => node.charge(n),
      }),
      term: (t) => node.rehydrate(t),
    };
    const built = buildRoot(cmd.node, env);
    if (!built.ok) return this.replyError(cmd.rid, built.error);
    node.observe((ev) => this.observe(ev));
    const loop = new RunLoop({
      node,
      clock,
      nodeClock: held,
      inputs: {
        begin: () => this.begin(),
        slice: (at, turns, idle) => this.record({ k: 'slice', at, turns, idle }),
        step: (at) => this.record({ k: 'step', at }),
      },
      scheduler: this.deps.scheduler,
      now: this.deps.now,
      afterWork: () => this.afterWork(),
      onError: (e) => this.error(`BUG: ${describeError(e)}`),
      ...(this.deps.sliceMs === undefined ? {} : { sliceMs: this.deps.sliceMs }),
    });
    const shell = new Shell(node);
    this.running = { node, clock, held, loop, shell, env };
    if (this.replaying !== undefined) loop.setFrozen(true);
    this.record({ k: 'boot', at: 0, cmd, peers: this.peers.ids() });
    for (const peer of this.peers.ids()) node.connect(peer, this.peers.sender(peer));
    const root = cmd.node.root;
    const opts = root.name === undefined ? {} : { name: root.name };
    // The shell starts the root as the application master would, and says which child id it is.
    shell.startRoot(root.id, built.value, opts, (res) => {
      if (!res.ok)
        return this.replyError(
          cmd.rid,
          `boot: supervisor ${root.id} failed to start: ${formatTerm(res.error)}`,
        );
      this.out({ type: 'reply', rid: cmd.rid, ok: true, value: res.value });
    });
    loop.kick();
  }

  // ---- acting for the person ---------------------------------------------

  private setSpeed(speed: number): void {
    const problem = speedProblem(speed);
    if (problem !== undefined) throw new InputError(`set_speed: ${problem}`);
    this.speed = speed;
    this.running?.loop.setSpeed(speed);
  }

  /** Runs `act` as a process; an Erlang error (badarg, noproc) becomes a message, not a crash of it. */
  private as(ctx: Ctx, what: string, act: (ctx: Ctx) => void): void {
    try {
      act(ctx);
    } catch (e) {
      if (e instanceof ErlangError) throw new InputError(`${what}: ${explain(e.reason)}`);
      throw e;
    }
    this.running?.loop.kick();
  }

  private live(r: Running, p: WirePid, what: string): Ctx {
    const ctx = r.node.ctxOf(r.node.pidOf(p));
    if (ctx === undefined) throw new InputError(`${what}: ${pidKey(p)} is not alive`);
    return ctx;
  }

  /** A pid, or a registered name looked up now (an unknown one is `badarg`, as `!` would raise). */
  private target(r: Running, to: WirePid | string, what: string): Pid {
    if (typeof to !== 'string') return r.node.pidOf(to);
    const pid = r.node.whereis(to);
    if (pid === undefined) throw new InputError(`${what}: no process is registered as '${to}'`);
    return pid;
  }

  private call(
    r: Running,
    rid: number,
    to: WirePid | string,
    request: Term,
    timeout: number,
  ): void {
    const server = this.target(r, to, 'call');
    const t = typeof timeout === 'number' && timeout >= 0 ? timeout : 5000;
    r.shell.request(server, r.node.rehydrate(request), t, (res) =>
      this.answer(rid, res, `call to ${typeof to === 'string' ? to : pidKey(to)}`),
    );
    r.loop.kick();
  }

  /** The process exits by itself: a gen_server through `{stop, Reason, State}` (terminate/2 runs), via sys:terminate. */
  private crash(r: Running, p: WirePid, reason: Term): void {
    const pid = r.node.pidOf(p);
    const info = r.node.processInfo(pid);
    if (info === undefined || info.status === 'exiting')
      throw new InputError(`crash: ${pidKey(p)} is not alive`);
    if (!info.behaviour.startsWith('gen_server') && info.behaviour !== 'supervisor')
      throw new InputError(
        `crash: ${pidKey(p)} (${info.behaviour}) is not a gen_server; send it an exit signal instead`,
      );
    this.as(r.shell.ctx, 'crash', (ctx) =>
      ctx.send(pid, ['$sys_terminate', r.node.rehydrate(reason)]),
    );
  }

  private supervisor(r: Running, cmd: Extract<Command, { type: 'supervisor' }>): void {
    const sup = r.node.pidOf(cmd.sup);
    const info = r.node.processInfo(sup);
    if (info === undefined)
      return this.replyError(cmd.rid, `${cmd.op}: supervisor ${pidKey(cmd.sup)} is not alive`);
    if (info.behaviour !== 'supervisor')
      return this.replyError(cmd.rid, `${cmd.op}: ${pidKey(cmd.sup)} is not a supervisor`);
    const name = this.ids.get(sup) ?? pidKey(cmd.sup);
    const req = supervisorRequest(cmd, name, r.env, r.node);
    if (!req.ok) return this.replyError(cmd.rid, req.error);
    r.shell.request(sup, req.value, 'infinity', (res) => {
      // Flags are fixed at init in OTP; a supervisor that does not take set_flags says unknown_call.
      if (cmd.op === 'set_flags' && res.ok && isUnknownCall(res.value))
        return this.replyError(
          cmd.rid,
          `set_flags: supervisor ${name} cannot change its flags while running`,
        );
      this.answer(cmd.rid, res, `${cmd.op} on supervisor ${name}`);
    });
    r.loop.kick();
  }

  private answer(rid: number, res: Outcome, what: string): void {
    if (res.ok) this.out({ type: 'reply', rid, ok: true, value: toPlain(res.value) });
    else this.replyError(rid, `${what} failed: ${formatTerm(toPlain(res.error))}`);
  }

  // ---- distribution ------------------------------------------------------

  /**
   * `port` is undefined only in a replay (the link holds its packets). `attach`: after a replay,
   * the connection the node already has gets its port and the packets the peer did not receive.
   */
  private connect(
    peer: number,
    port: MessagePort | undefined,
    attach?: { delivered: number },
  ): void {
    if (typeof peer !== 'number' || (port === undefined && this.replaying === undefined))
      throw new InputError('connect: needs a peer node id and a port');
    if (peer === this.running?.node.id)
      throw new InputError(`connect: node ${peer} cannot connect to itself`);
    const receive = (signals: RemoteSignal[]) => this.receive(peer, signals);
    if (attach !== undefined && port !== undefined && this.peers.isHeld(peer)) {
      const delivered = Number.isInteger(attach.delivered) ? Math.max(0, attach.delivered) : 0;
      if (!this.peers.attach(peer, port, delivered, receive))
        this.error(
          `resume: node ${peer} had received more from this node than its replay sent; some of its messages may arrive twice`,
        );
      return;
    }
    if (this.running !== undefined) this.record({ k: 'connect', at: this.begin(), peer });
    // A reconnect (after heal or a peer restart) replaces the old port; the old links already fired.
    this.running?.node.disconnect(peer);
    this.peers.add(peer, port, receive);
    this.running?.node.connect(peer, this.peers.sender(peer));
  }

  private disconnect(peer: number): void {
    if (this.running !== undefined) this.record({ k: 'disconnect', at: this.begin(), peer });
    this.peers.remove(peer);
    this.running?.node.disconnect(peer);
    this.running?.loop.kick();
  }

  private receive(from: number, signals: RemoteSignal[]): void {
    const r = this.running;
    if (r === undefined) return;
    this.record({ k: 'recv', at: this.begin(), from, signals });
    try {
      for (const s of signals) r.node.receiveRemote(s);
    } catch (e) {
      this.error(`BUG: a signal from another node: ${describeError(e)}`);
    }
    r.loop.kick();
    this.afterWork();
  }

  // ---- events out ----------------------------------------------------------

  private observe(ev: TraceEvent): void {
    this.batcher.observe(ev);
    switch (ev.type) {
      case 'state':
        this.dirty.add(ev.pid);
        break;
      case 'init':
        if (ev.result === 'ok') this.dirty.add(ev.pid);
        break;
      case 'child_started':
        if (ev.childId !== undefined) this.ids.set(ev.pid, ev.childId);
        break;
      case 'exit':
        this.ids.delete(ev.pid);
        this.dirty.delete(ev.pid);
        break;
      // Nothing to remember for these (the batcher has them).
      case 'spawn':
      case 'send':
      case 'send_dropped':
      case 'receive':
      case 'link':
      case 'unlink':
      case 'monitor':
      case 'demonitor':
      case 'down':
      case 'exit_signal':
      case 'trap_exit':
      case 'register':
      case 'unregister':
      case 'crash_report':
      case 'supervisor_report':
      case 'child_deleted':
      case 'restart':
      case 'supervisor_gave_up':
      case 'log':
        break;
      default:
        exhaustiveSwitchError(ev);
    }
  }

  /**
   * After any work: post queued peer signals, and make sure a batch follows within a frame. A
   * batch holding sends to a peer goes first, so the page hears of a send before the peer can
   * report its receipt (the playhead never shows an effect before its cause, and a resume point
   * never has a node holding what its peer has not sent yet).
   */
  private afterWork(): void {
    if (this.running !== undefined && this.peers.pending) this.flush(true);
    this.peers.flush();
    this.scheduleBatch();
  }

  private scheduleBatch(): void {
    if (
      this.replaying !== undefined ||
      this.flushCancel !== undefined ||
      (this.batcher.pending === 0 && this.dirty.size === 0)
    )
      return;
    this.flushCancel = this.deps.scheduler.after(this.deps.frameMs ?? 16, () => {
      this.flushCancel = undefined;
      this.flush();
    });
  }

  /**
   * Posts everything since the last batch. Each changed state is measured: one
   * over the node's `maxStateTerms` gets its process killed (as `max_heap_size`
   * would). States go for shown processes only, at most
   * {@link MAX_STATES_PER_BATCH} a batch (the rest stay dirty and go next
   * time), and one over {@link MAX_POSTED_STATE_TERMS} is shown as its size.
   */
  flush(sync = false, replayed?: FlushInput, skipShown?: number): void {
    const r = this.running;
    if (r === undefined) return;
    const rp = this.replaying;
    if (rp !== undefined) {
      // A replay meets each batch cut where the record says (inside a resume's part, none).
      const cut = rp.cut(sync, replayed);
      if (cut === 'part_end') return;
      replayed = cut;
      if (replayed !== undefined) r.held.advanceTo(replayed.at);
    }
    const at = this.begin();
    const { node } = r;
    const { events, summary, skipped } = this.batcher.flush();
    const states: StateSnapshot[] = [];
    let read = 0;
    for (const pid of this.dirty) {
      if (++read > MAX_STATES_PER_BATCH) break;
      this.dirty.delete(pid);
      if (!node.isAlive(pid)) continue;
      let state: Term;
      try {
        state = node.stateOf(pid);
        const size = termSize(state, node.maxStateTerms);
        if (size > node.maxStateTerms) {
          node.killOverLimit(pid, `state over ${node.maxStateTerms.toLocaleString('en')} terms`);
          r.loop.kick();
          continue;
        }
        if (!this.batcher.isShown(pid)) continue;
        state =
          size > MAX_POSTED_STATE_TERMS
            ? `#state of more than ${MAX_POSTED_STATE_TERMS.toLocaleString('en')} terms (not shown)`
            : toPlain(state);
      } catch (e) {
        // A describe that throws must not take the host down; show why instead.
        state = { describe_error: describeError(e) };
      }
      states.push({ pid: { node: pid.node, id: pid.id }, state });
    }
    if (this.dirty.size > 0) this.scheduleBatch();
    const all = plainEvents(events);
    const digest = digestEvents(all);
    // After a resume inside a batch, the page has its first events already.
    const posted = skipShown === undefined ? all : all.slice(skipShown);
    const batch = {
      type: 'batch',
      node: node.id,
      now: node.clock.now(),
      events: posted,
      summary,
      states,
      ...(skipped === undefined ? {} : { skipped }),
      processes: node.processCount,
    } as const;
    if (rp !== undefined) {
      rp.made(replayed, digest, all.length, posted.length);
      if (rp.echo && posted.length > 0) this.deps.post(batch);
      return;
    }
    this.record({ k: 'flush', at, sync, digest, events: all.length });
    if (
      skipShown === undefined &&
      events.length === 0 &&
      states.length === 0 &&
      summary === undefined &&
      skipped === undefined
    )
      return;
    this.out({ ...batch, ...this.journal.take() });
  }

  // ---- record and replay (journal.ts) ----------------------------------------

  /** An input starts: node time is held at real time (scaled), or at the replayed input's time. */
  private begin(): number {
    const r = this.running;
    if (r === undefined) return 0;
    if (this.replaying === undefined) r.held.advanceTo(r.clock.now());
    return r.held.now();
  }

  private record(input: JournalInput): void {
    if (this.replaying === undefined) this.journal.add(input);
  }

  /**
   * Boots the node from a journal and runs every input again, posting nothing but `ready` and the
   * reply: the node ends where the recorded one was after those inputs, in node time, with the
   * packets it made for its peers held until `connect … attach`. The reply says how many
   * batches it made and the first that differed from the record (there should be none).
   */
  private replay(cmd: Extract<Command, { type: 'replay' }>): void {
    const inputs = cmd.inputs;
    const first = Array.isArray(inputs) ? inputs[0] : undefined;
    if (first?.k !== 'boot')
      return this.replyError(cmd.rid, 'replay: the record does not start with a boot');
    if (this.running !== undefined)
      return this.replyError(cmd.rid, `replay: node ${this.running.node.id} is already booted`);
    const rp = new ReplayRun(inputs, cmd);
    this.replaying = rp;
    try {
      for (const peer of first.peers)
        if (!this.peers.ids().includes(peer)) this.connect(peer, undefined);
      this.boot(first.cmd);
      this.afterWork();
      const r = this.running as Running | undefined;
      if (r === undefined) throw new InputError('replay: the node did not boot');
      for (let input = rp.next(); input !== undefined; input = rp.next())
        if (rp.inPart) this.replayPart(r, rp, input);
        else this.replayOne(r, rp, input);
    } catch (e) {
      rp.diverged ??= `input ${rp.i}: ${describeError(e)}`;
    } finally {
      this.replaying = undefined;
    }
    // (TypeScript still thinks `running` is undefined here, as it was before the boot.)
    const r = this.running as Running | undefined;
    if (r !== undefined) {
      r.clock.advanceTo(r.held.now());
      // Paused until the client has wired it to its peers and says go (or stay paused).
      r.loop.pause();
      r.loop.setFrozen(false);
    }
    // Ready once replayed: a long record takes longer than the watchdog waits between pongs.
    this.deps.post({ type: 'ready', version: PROTOCOL_VERSION, node: first.cmd.node.id });
    const u = rp.until;
    if (u !== undefined && r !== undefined && !u.probe) {
      // The batch it stopped in: what was replayed of it is this run's record from here, and
      // its events past the page's are posted (the rest of the turn that made the last one).
      for (const input of u.used) this.journal.add(input);
      this.flush(u.sync, undefined, u.events);
    }
    this.out({ type: 'reply', rid: cmd.rid, ok: true, value: rp.report() });
  }

  /** An input of the batch a resume stops in: replayed until the batch has its events. */
  private replayPart(r: Running, rp: ReplayRun, input: JournalInput): void {
    const u = rp.until as Until;
    // Each check falls between two process turns: where a resume could stop exactly.
    const enough = () => rp.enough(this.batcher.shown);
    if (input.k === 'flush' || enough()) {
      u.stopped = true;
      return;
    }
    if (input.k !== 'slice') {
      u.used.push(input);
      // (A flush its afterWork meets ends the part: see flush.)
      return this.replayOne(r, rp, input);
    }
    r.held.advanceTo(input.at);
    const ran = r.loop.replaySlice(input.turns, input.idle, enough);
    u.used.push(ran.stopped ? { ...input, turns: ran.turns, idle: false } : input);
    if (ran.stopped) u.stopped = true;
  }

  private replayOne(r: Running, rp: ReplayRun, input: JournalInput): void {
    r.held.advanceTo(input.at);
    switch (input.k) {
      case 'cmd':
        this.guarded(input.cmd);
        return this.afterWork();
      case 'slice':
        if (!r.loop.replaySlice(input.turns, input.idle).same)
          rp.diverged ??= `input ${rp.i}: the slice did not run as recorded`;
        return;
      case 'step':
        r.loop.step();
        return this.afterWork();
      case 'recv':
        return this.receive(input.from, input.signals);
      case 'connect':
        this.connect(input.peer, undefined);
        return this.afterWork();
      case 'disconnect':
        this.disconnect(input.peer);
        return this.afterWork();
      case 'flush':
        return this.flush(input.sync, input);
      case 'boot':
        throw new InputError('a second boot in one record');
      default:
        exhaustiveSwitchError(input);
    }
  }

  private replyError(rid: number, error: string): void {
    this.out({ type: 'reply', rid, ok: false, error });
  }

  private error(message: string): void {
    this.out({ type: 'error', message });
  }
}

const hasRid = (cmd: Command): cmd is Extract<Command, { rid: number }> =>
  typeof (cmd as { rid?: unknown })?.rid === 'number';

const isUnknownCall = (t: Term): boolean =>
  Array.isArray(t) &&
  t[0] === 'error' &&
  Array.isArray(t[1]) &&
  (t[1] as Term[])[0] === 'unknown_call';

/** What an Erlang error raised while acting for the person means, in words. */
function explain(reason: Term): string {
  if (reason === 'noproc') return 'the process is not alive (noproc)';
  if (reason === 'badarg') return 'bad argument (badarg)';
  return formatTerm(reason);
}

/** A runtime bug's message already starts `BUG:`; anything else shows its error's name too. */
function describeError(e: unknown): string {
  return e instanceof InvariantError ? e.message : errorText(e, { withName: true });
}

/** Compile-time exhaustiveness without throwing at run time: a bad `type` from the wire is bad input. */
function unknownCommand(cmd: never): never {
  throw new InputError(`unknown command ${JSON.stringify((cmd as { type?: unknown })?.type)}`);
}

/** The boot command's limits, checked: each a positive integer, or left to the runtime's default. */
function nodeLimits(limits: NodeLimits | undefined): NodeLimits {
  const out: NodeLimits = {};
  if (limits === undefined || limits === null) return out;
  for (const k of ['maxProcesses', 'maxMailbox', 'maxStateTerms'] as const) {
    const v = limits[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      throw new InputError(`boot: limit ${k} must be a positive integer, got ${String(v)}`);
    out[k] = v;
  }
  return out;
}
