import type { Command, NodeEvent, Transport } from './protocol';

/**
 * A {@link Transport} whose real one is loaded on first use: commands and listeners wait until
 * `load()` resolves, then go through in order. The fallback for a place with no `Worker`
 * (Node, the unit tests) runs a whole node in this thread; loading it lazily keeps the runtime
 * and the node host out of the page's JavaScript, where `Worker` always exists.
 */
export function lazyTransport(load: () => Promise<Transport>): Transport {
  let real: Transport | undefined;
  let closed = false;
  const queue: [Command, Transferable[] | undefined][] = [];
  const listeners = new Set<(ev: NodeEvent) => void>();
  void load().then((t) => {
    if (closed) {
      t.terminate();
      return;
    }
    real = t;
    t.onEvent((ev) => {
      for (const l of listeners) l(ev);
    });
    for (const [cmd, transfer] of queue.splice(0)) t.post(cmd, transfer);
  });
  return {
    post(cmd, transfer) {
      if (real) real.post(cmd, transfer);
      else queue.push([cmd, transfer]);
    },
    onEvent(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    terminate() {
      closed = true;
      listeners.clear();
      real?.terminate();
    },
  };
}
