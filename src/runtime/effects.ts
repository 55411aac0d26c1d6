import type { Ctx } from './ctx';
import { ErlangError, ProcessExit } from './errors';
import { InvariantError } from './invariant';
import type { Reason, Term } from './term';

/** Result of a receive that hit its `after`. */
export const TIMEOUT: unique symbol = Symbol('timeout');
export type EffInput = Term | typeof TIMEOUT;

/** A blocking selective receive, yielded by behaviour code written as a generator. */
export interface Effect {
  match: (msg: Term) => boolean;
  /** ms; omitted: wait forever. */
  after?: number;
  /** A mailbox mark: only newer messages can match (see ReceiveOptions.since). */
  since?: number;
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
  resume(ctx, work as Eff<T>, undefined, done, fail);
}

function resume<T>(
  ctx: Ctx,
  gen: Eff<T>,
  input: EffInput | undefined,
  done: (value: T) => void,
  fail: ((reason: Reason) => void) | undefined,
): void {
  let r: IteratorResult<Effect, T>;
  try {
    r = gen.next(input as EffInput);
  } catch (e) {
    if (fail === undefined) throw e;
    fail(reasonOf(e));
    return;
  }
  if (r.done) {
    ctx.clearReceive();
    done(r.value);
    return;
  }
  const eff = r.value;
  const next = (msg: EffInput): void => resume(ctx, gen, msg, done, fail);
  ctx.receive(next, {
    match: eff.match,
    ...(eff.after !== undefined ? { after: eff.after } : {}),
    ...(eff.since !== undefined ? { since: eff.since } : {}),
    onTimeout: () => next(TIMEOUT),
  });
}

/** The exit reason an exception stands for. Runtime bugs are rethrown. */
export function reasonOf(e: unknown): Reason {
  if (e instanceof ProcessExit || e instanceof ErlangError) return e.reason;
  if (e instanceof InvariantError) throw e;
  return ['error', e instanceof Error ? `${e.name}: ${e.message}` : String(e)];
}
