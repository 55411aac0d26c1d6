import type { CallResult, Eff, GenServerModule } from '../../runtime';
import { isTuple, sleep } from '../../runtime';
import type { Behaviour } from './types';
import { numArg } from './types';

export interface SlowState {
  readonly terminateMs: number;
  /** Set when terminate/2 starts; the one field mutated in place, so the inspector can show it. */
  terminatingSince: number | undefined;
}

/**
 * Traps exits, so a supervisor's `shutdown` runs its terminate/2, which
 * takes `terminate_ms` (a `timer:sleep/1`). With a child spec shutdown
 * shorter than that, the supervisor gives up waiting and kills it — the
 * difference between `shutdown` and `killed` made visible.
 */
export const slowTerminatorModule: GenServerModule<SlowState> = {
  name: 'slow_terminator',
  init(args, ctx) {
    ctx.trapExit(true);
    return [
      'ok',
      { terminateMs: Math.max(0, numArg(args, 'terminate_ms', 3000)), terminatingSince: undefined },
    ];
  },
  // `{sleep, Ms}` replies `{slept, Ms}` after Ms (a `timer:sleep/1` inside handle_call): a server
  // busy in a callback answers nobody meanwhile, so a caller's gen_server:call timeout can pass.
  *handleCall(req, _from, s): Eff<CallResult<SlowState>> {
    if (isTuple(req) && req[0] === 'sleep' && typeof req[1] === 'number' && req[1] >= 0) {
      yield* sleep(req[1]);
      return ['reply', ['slept', req[1]], s];
    }
    return ['reply', req, s];
  },
  // A linked stranger's EXIT arrives as a message because it traps exits: ignored.
  handleInfo: (_msg, s) => ['noreply', s],
  *terminate(_reason, s, ctx): Eff<void> {
    s.terminatingSince = ctx.now();
    if (ctx.tracing) ctx.trace({ type: 'state', pid: ctx.self });
    yield* sleep(s.terminateMs);
  },
  describe: (s, now) => ({
    terminate_ms: s.terminateMs,
    trap_exit: true,
    terminating: s.terminatingSince !== undefined,
    terminate_left:
      s.terminatingSince === undefined
        ? 'undefined'
        : Math.max(0, Math.round(s.terminatingSince + s.terminateMs - now)),
  }),
};

export const slowTerminator: Behaviour = {
  name: 'slow_terminator',
  description:
    'Traps exits; its terminate/2 takes terminate_ms, so a short shutdown kills it; a call {sleep, Ms} takes Ms.',
  defaultArgs: { terminate_ms: 3000 },
  module: slowTerminatorModule,
};
