import type { Ctx } from '../ctx';
import type { Eff } from '../effects';
import { call } from '../genServer';
import type { Pid, Term } from '../term';
import type { ChildSpec } from './childSpec';

// supervisor:start_child/2 … count_children/1. Each is a gen_server call with
// `infinity` timeout, as in OTP, and returns OTP's term.

/** A child spec for a static supervisor; the extra args for simple_one_for_one. */
export const startChild = (
  ctx: Ctx,
  sup: Pid | string,
  child: ChildSpec | readonly Term[],
): Eff<Term> => call(ctx, sup, ['start_child', child as unknown as Term], 'infinity');

/** An id, or for simple_one_for_one the child's pid. */
export const terminateChild = (ctx: Ctx, sup: Pid | string, id: string | Pid): Eff<Term> =>
  call(ctx, sup, ['terminate_child', id], 'infinity');

export const restartChild = (ctx: Ctx, sup: Pid | string, id: string): Eff<Term> =>
  call(ctx, sup, ['restart_child', id], 'infinity');

export const deleteChild = (ctx: Ctx, sup: Pid | string, id: string): Eff<Term> =>
  call(ctx, sup, ['delete_child', id], 'infinity');

export const whichChildren = (ctx: Ctx, sup: Pid | string): Eff<Term> =>
  call(ctx, sup, ['which_children'], 'infinity');

export const countChildren = (ctx: Ctx, sup: Pid | string): Eff<Term> =>
  call(ctx, sup, ['count_children'], 'infinity');
