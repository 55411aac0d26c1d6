import { createStore } from 'zustand/vanilla';
import { DEFAULT_SPEED, clampSpeed } from '../base';
import type { StoreApi } from 'zustand/vanilla';
import type { TraceEvent } from '../runtime';
import type { ClusterEvent, NodeEvent } from '../worker/protocol';
import { applyClusterEvent, applyEvents, applyNodeEvent } from './applyEvent';
import { Draft } from './draft';
import { pruneDead } from './nodes';
import type { LogFilter, PlaygroundData, ViewOptions } from './types';
import { initialViewState, newNode } from './viewState';

/** The store's actions: plain functions, safe to pass around (`store.getState().select`). */
export interface PlaygroundActions {
  /** Folds anything a node sends (`ready`, `batch`, `error`; replies and pongs are ignored). `node` names the sender of an `error`. */
  ingest(ev: NodeEvent, node?: number): void;
  /**
   * Folds what the cluster client reports: node starting/up/down (the watchdog's reasons show as
   * `unresponsive`; down ends every process on it), connections and netsplits. The only way a
   * node's status or connections change.
   */
  ingestCluster(ev: ClusterEvent): void;
  /** Folds trace events directly (in-thread use, tests, replay). */
  applyEvents(node: number, events: readonly TraceEvent[], now?: number): void;
  /** A node the user added; `rootId` is its root supervisor's id, the first part of every path. */
  addNode(node: { id: number; name: string; rootId?: string }): void;
  /** Forgets a node and its processes. */
  removeNode(id: number): void;
  /** Selects a process (pid key), or clears the selection. */
  select(pid: string | undefined): void;
  setLogFilter(filter: Partial<LogFilter>): void;
  clearLog(): void;
  /** Clamped to `MIN_SPEED`–`MAX_SPEED` (src/base). Only the view state: the caller also sends `set_speed` to the nodes. */
  setSpeed(speed: number): void;
  /** Only the view state: the caller also sends `pause`/`resume`. */
  setPaused(paused: boolean): void;
  /** Forgets processes of `node` dead for longer than the linger time at node time `now`. */
  prune(node: number, now: number): void;
  /** Back to an empty playground (keeps speed). */
  reset(): void;
}

export type PlaygroundState = PlaygroundData & PlaygroundActions;
export type PlaygroundStore = StoreApi<PlaygroundState>;

export interface PlaygroundStoreOptions extends Partial<ViewOptions> {
  speed?: number;
}

/**
 * One store per playground instance: two embeds on one page share nothing.
 * Vanilla zustand (no React); `react.ts` wraps it.
 */
export function createPlaygroundStore(options: PlaygroundStoreOptions = {}): PlaygroundStore {
  const { speed, ...viewOptions } = options;
  const initialData = (): PlaygroundData => ({
    ...initialViewState(viewOptions),
    selected: undefined,
    logFilter: { categories: new Set(), pid: undefined, text: '' },
    speed: clampSpeed(speed ?? DEFAULT_SPEED),
    paused: false,
  });

  return createStore<PlaygroundState>()((set, get) => {
    /** Runs a fold; the selection follows a restarted child to its new pid. */
    const fold = (f: (s: PlaygroundState) => PlaygroundState): void => {
      const prev = get();
      const next = f(prev);
      if (next === prev) return;
      set({ ...next, selected: followSelection(next, prev.selected) });
    };
    const draft = (f: (d: Draft) => void): void =>
      fold((s) => {
        const d = new Draft(s);
        f(d);
        return d.finish(s);
      });

    return {
      ...initialData(),
      ingest: (ev, node) => fold((s) => applyNodeEvent(s, ev, node)),
      ingestCluster: (ev) => fold((s) => applyClusterEvent(s, ev)),
      applyEvents: (node, events, now) => fold((s) => applyEvents(s, node, events, now)),
      addNode: ({ id, name, rootId }) =>
        draft((d) => {
          const n = d.node(id) ?? newNode(id, name, rootId);
          d.setNode({ ...n, name, rootId: rootId ?? n.rootId });
        }),
      removeNode: (id) =>
        draft((d) => {
          for (const p of [...d.all()]) if (p.node === id) d.delete(p.key);
          d.deleteNode(id);
        }),
      select: (pid) => set({ selected: pid }),
      setLogFilter: (filter) => set((s) => ({ logFilter: { ...s.logFilter, ...filter } })),
      clearLog: () => set({ log: [] }),
      setSpeed: (s) => set({ speed: clampSpeed(s) }),
      setPaused: (paused) => set({ paused }),
      prune: (node, now) => draft((d) => pruneDead(d, node, now)),
      // `structure` keeps counting up, so a layout memoised on it is never taken for the new one's.
      reset: () => set({ ...initialData(), speed: get().speed, structure: get().structure + 1 }),
    };
  });
}

/** A selected child that was restarted is still selected, under its new pid. */
function followSelection(s: PlaygroundData, selected: string | undefined): string | undefined {
  if (selected === undefined) return undefined;
  const p = s.processes.get(selected);
  if (p === undefined || p.sup === undefined || p.childId === undefined) return selected;
  const slot = s.processes.get(p.sup)?.supervisor?.slots.get(p.childId);
  return slot === undefined ? selected : slot.pid;
}
