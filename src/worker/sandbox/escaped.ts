import { Exceeded, lastStrayModule } from './meter';
import { describeThrown, stackOf } from './safeTerm';

/**
 * What a worker-wide `error` / `unhandledrejection` handler says about
 * something that escaped every callback. Module code can only get there
 * through a promise reaction (it has no timers), which runs after the turn
 * that made it, outside any process: it is reported as the module's, in a
 * node `error` event, and nothing else happens. Anything else is a bug of
 * ours.
 */
export function escapedMessage(what: string, thrown: unknown): string {
  if (thrown instanceof Exceeded)
    return `module ${lastStrayModule() ?? '?'}: code outside any callback (a promise reaction) was stopped: ${describeThrown(thrown.reason)}`;
  // An error says where it came from; a thrown non-error (`Promise.reject(42)`) can only be a module's.
  const stack = stackOf(thrown);
  const fromModule =
    stack === undefined ? lastStrayModule() !== undefined : stack.includes('otp-module:');
  if (fromModule)
    return `module ${lastStrayModule() ?? '?'}: ${what} outside any callback: ${describeThrown(thrown)}`;
  return `BUG: ${what} in the worker: ${describeThrown(thrown)}`;
}
