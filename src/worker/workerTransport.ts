import nodeWorkerUrl from './node.worker.ts?worker&url';
import type { Command, NodeEvent, Transport } from './protocol';
import { startModuleWorker } from './startWorker';

/**
 * A {@link Transport} to a node in its own Web Worker (`node.worker.ts`).
 * A worker that fails (its script does not load, or an error escapes it)
 * reports an `error` event with `fatal: true`.
 */
export function workerTransport(): Transport {
  // Vite bundles the worker from the `?worker&url` import and gives its URL.
  const { worker, release } = startModuleWorker(nodeWorkerUrl);
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
      release();
    },
  };
}
