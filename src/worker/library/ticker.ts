import type { GenServerModule, TimerRef } from '../../runtime';
import type { Behaviour } from './types';
import { numArg } from './types';

export interface TickerState {
  readonly interval: number;
  readonly ticks: number;
  readonly timer: TimerRef | undefined;
  /** Node time of the next tick, for the inspector's countdown. */
  readonly nextAt: number | undefined;
}

/**
 * An `erlang:send_after/3` loop: a `tick` to itself every `interval` ms,
 * counted. `call(get)` → ticks; `cast(stop)` cancels the timer, `cast(start)`
 * re-arms it.
 */
export const tickerModule: GenServerModule<TickerState> = {
  name: 'ticker',
  init(args, ctx) {
    const interval = Math.max(1, numArg(args, 'interval', 1000));
    const timer = ctx.sendAfter(interval, ctx.self, 'tick');
    return ['ok', { interval, ticks: 0, timer, nextAt: ctx.now() + interval }];
  },
  handleCall: (req, _from, s) => [
    'reply',
    req === 'get' ? s.ticks : ['error', ['unknown_call', req]],
    s,
  ],
  handleCast(msg, s, ctx) {
    if (msg === 'stop' && s.timer !== undefined) {
      ctx.cancelTimer(s.timer);
      return ['noreply', { ...s, timer: undefined, nextAt: undefined }];
    }
    if (msg === 'start' && s.timer === undefined) {
      const timer = ctx.sendAfter(s.interval, ctx.self, 'tick');
      return ['noreply', { ...s, timer, nextAt: ctx.now() + s.interval }];
    }
    return ['noreply', s];
  },
  handleInfo(msg, s, ctx) {
    // A tick after `stop` (already in the mailbox when the timer was cancelled) is ignored.
    if (msg !== 'tick' || s.timer === undefined) return ['noreply', s];
    const timer = ctx.sendAfter(s.interval, ctx.self, 'tick');
    return ['noreply', { ...s, ticks: s.ticks + 1, timer, nextAt: ctx.now() + s.interval }];
  },
  describe: (s, now) => ({
    interval: s.interval,
    ticks: s.ticks,
    running: s.timer !== undefined,
    next_tick_in: s.nextAt === undefined ? 'undefined' : Math.max(0, Math.round(s.nextAt - now)),
  }),
};

export const ticker: Behaviour = {
  name: 'ticker',
  description: 'Sends itself a tick every interval ms (a send_after loop) and counts them.',
  defaultArgs: { interval: 1000 },
  module: tickerModule,
};
