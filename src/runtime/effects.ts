import type { Ctx, ReceiveOptions } from './ctx';
import { ErlangError, KilledBySignal, ProcessExit } from './errors';
import { InvariantError, describeError, invariant } from '../base';
import type { Reason, Term } from './term';

/** Result of a receive that hit its `after`. */
export const TIMEOUT: unique symbol = Symbol('timeout');
export type EffInput = Term | typeof TIMEOUT;

/** A blocking selective receive, yielded by behaviour code written as a generator. */
export interface Effect {
  match: (msg: Term) => boolean;
  /** ms; omitted: wait forever. */
  after?: number | undefined;
  /** A mailbox mark: only newer messages can match (see ReceiveOptions.since). */
  since?: number | undefined;
}

/**
 * Behaviour code that may block (call another server, wait for a child's
 * ack or DOWN, sleep) is a generator yielding {@link Effect}s. This keeps
 * OTP's sequential shape (`shutdown/1` in supervisor.erl) without threads.
 */
export type Eff<T> = Generator<Effect, T, EffInput>;

/** `receive M when match(M) -> M after Ms -> TIMEOUT end` */
export function* receiveWhere(match: (msg: Term) => boolean, after?: number): Eff<EffInput> {
  return yield after === undefined ? { match } : { match, after };
}

/** `timer:sleep(Ms)`: a receive that matches nothing. */
export function* sleep(ms: number): Eff<void> {
  yield { match: () => false, after: ms };
}

export const isEff = (x: unknown): x is Eff<unknown> =>
  typeof x === 'object' && x !== null && typeof (x as { next?: unknown }).next === 'function';

/** A callback that may return its result at once or as a generator. */
export type MaybeEff<T> = T | Eff<T>;

/**
 * Drives a generator to completion inside the current process, then calls
 * `done`. An exception inside it goes to `fail` with the reason OTP would give
 * (`exit/1` → its reason, an error → `{error, Message}`); without `fail` it
 * ends the process.
 */
export function runEff<T>(
  ctx: Ctx,
  work: MaybeEff<T>,
  done: (value: T) => void,
  fail?: (reason: Reason) => void,
): void {
  if (!isEff(work)) {
    done(work as T);
    return;
  }
  new EffDriver(ctx).run(work as Eff<T>, done, fail);
}

/**
 * Drives generators for one process, one at a time. Its handler and receive
 * options are made once and reused for every effect, and a gen_server keeps
 * one driver for all its callbacks: a supervisor restarting 10,000 children
 * resumes a generator twice per child, and each allocation there shows up as
 * GC time in the restart storm.
 */
export class EffDriver {
  private gen: Eff<unknown> | null = null;
  private done: (value: never) => void = noop;
  private fail: ((reason: Reason) => void) | undefined = undefined;
  private readonly opts: ReceiveOptions = {
    match: undefined,
    after: undefined,
    since: undefined,
    onTimeout: undefined,
  };
  private readonly handler = (msg: EffInput): void => this.resume(msg);
  private onTimeout: (() => void) | undefined = undefined;

  constructor(private readonly ctx: Ctx) {}

  /**
   * Starts driving `gen`. Safe to call again from `done` or `fail` (a
   * gen_server's next callback): the previous generator has finished by then.
   */
  run<T>(gen: Eff<T>, done: (value: T) => void, fail?: (reason: Reason) => void): void {
    invariant(this.gen === null, 'BUG: an EffDriver runs one generator at a time');
    this.gen = gen;
    this.done = done;
    this.fail = fail;
    this.resume(undefined);
  }

  private resume(input: EffInput | undefined): void {
    const gen = this.gen as Eff<unknown>;
    let r: IteratorResult<Effect, unknown>;
    try {
      r = gen.next(input as EffInput);
    } catch (e) {
      const fail = this.fail;
      this.gen = null;
      if (fail === undefined) throw e;
      fail(reasonOf(e));
      return;
    }
    if (r.done) {
      const done = this.done as (value: unknown) => void;
      this.gen = null;
      this.ctx.clearReceive();
      done(r.value);
      return;
    }
    const eff = r.value;
    const opts = this.opts;
    // The process keeps `opts` as given; rewriting it is safe because the
    // receive it belonged to has ended (the handler runs once per effect).
    opts.match = eff.match;
    opts.after = eff.after;
    opts.since = eff.since;
    opts.onTimeout =
      eff.after === undefined ? undefined : (this.onTimeout ??= () => this.resume(TIMEOUT));
    this.ctx.receive(this.handler, opts);
  }
}

const noop = (): void => {};

/**
 * The exit reason an exception stands for. Runtime bugs are rethrown, and so
 * is a process's death by its own exit signal (no callback may catch that).
 */
export function reasonOf(e: unknown): Reason {
  if (e instanceof ProcessExit || e instanceof ErlangError) return e.reason;
  if (e instanceof InvariantError || e instanceof KilledBySignal) throw e;
  return ['error', describeError(e, { withName: true })];
}
