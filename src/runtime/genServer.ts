import type { Body, Ctx, DistributiveOmit, MonitorOptions, SpawnOptions } from './ctx';
import type { Eff, EffInput, Effect, MaybeEff } from './effects';
import { EffDriver, TIMEOUT, isEff, reasonOf, runEff } from './effects';
import type { Pid, Reason, Ref, Term } from './term';
import { isNormalExit, isTuple, list } from './term';
import type { TraceEvent } from './traceEvent';

/**
 * A call's tag: OTP 25's `[alias | Mref]` (written here as the tuple
 * `{alias, Mref}`: the runtime has no improper lists), or a plain ref from a
 * caller that does not use an alias (gen_server:send_request/2's old form).
 */
export type CallTag = Ref | readonly ['alias', Ref];

/** `{Pid, Tag}` identifying a caller, to pass to {@link reply}. */
export type From = readonly [Pid, CallTag];

export type InitResult<S> =
  readonly ['ok', S] | readonly ['ok', S, number] | 'ignore' | readonly ['stop', Reason];
export type CallResult<S> =
  | readonly ['reply', Term, S]
  | readonly ['reply', Term, S, number]
  | readonly ['noreply', S]
  | readonly ['noreply', S, number]
  | readonly ['stop', Reason, Term, S]
  | readonly ['stop', Reason, S];
export type NoReplyResult<S> =
  readonly ['noreply', S] | readonly ['noreply', S, number] | readonly ['stop', Reason, S];

/**
 * A gen_server callback module. Callbacks return OTP's tuples as arrays
 * (`['reply', R, S]`); one that must block (a call to another server, a
 * slow terminate) returns a generator of effects instead.
 */
export interface GenServerModule<S, A = Term> {
  readonly name: string;
  init(args: A, ctx: Ctx): MaybeEff<InitResult<S>>;
  handleCall?(req: Term, from: From, state: S, ctx: Ctx): MaybeEff<CallResult<S>>;
  handleCast?(msg: Term, state: S, ctx: Ctx): MaybeEff<NoReplyResult<S>>;
  handleInfo?(msg: Term, state: S, ctx: Ctx): MaybeEff<NoReplyResult<S>>;
  terminate?(reason: Reason, state: S, ctx: Ctx): MaybeEff<void>;
  /** What the inspector shows as the state (default: the state itself). */
  describe?(state: S, nowMs: number): Term;
}

/** What `start_link` returns (proc_lib's ack): `{ok, Pid}`, `ignore` or `{error, Reason}`. */
export type StartResult = readonly ['ok', Pid] | 'ignore' | readonly ['error', Reason];

export interface StartOptions {
  name?: string;
  trapExit?: boolean;
}

/** The process body of a gen_server, as `gen_server:init_it/6` and `loop/7`. */
export function genServerBody<S, A>(
  mod: GenServerModule<S, A>,
  args: A,
  opts: StartOptions = NO_OPTS,
): Body {
  return (ctx) => {
    if (opts.name !== undefined) {
      // gen:start: a taken name is `{error, {already_started, Pid}}` and the new process ends normally.
      const holder = ctx.whereis(opts.name);
      if (holder !== undefined) {
        ack(ctx, ['error', ['already_started', holder]]);
        return ctx.exit('normal');
      }
      ctx.register(opts.name);
    }
    if (opts.trapExit) ctx.trapExit(true);
    const loop = new Loop(ctx, mod);
    let work: MaybeEff<InitResult<S>>;
    try {
      work = mod.init(args, ctx);
    } catch (e) {
      return loop.initFailed(reasonOf(e));
    }
    // Most init/1s answer at once: no generator driver, no closures.
    if (!isEff(work)) return loop.initDone(work);
    runEff(
      ctx,
      work,
      (res) => loop.initDone(res),
      (reason) => loop.initFailed(reason),
    );
  };
}

const NO_OPTS: StartOptions = {};

/** proc_lib's init_ack: the parent's `start_link` is waiting for it. */
function ack(ctx: Ctx, result: StartResult): void {
  if (ctx.parent !== undefined) ctx.send(ctx.parent, ['ack', ctx.self, result]);
}

type CrashReport = Extract<DistributiveOmit<TraceEvent, 't'>, { type: 'crash_report' }>;

/** The receive loop of a running gen_server. */
class Loop<S, A> {
  private readonly handler = (msg: Term): void => this.dispatch(msg);
  /** Drives callbacks that block; made on first use, then kept (see EffDriver). */
  private driver: EffDriver | null = null;
  private onNoreply: ((r: NoReplyResult<S>) => void) | null = null;
  private onFail: ((reason: Reason) => void) | null = null;
  /** True while the plain loop handler (no timeout) is installed. */
  private installed = false;
  private state!: S;
  /** The last message taken, for the ERROR REPORT (gen_server's "** Last message in was"). */
  private lastMsg: Term = undefined;
  private tookOne = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly mod: GenServerModule<S, A>,
  ) {}

  initDone(res: InitResult<S>): void {
    const { ctx } = this;
    if (res === 'ignore') {
      ctx.trace({ type: 'init', pid: ctx.self, result: 'ignore' });
      ack(ctx, 'ignore');
      return ctx.exit('normal');
    }
    if (res[0] === 'stop') {
      ctx.trace({ type: 'init', pid: ctx.self, result: 'stop', reason: res[1] });
      ack(ctx, ['error', res[1]]);
      return ctx.exit(res[1]);
    }
    if (ctx.tracing) ctx.trace({ type: 'init', pid: ctx.self, result: 'ok' });
    ack(ctx, ['ok', ctx.self]);
    this.state = res[1];
    ctx.setDescribe(this);
    this.enter(res.length === 3 ? res[2] : undefined);
  }

  /** An exception in init: as `{stop, Reason}`. */
  initFailed(reason: Reason): void {
    const { ctx } = this;
    ctx.trace({ type: 'init', pid: ctx.self, result: 'stop', reason });
    ack(ctx, ['error', reason]);
    ctx.exit(reason);
  }

  /** What the inspector shows (Ctx.setDescribe). */
  describe(): Term {
    const { mod, ctx } = this;
    return mod.describe ? mod.describe(this.state, ctx.now()) : (this.state as Term);
  }

  enter(timeout?: number): void {
    if (timeout === undefined) {
      if (!this.installed) this.ctx.receive(this.handler);
      this.installed = true;
    } else {
      // `{noreply, S, Timeout}`: handle_info(timeout) when nothing arrives in time.
      this.installed = false;
      this.ctx.receive(this.handler, {
        after: timeout,
        onTimeout: () => {
          this.lastMsg = 'timeout';
          this.tookOne = true;
          this.info('timeout');
        },
      });
    }
  }

  private dispatch(msg: Term): void {
    const { ctx, mod } = this;
    this.lastMsg = msg;
    this.tookOne = true;
    if (isTuple(msg)) {
      if (msg[0] === '$gen_call' && msg.length === 3) {
        const from = msg[1] as unknown as From;
        if (!mod.handleCall) return this.stop(['bad_call', msg[2] as Term]);
        let work: MaybeEff<CallResult<S>>;
        try {
          work = mod.handleCall(msg[2] as Term, from, this.state, ctx);
        } catch (e) {
          return this.stop(reasonOf(e));
        }
        const done = (r: CallResult<S>): void => {
          if (r[0] === 'reply') {
            reply(ctx, from, r[1]);
            return this.continue(r[2], r[3]);
          }
          if (r[0] === 'noreply') return this.continue(r[1], r[2]);
          // OTP runs terminate/2 first and replies in an `after` clause.
          if (r.length === 4) return this.stop(r[1], r[3], () => reply(ctx, from, r[2]));
          return this.stop(r[1], r[2]);
        };
        return this.finish(work, done);
      }
      if (msg[0] === '$gen_cast' && msg.length === 2) {
        if (!mod.handleCast) return this.stop(['bad_cast', msg[1] as Term]);
        let work: MaybeEff<NoReplyResult<S>>;
        try {
          work = mod.handleCast(msg[1] as Term, this.state, ctx);
        } catch (e) {
          return this.stop(reasonOf(e));
        }
        return this.finishNoreply(work);
      }
      // The parent's exit signal ends a trapping gen_server, with terminate/2 (gen_server:loop/7).
      if (msg[0] === 'EXIT' && msg.length === 3 && msg[1] === ctx.parent)
        return this.stop(msg[2] as Term);
      // sys:terminate/2: a system message, not one the server took (gen_server:system_terminate/4
      // reports its last message as []).
      if (msg[0] === '$sys_terminate' && msg.length === 2) {
        this.lastMsg = list();
        return this.stop(msg[1] as Term);
      }
    }
    this.info(msg);
  }

  private info(msg: Term): void {
    if (!this.mod.handleInfo) return; // OTP logs "undefined handle_info" and carries on.
    let work: MaybeEff<NoReplyResult<S>>;
    try {
      work = this.mod.handleInfo(msg, this.state, this.ctx);
    } catch (e) {
      return this.stop(reasonOf(e));
    }
    this.finishNoreply(work);
  }

  private finishNoreply(work: MaybeEff<NoReplyResult<S>>): void {
    // A plain answer is handled here; only a generator needs the driver (and its closures).
    if (!isEff(work)) return this.noreply(work);
    this.finish(work, (this.onNoreply ??= (r) => this.noreply(r)));
  }

  private noreply(r: NoReplyResult<S>): void {
    if (r[0] === 'noreply') this.continue(r[1], r[2]);
    else this.stop(r[1], r[2]);
  }

  private continue(state: S, timeout: number | undefined): void {
    this.state = state;
    const { ctx } = this;
    if (ctx.tracing) ctx.trace({ type: 'state', pid: ctx.self });
    this.enter(timeout);
  }

  /** Completes a callback's answer; an exception while it blocks stops the server with terminate/2. */
  private finish<R>(work: MaybeEff<R>, done: (r: R) => void): void {
    if (!isEff(work)) return done(work as R);
    // A generator replaces the loop's handler while it blocks.
    this.installed = false;
    (this.driver ??= new EffDriver(this.ctx)).run(
      work,
      done,
      (this.onFail ??= (reason) => this.stop(reason)),
    );
  }

  /**
   * The CRASH REPORT, with what gen_server:terminate/10 writes in its ERROR REPORT first (OTP 25):
   * the last message taken and the state (as the inspector shows it), once a message was taken.
   */
  private crashReport(reason: Reason): CrashReport {
    const { ctx } = this;
    if (!this.tookOne) return { type: 'crash_report', pid: ctx.self, reason };
    let state: Term;
    try {
      state = this.describe();
    } catch {
      state = this.state as Term;
    }
    return { type: 'crash_report', pid: ctx.self, reason, lastMessage: this.lastMsg, state };
  }

  /** terminate/2, a CRASH REPORT if the reason is abnormal, then exit. */
  private stop(reason: Reason, state: S = this.state, before?: () => void): void {
    const { ctx, mod } = this;
    this.state = state;
    const end = (): void => {
      before?.();
      if (!isNormalExit(reason)) ctx.trace(this.crashReport(reason));
      ctx.exit(reason);
    };
    if (!mod.terminate) return end();
    let work: MaybeEff<void>;
    try {
      work = mod.terminate(reason, state, ctx);
    } catch (e) {
      reason = reasonOf(e);
      return end();
    }
    runEff(ctx, work, end, (r) => {
      reason = r;
      end();
    });
  }
}

/**
 * `gen_server:reply/2`, as gen:reply/2: an alias tag is answered through the
 * alias (so a caller that has given up never sees it), a plain tag to the pid.
 */
export function reply(ctx: Ctx, from: From, value: Term): void {
  const tag = from[1];
  if (isTuple(tag)) ctx.send(tag[1], [tag, value]);
  else ctx.send(from[0], [tag, value]);
}

/** `gen_server:start_link/3`: spawns, links, and waits for init's answer (proc_lib:start_link). */
export function* startLink<S, A>(
  ctx: Ctx,
  mod: GenServerModule<S, A>,
  args: A,
  opts: StartOptions & SpawnOptions = NO_OPTS,
): Eff<StartResult> {
  const since = ctx.mark();
  const spawnOpts =
    opts.behaviour === undefined ? spawnOptionsOf(mod) : { behaviour: opts.behaviour };
  const pid = ctx.spawnLink(genServerBody(mod, args, opts), spawnOpts);
  return ackResult(yield ackEffect(pid, since));
}

/** `{ behaviour: 'gen_server:<module>' }` per module, made once (a restart storm spawns thousands). */
const spawnOptions = new WeakMap<object, SpawnOptions>();
function spawnOptionsOf(mod: { readonly name: string }): SpawnOptions {
  let o = spawnOptions.get(mod);
  if (o === undefined) spawnOptions.set(mod, (o = { behaviour: `gen_server:${mod.name}` }));
  return o;
}

/** proc_lib:sync_start_link/2: wait for the child's ack, or its EXIT if it dies first. */
function ackEffect(pid: Pid, since: number | undefined): Effect {
  return { match: (m) => isTuple(m) && m[1] === pid && (m[0] === 'ack' || m[0] === 'EXIT'), since };
}

function ackResult(msg: EffInput): StartResult {
  const m = msg as readonly Term[];
  if (m[0] === 'EXIT') return ['error', m[2] as Term];
  return m[2] as unknown as StartResult;
}

/** gen.erl do_call: the call's monitor is also the reply's alias, gone with the monitor. */
const CALL_MONITOR: MonitorOptions = { alias: 'demonitor' };

/**
 * `gen_server:call/3`, as OTP 25's gen:do_call/4. As in OTP, a failed call
 * exits the caller with `{Reason, {gen_server, call, [Server, Request,
 * Timeout]}}`, Reason being `timeout`, `noproc`, `calling_self` (at once) or
 * the server's exit reason. With a timeout (or a remote server) the request
 * carries an alias of the caller (`monitor(process, Pid, [{alias,
 * demonitor}])`, tag `[alias | Mref]`) and the server replies through it:
 * when the call times out the monitor, and so the alias, is removed, and a
 * reply that comes later is dropped instead of reaching the caller's
 * mailbox. A local call with `infinity` uses a plain monitor, as OTP does
 * (it waits for a reply or a DOWN, so nothing can come late).
 */
export function* call(
  ctx: Ctx,
  server: Pid | string,
  request: Term,
  timeout: number | 'infinity' = 5000,
): Eff<Term> {
  const where: Term = ['gen_server', 'call', list(server, request, timeout)];
  const pid = typeof server === 'string' ? ctx.whereis(server) : server;
  if (pid === undefined) ctx.exit(['noproc', where]);
  if (pid === ctx.self) ctx.exit(['calling_self', where]);
  const since = ctx.mark();
  const plain = timeout === 'infinity' && pid.node === ctx.self.node;
  const ref = plain ? ctx.monitor(pid) : ctx.monitor(pid, CALL_MONITOR);
  const tag: CallTag = plain ? ref : ['alias', ref];
  ctx.send(pid, ['$gen_call', [ctx.self, tag], request]);
  const isReply = plain
    ? (m: Term): boolean => isTuple(m) && m.length === 2 && m[0] === ref
    : (m: Term): boolean => isTuple(m) && m.length === 2 && isTuple(m[0]) && m[0][1] === ref;
  const msg = yield {
    since,
    match: (m) => isReply(m) || (isTuple(m) && m[0] === 'DOWN' && m[1] === ref),
    ...(timeout === 'infinity' ? {} : { after: timeout }),
  };
  if (msg === TIMEOUT) {
    ctx.demonitor(ref, true);
    // gen:do_call: a reply that came in before the alias went is still the answer.
    const late = yield { since, match: isReply, after: 0 };
    if (late === TIMEOUT) ctx.exit(['timeout', where]);
    return (late as readonly Term[])[1] as Term;
  }
  const m = msg as readonly Term[];
  if (m[0] === 'DOWN') ctx.exit([m[4] as Term, where]);
  ctx.demonitor(ref, true);
  return m[1] as Term;
}

/** `gen_server:cast/2`: never fails, even for a dead server. */
export function cast(ctx: Ctx, server: Pid | string, msg: Term): void {
  const pid = typeof server === 'string' ? ctx.whereis(server) : server;
  if (pid !== undefined) ctx.send(pid, ['$gen_cast', msg]);
}
