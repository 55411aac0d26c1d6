import type { GenServerModule } from '../../runtime';
import { isTuple } from '../../runtime';
import type { Behaviour } from './types';
import { numArg } from './types';

export interface CounterState {
  readonly count: number;
}

/**
 * The hello-world gen_server: `call(increment)` → the new count,
 * `call({increment, N})`, `call(get)`; `cast(reset)`. A plain `increment`
 * message counts too, so "send a message" has a visible effect.
 */
export const counterModule: GenServerModule<CounterState> = {
  name: 'counter',
  init: (args) => ['ok', { count: numArg(args, 'start', 0) }],
  handleCall(req, _from, s) {
    if (req === 'get') return ['reply', s.count, s];
    const by =
      req === 'increment'
        ? 1
        : isTuple(req) && req[0] === 'increment' && typeof req[1] === 'number'
          ? req[1]
          : undefined;
    if (by === undefined) return ['reply', ['error', ['unknown_call', req]], s];
    const count = s.count + by;
    return ['reply', count, { count }];
  },
  handleCast(msg, s) {
    if (msg === 'reset') return ['noreply', { count: 0 }];
    if (msg === 'increment') return ['noreply', { count: s.count + 1 }];
    return ['noreply', s];
  },
  handleInfo(msg, s) {
    return ['noreply', msg === 'increment' ? { count: s.count + 1 } : s];
  },
  describe: (s) => ({ count: s.count }),
};

export const counter: Behaviour = {
  name: 'counter',
  description: 'Counts: call increment or get, cast reset.',
  defaultArgs: { start: 0 },
  module: counterModule,
};
