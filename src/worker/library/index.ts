import { counter } from './counter';
import { echo } from './echo';
import { flaky } from './flaky';
import { kvStore } from './kvStore';
import { slowTerminator } from './slowTerminator';
import { ticker } from './ticker';
import type { Behaviour } from './types';

export type { AnyGenServer, Behaviour } from './types';
export { argMap, numArg } from './types';
export { counterModule } from './counter';
export { echoModule } from './echo';
export { flakyModule } from './flaky';
export { kvStoreModule } from './kvStore';
export { slowTerminatorModule } from './slowTerminator';
export { tickerModule } from './ticker';

/** The behaviour library by name, as a worker spec's `behaviour` names it. */
export const behaviours: Readonly<Record<string, Behaviour>> = {
  counter,
  echo,
  kv_store: kvStore,
  flaky,
  ticker,
  slow_terminator: slowTerminator,
};
