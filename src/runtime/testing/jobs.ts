import type { Result } from '../../base';
import type { Ctx } from '../ctx';
import type { MaybeEff } from '../effects';
import { reasonOf, runEff } from '../effects';
import type { Node } from '../node';
import type { Pid, Reason, Term } from '../term';
import { isTuple } from '../term';

/** Work a test hands to the driver process; a generator may block (a call, a sleep). */
export type Job = (ctx: Ctx) => MaybeEff<Term> | void;
/** What a job returned, or the reason it exited. */
export type JobResult = Result<Term, Reason>;

/**
 * The test's own process: it traps exits (so it is a harmless parent for a
 * root supervisor) and runs jobs one at a time, in the order they were queued.
 * A job that exits is recorded as such and the driver carries on.
 */
export class Jobs {
  readonly pid: Pid;
  private readonly queued = new Map<number, Job>();
  private readonly results = new Map<number, JobResult>();
  private next = 0;

  constructor(private readonly node: Node) {
    this.pid = node.spawn(
      (ctx) => {
        ctx.trapExit(true);
        this.serve(ctx);
      },
      { behaviour: 'driver' },
    );
  }

  /** Queues `work`; returns its id for {@link take}. */
  enqueue(work: Job): number {
    const id = ++this.next;
    this.queued.set(id, work);
    this.node.send(undefined, this.pid, ['$do', id]);
    return id;
  }

  /** The result of a finished job (once), or undefined if it has not finished. */
  take(id: number): JobResult | undefined {
    const r = this.results.get(id);
    this.results.delete(id);
    return r;
  }

  private serve(ctx: Ctx): void {
    const isJob = (m: Term): boolean => isTuple(m) && m[0] === '$do';
    ctx.receive(
      (msg) => {
        const id = (msg as readonly number[])[1] as number;
        const job = this.queued.get(id);
        this.queued.delete(id);
        const finish = (r: JobResult): void => {
          this.results.set(id, r);
          this.serve(ctx);
        };
        let work: MaybeEff<Term> | void;
        try {
          work = job?.(ctx);
        } catch (e) {
          return finish({ ok: false, error: reasonOf(e) });
        }
        const done = (value: Term): void => finish({ ok: true, value });
        runEff(ctx, work as MaybeEff<Term>, done, (reason) => finish({ ok: false, error: reason }));
      },
      { match: isJob },
    );
  }
}
