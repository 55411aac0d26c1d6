import type { Body, Ctx, SpawnOptions } from './ctx';
import type { Eff, MaybeEff } from './effects';
import { TIMEOUT, isEff, reasonOf, runEff } from './effects';
import type { Pid, Reason, Ref, Term } from './term';
import { isNormalExit, isTuple } from './term';

/** `{Pid, Ref}` identifying a caller, to pass to {@link reply}. */
export type From = readonly [Pid, Ref];

export type InitResult<S> = readonly ['ok', S] | readonly ['ok', S, number] | 'ignore' | readonly ['stop', Reason];
export type CallResult<S> =
  | readonly ['reply', Term, S]
  | readonly ['reply', Term, S, number]
  | readonly ['noreply', S]
  | readonly ['noreply', S, number]
  | readonly ['stop', Reason, Term, S]
  | readonly ['stop', Reason, S];
export type NoReplyResult<S> = readonly ['noreply', S] | readonly ['noreply', S, number] | readonly ['stop', Reason, S];

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
export function genServerBody<S, A>(mod: GenServerModule<S, A>, args: A, opts: StartOptions = {}): Body {
  return (ctx) => {
    const ack = (result: StartResult): void => {
      if (ctx.parent !== undefined) ctx.send(ctx.parent, ['ack', ctx.self, result]);
    };
    if (opts.name !== undefined) {
      // gen:start: a taken name is `{error, {already_started, Pid}}` and the new process ends normally.
      const holder = ctx.whereis(opts.name);
      if (holder !== undefined) {
        ack(['error', ['already_started', holder]]);
        return ctx.exit('normal');
      }
      ctx.register(opts.name);
    }
    if (opts.trapExit) ctx.trapExit(true);
    runEff(
      ctx,
      mod.init(args, ctx),
      (res) => {
        if (res === 'ignore') {
          ctx.trace({ type: 'init', pid: ctx.self, result: 'ignore' });
          ack('ignore');
          return ctx.exit('normal');
        }
        if (res[0] === 'stop') {
          ctx.trace({ type: 'init', pid: ctx.self, result: 'stop', reason: res[1] });
          ack(['error', res[1]]);
          return ctx.exit(res[1]);
        }
        if (ctx.tracing) ctx.trace({ type: 'init', pid: ctx.self, result: 'ok' });
        ack(['ok', ctx.self]);
        new Loop(ctx, mod, res[1]).enter(res.length === 3 ? res[2] : undefined);
      },
      (reason) => {
        // An exception in init: as `{stop, Reason}`.
        ctx.trace({ type: 'init', pid: ctx.self, result: 'stop', reason });
        ack(['error', reason]);
        ctx.exit(reason);
      },
    );
  };
}

/** The receive loop of a running gen_server. */
class Loop<S, A> {
  private readonly handler = (msg: Term): void => this.dispatch(msg);
  /** True while the plain loop handler (no timeout) is installed. */
  private installed = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly mod: GenServerModule<S, A>,
    private state: S,
  ) {
    ctx.setDescribe(() => (mod.describe ? mod.describe(this.state, ctx.now()) : (this.state as Term)));
  }

  enter(timeout?: number): void {
    if (timeout === undefined) {
      if (!this.installed) this.ctx.receive(this.handler);
      this.installed = true;
    } else {
      // `{noreply, S, Timeout}`: handle_info(timeout) when nothing arrives in time.
      this.installed = false;
      this.ctx.receive(this.handler, { after: timeout, onTimeout: () => this.info('timeout') });
    }
  }

  private dispatch(msg: Term): void {
    const { ctx, mod } = this;
    if (isTuple(msg)) {
      if (msg[0] === '$gen_call' && msg.length === 3) {
        const from = msg[1] as unknown as From;
        if (!mod.handleCall) return this.stop(['bad_call', msg[2] as Term]);
        return this.run(() => mod.handleCall!(msg[2] as Term, from, this.state, ctx), (r) => {
          if (r[0] === 'reply') {
            reply(ctx, from, r[1]);
            return this.continue(r[2], r[3]);
          }
          if (r[0] === 'noreply') return this.continue(r[1], r[2]);
          // OTP runs terminate/2 first and replies in an `after` clause.
          if (r.length === 4) return this.stop(r[1], r[3], () => reply(ctx, from, r[2]));
          return this.stop(r[1], r[2]);
        });
      }
      if (msg[0] === '$gen_cast' && msg.length === 2) {
        if (!mod.handleCast) return this.stop(['bad_cast', msg[1] as Term]);
        return this.run(() => mod.handleCast!(msg[1] as Term, this.state, ctx), (r) => this.noreply(r));
      }
      // The parent's exit signal ends a trapping gen_server, with terminate/2 (gen_server:loop/7).
      if (msg[0] === 'EXIT' && msg.length === 3 && msg[1] === ctx.parent) return this.stop(msg[2] as Term);
      // sys:terminate/2
      if (msg[0] === '$sys_terminate' && msg.length === 2) return this.stop(msg[1] as Term);
    }
    this.info(msg);
  }

  private info(msg: Term): void {
    if (!this.mod.handleInfo) return; // OTP logs "undefined handle_info" and carries on.
    const { mod, ctx } = this;
    this.run(() => mod.handleInfo!(msg, this.state, ctx), (r) => this.noreply(r));
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

  /** Runs a callback; an exception in it stops the server with terminate/2, as gen_server does. */
  private run<R>(callback: () => MaybeEff<R>, done: (r: R) => void): void {
    let work: MaybeEff<R>;
    try {
      work = callback();
    } catch (e) {
      return this.stop(reasonOf(e));
    }
    // A generator replaces the loop's handler while it blocks.
    if (isEff(work)) this.installed = false;
    runEff(this.ctx, work, done, (reason) => this.stop(reason));
  }

  /** terminate/2, a CRASH REPORT if the reason is abnormal, then exit. */
  private stop(reason: Reason, state: S = this.state, before?: () => void): void {
    const { ctx, mod } = this;
    this.state = state;
    const end = (): void => {
      before?.();
      if (!isNormalExit(reason)) ctx.trace({ type: 'crash_report', pid: ctx.self, reason });
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

/** `gen_server:reply/2` */
export function reply(ctx: Ctx, from: From, value: Term): void {
  ctx.send(from[0], [from[1], value]);
}

/** `gen_server:start_link/3`: spawns, links, and waits for init's answer (proc_lib:start_link). */
export function* startLink<S, A>(
  ctx: Ctx,
  mod: GenServerModule<S, A>,
  args: A,
  opts: StartOptions & SpawnOptions = {},
): Eff<StartResult> {
  const since = ctx.mark();
  const pid = ctx.spawnLink(genServerBody(mod, args, opts), { behaviour: opts.behaviour ?? `gen_server:${mod.name}` });
  return yield* awaitAck(pid, since);
}

/** proc_lib:sync_start_link/2: the child's ack, or `{error, Reason}` if it dies first. */
export function* awaitAck(pid: Pid, since?: number): Eff<StartResult> {
  const msg = yield {
    match: (m) => isTuple(m) && m[1] === pid && (m[0] === 'ack' || m[0] === 'EXIT'),
    ...(since === undefined ? {} : { since }),
  };
  const m = msg as readonly Term[];
  if (m[0] === 'EXIT') return ['error', m[2] as Term];
  return m[2] as unknown as StartResult;
}

/**
 * `gen_server:call/3`. As in OTP, a failed call exits the caller with
 * `{Reason, {gen_server, call, [Server, Request, Timeout]}}`, Reason being
 * `timeout`, `noproc`, `calling_self` or the server's exit reason.
 */
export function* call(ctx: Ctx, server: Pid | string, request: Term, timeout: number | 'infinity' = 5000): Eff<Term> {
  const where: Term = ['gen_server', 'call', [server, request, timeout]];
  const pid = typeof server === 'string' ? ctx.whereis(server) : server;
  if (pid === undefined) ctx.exit(['noproc', where]);
  if (pid === ctx.self) ctx.exit(['calling_self', where]);
  const since = ctx.mark();
  const ref = ctx.monitor(pid);
  ctx.send(pid, ['$gen_call', [ctx.self, ref], request]);
  const msg = yield {
    since,
    match: (m) => isTuple(m) && ((m.length === 2 && m[0] === ref) || (m[0] === 'DOWN' && m[1] === ref)),
    ...(timeout === 'infinity' ? {} : { after: timeout }),
  };
  if (msg === TIMEOUT) {
    ctx.demonitor(ref, true);
    ctx.exit(['timeout', where]);
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
