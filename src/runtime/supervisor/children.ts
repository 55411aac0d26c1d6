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

/** The key OTP 25 stores a dynamic child under when its restart returned ignore. */
export const UNDEFINED_CHILD: unique symbol = Symbol('undefined_child');

/** A child of a simple_one_for_one supervisor: the template plus its start args. */
export interface DynChild {
  /** A pid, a restarting marker, or OTP's `undefined` key after a restart returned ignore. */
  pid: Pid | Restarting | typeof UNDEFINED_CHILD;
  args: readonly Term[];
}

export const restarting = (pid: ChildPid): ChildPid =>
  pid instanceof Restarting ? pid : new Restarting(pid);

export const isRunning = (pid: ChildPid | typeof UNDEFINED_CHILD): pid is Pid =>
  pid !== undefined && pid !== UNDEFINED_CHILD && !(pid instanceof Restarting);
