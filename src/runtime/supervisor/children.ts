import type { Pid, Term } from '../term';
import type { ChildSpec } from './childSpec';

/** `{restarting, OldPid}`: a child whose restart failed and will be tried again. */
export class Restarting {
  constructor(readonly old: Pid | undefined) {}
}

export type ChildPid = Pid | undefined | Restarting;

/** A static child: its spec and what runs it now. */
export interface Child {
  spec: ChildSpec;
  pid: ChildPid;
}

/** A child of a simple_one_for_one supervisor: the template plus its start args. */
export interface DynChild {
  pid: Pid | Restarting;
  args: readonly Term[];
}

export const restarting = (pid: ChildPid): ChildPid =>
  pid instanceof Restarting ? pid : new Restarting(pid);

export const isRunning = (pid: ChildPid): pid is Pid => pid !== undefined && !(pid instanceof Restarting);
