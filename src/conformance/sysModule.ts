import type { Ctx } from '../runtime/ctx';
import type { Eff } from '../runtime/effects';
import type { Node } from '../runtime/node';
import type { Pid } from '../runtime/term';
import type { OracleLog } from './oracleLog';

const LOADED = '$sys_loaded';

/**
 * The `sys` module of the oracle's node, which runs in interactive mode: a
 * module is loaded the first time it is called. gen_server's error_info/7
 * (after terminate/2, for an abnormal reason) calls sys:get_log/1, and the
 * driver's sys:terminate/2 calls sys too, so the first of them loads `sys`:
 * a round trip to the code server and the file system, long enough for every
 * other process that can run to run (not for timers: it takes a millisecond
 * or so). Whoever calls sys meanwhile waits for the same load, and they go
 * on in the order they asked. Later calls find it loaded. The traces show
 * it: the first worker to crash exits after the messages it sent were
 * handled, later ones before.
 */
export class SysModule {
  private state: 'unloaded' | 'loading' | 'loaded' = 'unloaded';
  private readonly waiting: Pid[] = [];

  constructor(
    private readonly node: Node,
    private readonly oracle: OracleLog,
  ) {}

  get isLoaded(): boolean {
    return this.state === 'loaded';
  }

  /** Calls into `sys`: the first call loads it (until nothing else can run), others during the load wait for it. */
  *use(ctx: Ctx): Eff<void> {
    if (this.state === 'loaded') return;
    if (this.state === 'loading') {
      this.waiting.push(ctx.self);
      yield { match: (m) => m === LOADED };
      return;
    }
    this.state = 'loading';
    // Until nothing else can run: no process but the log (which each round trip wakes) is
    // waiting for its turn, and the log has no call left to answer.
    do yield* this.oracle.call(ctx);
    while (this.node.runnable > (this.oracle.busy || !this.oracleQueued() ? 0 : 1));
    this.state = 'loaded';
    for (const pid of this.waiting.splice(0)) ctx.send(pid, LOADED);
  }

  private oracleQueued(): boolean {
    return this.node.processInfo(this.oracle.pid)?.status === 'runnable';
  }
}
