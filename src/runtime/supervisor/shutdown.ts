import type { Ctx } from '../ctx';
import type { Eff } from '../effects';
import { TIMEOUT } from '../effects';
import type { Pid, Reason, Term } from '../term';
import { isTuple } from '../term';
import type { RestartType, Shutdown } from './childSpec';

const isDownFor =
  (ref: Term, pid: Pid) =>
  (m: Term): boolean =>
    isTuple(m) && m[0] === 'DOWN' && m[1] === ref && m[3] === pid;

/**
 * supervisor:unlink_flush/2: unlink, then take a pending `{'EXIT', Pid, R}`
 * so the reason reported is the one the child really died with.
 */
function* unlinkFlush(ctx: Ctx, pid: Pid, fallback: Reason): Eff<Reason> {
  ctx.unlink(pid);
  const m = yield { match: (x) => isTuple(x) && x[0] === 'EXIT' && x[1] === pid, after: 0 };
  return m === TIMEOUT ? fallback : ((m as readonly Term[])[2] as Term);
}

/**
 * supervisor:shutdown/1 (OTP 25): `brutal_kill` sends `kill`; a timeout sends
 * `shutdown` and, if the child is not down in time, `kill`; `infinity` waits.
 * Returns 'ok' or `{error, Reason}` for a reason the restart type does not expect.
 */
export function* shutdownChild(
  ctx: Ctx,
  pid: Pid,
  shutdown: Shutdown,
  restart: RestartType,
): Eff<'ok' | readonly ['error', Reason]> {
  const since = ctx.mark();
  const ref = ctx.monitor(pid);
  const expected = (r: Reason, killedIsOk: boolean): 'ok' | readonly ['error', Reason] => {
    if (r === 'shutdown' || (killedIsOk && r === 'killed')) return 'ok';
    if (r === 'normal' && restart !== 'permanent') return 'ok';
    return ['error', r];
  };
  if (shutdown === 'brutal_kill') {
    ctx.exitSignal(pid, 'kill');
    const down = (yield { match: isDownFor(ref, pid), since }) as readonly Term[];
    return expected(yield* unlinkFlush(ctx, pid, down[4] as Term), true);
  }
  ctx.exitSignal(pid, 'shutdown');
  const first = yield shutdown === 'infinity'
    ? { match: isDownFor(ref, pid), since }
    : { match: isDownFor(ref, pid), since, after: shutdown };
  if (first !== TIMEOUT) {
    return expected(yield* unlinkFlush(ctx, pid, (first as readonly Term[])[4] as Term), false);
  }
  ctx.exitSignal(pid, 'kill');
  const down = (yield { match: isDownFor(ref, pid), since }) as readonly Term[];
  return expected(yield* unlinkFlush(ctx, pid, down[4] as Term), false);
}

/**
 * supervisor:terminate_dynamic_children/1: all children of a
 * simple_one_for_one supervisor are told to stop at once, then awaited
 * together under one timer (so they end in no fixed order).
 * Returns the children whose reason was unexpected.
 */
export function* shutdownAll(
  ctx: Ctx,
  pids: readonly Pid[],
  shutdown: Shutdown,
  restart: RestartType,
): Eff<{ pid: Pid; reason: Reason }[]> {
  const waiting = new Map<Term, Pid>();
  for (const pid of pids) waiting.set(ctx.monitor(pid), pid);
  const errors: { pid: Pid; reason: Reason }[] = [];
  const unexpected = (r: Reason, killedIsOk: boolean): boolean =>
    !(
      r === 'shutdown' ||
      (killedIsOk && r === 'killed') ||
      (r === 'normal' && restart !== 'permanent')
    );
  const isOurDown = (m: Term): boolean =>
    isTuple(m) && m[0] === 'DOWN' && waiting.has(m[1] as Term);
  const collect = function* (killedIsOk: boolean, deadline: number | undefined): Eff<void> {
    while (waiting.size > 0) {
      const left = deadline === undefined ? undefined : Math.max(0, deadline - ctx.now());
      const m = yield left === undefined ? { match: isOurDown } : { match: isOurDown, after: left };
      if (m === TIMEOUT) return;
      const down = m as readonly Term[];
      const pid = waiting.get(down[1] as Term) as Pid;
      waiting.delete(down[1] as Term);
      const reason = yield* unlinkFlush(ctx, pid, down[4] as Term);
      if (unexpected(reason, killedIsOk)) errors.push({ pid, reason });
    }
  };
  const signal = shutdown === 'brutal_kill' ? 'kill' : 'shutdown';
  for (const pid of pids) ctx.exitSignal(pid, signal);
  if (shutdown === 'brutal_kill') {
    yield* collect(true, undefined);
  } else {
    yield* collect(false, shutdown === 'infinity' ? undefined : ctx.now() + shutdown);
    if (waiting.size > 0) {
      for (const pid of waiting.values()) ctx.exitSignal(pid, 'kill');
      yield* collect(false, undefined);
    }
  }
  return errors;
}
