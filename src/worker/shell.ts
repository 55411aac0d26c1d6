import type { Result } from '../base';
import type { Ctx, Node, Pid, Ref, StartOptions, SupArgs, Term, TimerRef } from '../runtime';
import { genServerBody, isPid, isRef, isTuple, supervisorModule } from '../runtime';

/** How a request the shell made on a person's behalf ended. */
/** A reply or a started pid, or the reason it failed: OTP's `{ok, V} | {error, Reason}`. */
export type Outcome = Result<Term, Term>;

interface Pending {
  done: (r: Outcome) => void;
  timer: TimerRef | undefined;
}

/**
 * The `shell` process: everything a person does (send, call, exit signals,
 * supervisor calls) is done *as* this process, so the picture shows it as the
 * sender, as `erl`'s shell would be. It traps exits, so linking it to things
 * never takes it down.
 *
 * The host acts through the shell's {@link Ctx} between process turns
 * (`node.ctxOf`), so nothing a person does ever waits behind another request:
 * a call is `gen_server:send_request/2` (monitor + `$gen_call`), and the
 * shell's receive loop matches replies, `DOWN`s and timeouts to pending
 * requests, as `gen_server:receive_response/2` does.
 */
export class Shell {
  readonly pid: Pid;
  private readonly pending = new Map<Ref, Pending>();
  /** Root supervisors starting: their `ack` (or an EXIT before it) answers the boot. */
  private readonly starting = new Map<Pid, { childId: string; done: (r: Outcome) => void }>();

  constructor(private readonly node: Node) {
    this.pid = node.spawn(
      (ctx) => {
        ctx.trapExit(true);
        ctx.receive((msg) => this.handle(msg));
      },
      { behaviour: 'shell' },
    );
  }

  /** The shell's Ctx, to act as it now. */
  get ctx(): Ctx {
    const ctx = this.node.ctxOf(this.pid);
    if (ctx === undefined) throw new Error('the shell process is gone');
    return ctx;
  }

  /** `gen_server:call` without blocking the shell: `done` gets the reply, or the reason it failed. */
  request(
    server: Pid,
    request: Term,
    timeout: number | 'infinity',
    done: (r: Outcome) => void,
  ): void {
    const ctx = this.ctx;
    if (server === ctx.self) return done({ ok: false, error: 'calling_self' });
    const ref = ctx.monitor(server);
    ctx.send(server, ['$gen_call', [ctx.self, ref], request]);
    const timer =
      timeout === 'infinity'
        ? undefined
        : ctx.sendAfter(timeout, ctx.self, ['$request_timeout', ref]);
    this.pending.set(ref, { done, timer });
  }

  /**
   * Spawns a root supervisor linked to the shell (its parent, as the application master would
   * be). Once it has started, the shell traces `child_started` with the root's `childId`, as a
   * supervisor does for its children, and then `done` gets the pid.
   */
  startRoot(childId: string, args: SupArgs, opts: StartOptions, done: (r: Outcome) => void): void {
    const pid = this.ctx.spawnLink(genServerBody(supervisorModule, args, opts), {
      behaviour: 'supervisor',
    });
    this.starting.set(pid, { childId, done });
  }

  private handle(msg: Term): void {
    if (!isTuple(msg)) return;
    const [tag, key] = msg as readonly Term[];
    // {Ref, Reply}: gen_server's reply to one of our requests.
    if (msg.length === 2 && isRef(tag)) return this.settle(tag, { ok: true, value: key });
    if (tag === 'DOWN' && isRef(key))
      return this.settle(key, { ok: false, error: msg[4] as Term }, false);
    if (tag === '$request_timeout' && isRef(key))
      return this.settle(key, { ok: false, error: 'timeout' });
    if (tag === 'ack' && isPid(key)) return this.started(key, msg[2] as Term);
    if (tag === 'EXIT' && isPid(key)) return this.started(key, ['error', msg[2] as Term]);
    // Anything else (an EXIT from something linked to the shell, a stray message) is ignored.
  }

  private settle(ref: Ref, outcome: Outcome, demonitor = true): void {
    const p = this.pending.get(ref);
    if (p === undefined) return;
    this.pending.delete(ref);
    const ctx = this.ctx;
    // As gen_server:call does after a reply or timeout: drop the monitor and any DOWN already queued.
    if (demonitor) ctx.demonitor(ref, true);
    if (p.timer !== undefined) ctx.cancelTimer(p.timer);
    p.done(outcome);
  }

  private started(pid: Pid, result: Term): void {
    const root = this.starting.get(pid);
    if (root === undefined) return;
    this.starting.delete(pid);
    const { childId, done } = root;
    if (isTuple(result) && result[0] === 'ok') {
      const ctx = this.ctx;
      if (ctx.tracing) ctx.trace({ type: 'child_started', sup: ctx.self, childId, pid });
      done({ ok: true, value: pid });
    } else if (result === 'ignore') done({ ok: false, error: 'ignore' });
    else done({ ok: false, error: isTuple(result) ? (result[1] as Term) : result });
  }
}
