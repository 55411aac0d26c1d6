import type { Ctx, GenServerModule } from '../../runtime';
import type { Behaviour } from './types';
import { numArg } from './types';

export interface FlakyState {
  readonly p: number;
  readonly interval: number;
  readonly ticks: number;
  readonly messages: number;
}

/** The dice: the node's seeded random, so the same seed crashes at the same moments. */
const unlucky = (s: FlakyState, ctx: Ctx): boolean => ctx.random() < s.p;

/**
 * A worker that fails at random: on every tick (every `interval` ms; 0 for
 * none) and every message it crashes with reason `flaky_crash` with
 * probability `crash_probability`, through `{stop, flaky_crash, S}` so
 * terminate/2 and a CRASH REPORT happen as for any gen_server.
 */
export const flakyModule: GenServerModule<FlakyState> = {
  name: 'flaky',
  init(args, ctx) {
    const p = Math.min(1, Math.max(0, numArg(args, 'crash_probability', 0.2)));
    const interval = Math.max(0, numArg(args, 'interval', 1000));
    if (interval > 0) ctx.sendAfter(interval, ctx.self, 'tick');
    return ['ok', { p, interval, ticks: 0, messages: 0 }];
  },
  handleCall(_req, _from, s, ctx) {
    if (unlucky(s, ctx)) return ['stop', 'flaky_crash', s];
    return ['reply', 'survived', { ...s, messages: s.messages + 1 }];
  },
  handleCast(_msg, s, ctx) {
    if (unlucky(s, ctx)) return ['stop', 'flaky_crash', s];
    return ['noreply', { ...s, messages: s.messages + 1 }];
  },
  handleInfo(msg, s, ctx) {
    if (unlucky(s, ctx)) return ['stop', 'flaky_crash', s];
    if (msg === 'tick') {
      ctx.sendAfter(s.interval, ctx.self, 'tick');
      return ['noreply', { ...s, ticks: s.ticks + 1 }];
    }
    return ['noreply', { ...s, messages: s.messages + 1 }];
  },
  describe: (s) => ({
    crash_probability: s.p,
    interval: s.interval,
    ticks_survived: s.ticks,
    messages_survived: s.messages,
  }),
};

export const flaky: Behaviour = {
  name: 'flaky',
  description: 'Crashes with reason flaky_crash, with a set probability on each tick and message.',
  defaultArgs: { crash_probability: 0.2, interval: 1000 },
  module: flakyModule,
};
