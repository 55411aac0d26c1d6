import type { Ctx } from '../ctx';
import type { MaybeEff } from '../effects';
import type { Pid } from '../term';
import type { ChildSpec, SupFlags } from './childSpec';
import type { Child, ChildPid, DynChild, Restarting, UNDEFINED_CHILD } from './children';
import { isRunning } from './children';
import type { RestartWindow } from './restartIntensity';

// A supervisor's state, and the two edits every part of it makes through here.

/** What a supervisor's init callback (`Mod:init/1`) returns. */
export type SupInit = { flags: SupFlags; children: readonly ChildSpec[] } | 'ignore';

export interface SupArgs {
  /** The supervisor's name in reports and the picture. */
  readonly name: string;
  /**
   * `Mod:init/1`, called in the new supervisor process. It may block (a
   * generator), as an init/1 that calls another process does.
   */
  readonly init: (ctx: Ctx) => MaybeEff<SupInit>;
}

export interface SupState {
  readonly name: string;
  flags: SupFlags;
  /** Static children in start order (OTP keeps them newest first). */
  children: Child[];
  /** simple_one_for_one: the template and the children, in pid order. */
  template: ChildSpec | undefined;
  dyn: Map<Pid | Restarting | typeof UNDEFINED_CHILD, DynChild>;
  dynamicRestarts: number;
  restarts: RestartWindow;
  /**
   * Static children by pid number, so an EXIT finds its child in O(1).
   * Children are local, and a number hashes faster than an object; a lookup
   * checks the pid itself, as a remote pid can share the number.
   */
  byPid: Map<number, Child>;
}

export const simple = (s: SupState): boolean => s.flags.strategy === 'simple_one_for_one';

/** Every change of a static child's pid goes through here, to keep `byPid` right. */
export function setPid(state: SupState, child: Child, pid: ChildPid): void {
  if (isRunning(child.pid)) state.byPid.delete(child.pid.id);
  child.pid = pid;
  if (isRunning(pid)) state.byPid.set(pid.id, child);
}

export function removeChild(state: SupState, child: Child): void {
  if (isRunning(child.pid)) state.byPid.delete(child.pid.id);
  const i = state.children.indexOf(child);
  if (i >= 0) state.children.splice(i, 1);
}
