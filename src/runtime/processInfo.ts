import type { Proc } from './proc';
import { NO_EXIT, Status } from './proc';
import type { Pid, Ref, Term } from './term';

/** What the inspector shows for one process (`erlang:process_info/1`, roughly). */
export interface ProcessInfo {
  pid: Pid;
  name: string | undefined;
  behaviour: string;
  status: 'runnable' | 'waiting' | 'exiting';
  parent: Pid | undefined;
  trapExit: boolean;
  mailbox: Term[];
  links: Pid[];
  monitors: { ref: Ref; target: Pid }[];
  monitoredBy: { ref: Ref; watcher: Pid }[];
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
