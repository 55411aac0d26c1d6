/**
 * The Worker entry: one runtime node per worker. Everything is in
 * {@link NodeHost}; this file only wires it to the worker's message port and
 * real time (outside src/runtime, real timers are allowed).
 *
 * The realm is locked down first (sandbox/install.ts): people's modules run
 * here, in Compartments, with nothing of this scope in reach. So the watchdog's
 * `ping` can only be answered by the host below, never by a module's code.
 */
import './sandbox/install';
import { NodeHost } from './nodeHost';
import type { Command, NodeEvent } from './protocol';
import { escapedMessage } from './sandbox/escaped';
import { cloneable, describeThrown } from './sandbox/safeTerm';
import { timeoutScheduler } from './scheduler';

/** The dedicated-worker scope, typed without the WebWorker lib (the project compiles against DOM). */
const scope = globalThis as unknown as {
  postMessage(msg: NodeEvent): void;
  onmessage: ((e: MessageEvent<Command>) => void) | null;
  addEventListener(
    type: 'error' | 'unhandledrejection',
    fn: (e: Event & { error?: unknown; reason?: unknown }) => void,
  ): void;
};

/** postMessage that cannot throw: an event structured clone refuses goes again with stand-ins. */
function post(ev: NodeEvent): void {
  try {
    scope.postMessage(ev);
  } catch {
    try {
      scope.postMessage(cloneable(ev) as NodeEvent);
    } catch (e) {
      scope.postMessage({
        type: 'error',
        message: `BUG: an event could not be posted: ${describeThrown(e)}`,
      });
    }
  }
}

const host = new NodeHost({
  post,
  now: () => performance.now(),
  scheduler: timeoutScheduler,
});

scope.onmessage = (e) => host.handle(e.data);

// Whatever still escapes (a module's promise reaction that throws) is an `error` event, never a dead node.
scope.addEventListener('error', (e) => {
  e.preventDefault();
  post({ type: 'error', message: escapedMessage('an exception', e.error) });
});
scope.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  post({ type: 'error', message: escapedMessage('a promise rejection', e.reason) });
});
