import { describeError } from '../../base';
import type { Term } from '../../runtime';
import type { Engine } from '../engine';
import { formatPlainTerm } from '../../store/formatPlain';
import { createTimers } from '../timers';
import type { UiStore } from '../uiStore';
import type * as edit from '../workspace/specEdit';
import { plainName } from './plainName';
import type { Dispatch, DispatchDeps } from './types';

/** What every group of actions works with: the deps, the stores and the shared helpers. */
export interface ActionContext {
  engine: Engine;
  location: DispatchDeps['location'];
  copy: DispatchDeps['copy'];
  vault: DispatchDeps['vault'];
  download: DispatchDeps['download'];
  leaveSafeMode: DispatchDeps['leaveSafeMode'];
  /** The playground store itself (lessons wait on it to settle). */
  view: DispatchDeps['view'];
  storage: DispatchDeps['storage'];
  sleep: (ms: number) => Promise<void>;
  set: UiStore['setState'];
  get: UiStore['getState'];
  vs: DispatchDeps['view']['getState'];
  /** The one dispatch, for actions that dispatch others. */
  dispatch: Dispatch;
  toast: (text: string, tone?: 'info' | 'error') => void;
  /** A live process, or a toast naming the one that is missing. */
  live: (target: string) => ReturnType<Engine['resolve']>;
  nodeOfPath: (path: string) => number | undefined;
  /** A supervisor op on the live supervisor at `path`, with the reply's error shown. */
  supOp: (path: string, op: Parameters<Engine['supervisor']>[2]) => Promise<Term | undefined>;
  commitWorkspace: (r: ReturnType<typeof edit.addChild>) => boolean;
}

export function createActionContext(
  {
    engine,
    ui,
    view,
    location,
    copy,
    vault,
    download,
    leaveSafeMode,
    timers,
    storage,
    sleep,
  }: DispatchDeps,
  dispatch: Dispatch,
): ActionContext {
  const set = ui.setState;
  const get = ui.getState;
  const vs = view.getState;
  // Per instance: two playgrounds on a page number their toasts and clear their timers apart.
  const ownTimers = timers ?? createTimers();
  let toastSeq = 0;
  const sleepOn =
    sleep ?? ((ms: number) => new Promise<void>((r) => void ownTimers.setTimeout(r, ms)));

  const toast = (text: string, tone: 'info' | 'error' = 'info') => {
    const id = ++toastSeq;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, text, tone }] }));
    ownTimers.setTimeout(
      () => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
      tone === 'error' ? 8000 : 4000,
    );
  };

  /** A live process, or a toast naming the one that is missing. */
  const live = (target: string) => {
    const r = engine.resolve(target);
    if (!r) toast(`${plainName(view.getState(), target)} is not running`, 'error');
    return r;
  };

  const nodeOfPath = (path: string): number | undefined => {
    const root = path.split('/')[0];
    return get().workspace.nodes.find((n) => n.root.id === root)?.id;
  };

  /** A supervisor op on the live supervisor at `path`, with the reply's error shown. */
  const supOp = async (
    path: string,
    op: Parameters<Engine['supervisor']>[2],
  ): Promise<Term | undefined> => {
    const sup = live(path);
    if (!sup) return undefined;
    try {
      const reply = await engine.supervisor(sup.node, sup.pid, op);
      if (Array.isArray(reply) && reply[0] === 'error') {
        toast(`${op.op} on ${path}: ${formatPlainTerm(reply[1])}`, 'error');
        return undefined;
      }
      return reply;
    } catch (e) {
      toast(`${op.op} on ${path}: ${describeError(e)}`, 'error');
      return undefined;
    }
  };

  const commitWorkspace = (r: ReturnType<typeof edit.addChild>): boolean => {
    if (!r.ok) {
      toast(r.error, 'error');
      return false;
    }
    set({ workspace: r.value });
    return true;
  };

  return {
    engine,
    location,
    copy,
    vault,
    download,
    leaveSafeMode,
    view,
    storage,
    sleep: sleepOn,
    set,
    get,
    vs,
    dispatch,
    toast,
    live,
    nodeOfPath,
    supOp,
    commitWorkspace,
  };
}
