import type { Proc } from './proc';
import { NO_EXIT, Status } from './proc';
import type { Pid, Ref, Term } from './term';

/**
 * What the inspector shows for one process (`erlang:process_info/1`, roughly). `P` and `R` are
 * how pids and refs are held: the runtime's classes here, plain `{ node, id }` once they cross to
 * the main thread (the protocol's `InspectInfo`).
 */
export interface ProcessInfo<P = Pid, R = Ref> {
  pid: P;
  name: string | undefined;
  behaviour: string;
  /**
   * `process_info(Pid, status)`'s words: `runnable` has work queued. The page's own estimate
   * (store `ProcStatus`) says `running` for the same thing, as people read it.
   */
  status: 'runnable' | 'waiting' | 'exiting';
  parent: P | undefined;
  trapExit: boolean;
  mailbox: Term[];
  links: P[];
  monitors: { ref: R; target: P }[];
  monitoredBy: { ref: R; watcher: P }[];
  state: Term;
}

export function describeProcess(p: Proc): ProcessInfo {
  return {
    pid: p.self,
    name: p.name ?? undefined,
    behaviour: p.behaviour,
    status:
      p.pendingExit !== NO_EXIT || p.status === Status.Dead
        ? 'exiting'
        : p.queued
          ? 'runnable'
          : 'waiting',
    parent: p.parent,
    trapExit: p.trapping,
    mailbox: p.mailbox?.toArray() ?? [],
    links: p.linkedPids(),
    monitors: [...(p.monitors ?? [])].map(([ref, target]) => ({ ref, target })),
    monitoredBy: [...(p.watchers ?? [])].map(([ref, watcher]) => ({ ref, watcher })),
    state: p.stateSource?.describe(),
  };
}
