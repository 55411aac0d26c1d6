/**
 * The Worker entry: one runtime node per worker. Everything is in
 * {@link NodeHost}; this file only wires it to the worker's message port and
 * real time (outside src/runtime, real timers are allowed).
 */
import { NodeHost } from './nodeHost';
import type { Command, NodeEvent } from './protocol';
import { timeoutScheduler } from './scheduler';

/** The dedicated-worker scope, typed without the WebWorker lib (the project compiles against DOM). */
const scope = globalThis as unknown as {
  postMessage(msg: NodeEvent): void;
  onmessage: ((e: MessageEvent<Command>) => void) | null;
};

const host = new NodeHost({
  post: (ev) => scope.postMessage(ev),
  now: () => performance.now(),
  scheduler: timeoutScheduler,
});

scope.onmessage = (e) => host.handle(e.data);
