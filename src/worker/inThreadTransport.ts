import type { Command, NodeEvent, Transport } from './protocol';
import type { HostDeps } from './nodeHost';
import { NodeHost } from './nodeHost';
import type { Scheduler } from './scheduler';
import { timeoutScheduler } from './scheduler';

export interface InThreadOptions {
  /** Real time; default `performance.now`. */
  now?: () => number;
  scheduler?: Scheduler;
  frameMs?: number;
  sliceMs?: number;
  defaultSpeed?: number;
  /**
   * Structured-clone every command and event, as postMessage would (pids
   * become `{ node, id }`, and anything uncloneable fails here as it would
   * in a Worker). Default true.
   */
  clone?: boolean;
}

/**
 * A {@link Transport} that runs a {@link NodeHost} in this thread: for tests
 * (store and UI tests need no Worker) and the fallback where `Worker` does
 * not exist. Like a Worker it is asynchronous in both directions (a
 * microtask), so code written against it does not come to rely on a
 * synchronous answer.
 */
export function inThreadTransport(
  opts: InThreadOptions = {},
): Transport & { readonly host: NodeHost } {
  const clone = opts.clone ?? true;
  const copy = <T>(x: T): T => (clone ? structuredClone(x) : x);
  let listeners: ((ev: NodeEvent) => void)[] = [];
  let closed = false;
  const deps: HostDeps = {
    post: (ev) => {
      const out = copy(ev);
      queueMicrotask(() => {
        if (!closed) for (const l of listeners) l(out);
      });
    },
    now: opts.now ?? (() => performance.now()),
    scheduler: opts.scheduler ?? timeoutScheduler,
    ...(opts.frameMs === undefined ? {} : { frameMs: opts.frameMs }),
    ...(opts.sliceMs === undefined ? {} : { sliceMs: opts.sliceMs }),
    ...(opts.defaultSpeed === undefined ? {} : { defaultSpeed: opts.defaultSpeed }),
  };
  const host = new NodeHost(deps);
  return {
    host,
    post(cmd: Command) {
      // A MessagePort cannot be cloned without being transferred; it is handed over as is.
      const c = cmd.type === 'connect' ? cmd : copy(cmd);
      queueMicrotask(() => {
        if (!closed) host.handle(c);
      });
    },
    onEvent(fn) {
      listeners = [...listeners, fn];
      return () => {
        listeners = listeners.filter((l) => l !== fn);
      };
    },
    terminate() {
      closed = true;
      host.dispose();
    },
  };
}
