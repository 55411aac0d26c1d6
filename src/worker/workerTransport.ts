import type { Command, NodeEvent, Transport } from './protocol';

/**
 * A {@link Transport} to a node in its own Web Worker (`node.worker.ts`).
 * A worker that fails (its script does not load, or an error escapes it)
 * reports an `error` event with `fatal: true`.
 */
export function workerTransport(): Transport {
  // Vite bundles the worker from this exact expression.
  const worker = new Worker(new URL('./node.worker.ts', import.meta.url), { type: 'module' });
  let listeners: ((ev: NodeEvent) => void)[] = [];
  const emit = (ev: NodeEvent): void => {
    for (const l of listeners) l(ev);
  };
  worker.onmessage = (e: MessageEvent<NodeEvent>) => emit(e.data);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    emit({
      type: 'error',
      message: `worker failed: ${e.message || 'it could not be loaded'}`,
      fatal: true,
    });
  };
  worker.onmessageerror = () =>
    emit({ type: 'error', message: 'worker sent a message that could not be read' });
  return {
    post(cmd: Command, transfer?: Transferable[]) {
      worker.postMessage(cmd, transfer ?? []);
    },
    onEvent(fn) {
      listeners = [...listeners, fn];
      return () => {
        listeners = listeners.filter((l) => l !== fn);
      };
    },
    terminate() {
      listeners = [];
      worker.terminate();
    },
  };
}
