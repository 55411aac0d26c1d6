import type { Ctx } from '../runtime/ctx';
import type { Eff } from '../runtime/effects';
import type { Node } from '../runtime/node';
import type { Pid } from '../runtime/term';
import { isTuple } from '../runtime/term';

const EVENT = '$log_event';
const CALL = '$log_call';
const REPLY = '$log_reply';

/**
 * The oracle's log process (`tools/oracle/oracle_log.erl`), as far as
 * scheduling goes. In the oracle every trace line is a message to that
 * process, and the driver, the workers and the supervisors make synchronous
 * calls to it (resolving a path, reading the init mode, announcing a start).
 * Each call is a round trip: the caller waits until the log has had its
 * turn, so processes that were runnable meanwhile run first. That is what
 * orders, say, the hops of a forwarding chain with several messages, so the
 * trace command plays the same round trips on a process of its own.
 *
 * The lines themselves are still written by {@link TraceLog} at once: the
 * log handles its mailbox in order, so a line's place is fixed when it is
 * sent, and so is a call's answer (computed by the caller before it waits).
 */
export class OracleLog {
  readonly pid: Pid;
  /** Calls sent to the log and not yet answered. */
  private pending = 0;

  constructor(private readonly node: Node) {
    this.pid = node.spawn(
      (ctx) =>
        ctx.receive((msg) => {
          if (isTuple(msg) && msg[0] === CALL) {
            this.pending--;
            ctx.send(msg[1] as Pid, [REPLY, msg[2]]);
          }
        }),
      { behaviour: 'oracle_log' },
    );
  }

  /** Whether the log has work that matters to others: a call to answer. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /** A line (or a watched process's DOWN) reaches the log: it becomes runnable. */
  poke(): void {
    this.node.send(undefined, this.pid, EVENT);
  }

  /**
   * `oracle_log:call/1`: monitor the log, send the request, wait for the
   * answer (the log has then handled everything sent to it before), demonitor
   * with flush. The monitor and demonitor are signals that wake the log too.
   */
  *call(ctx: Ctx): Eff<void> {
    const since = ctx.mark();
    const ref = ctx.monitor(this.pid);
    this.pending++;
    ctx.send(this.pid, [CALL, ctx.self, ref]);
    yield { since, match: (m) => isTuple(m) && m[0] === REPLY && m[1] === ref };
    ctx.demonitor(ref, true);
  }
}
