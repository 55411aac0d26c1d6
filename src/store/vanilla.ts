import { createStore } from 'zustand/vanilla';
import { DEFAULT_SPEED, clampSpeed } from '../base';
import type { StoreApi } from 'zustand/vanilla';
import type { TraceEvent } from '../runtime';
import type { ClusterEvent, NodeEvent } from '../worker/protocol';
import { History } from './history';
import { type Step, batchSteps } from './steps';
import type { LogEntry, LogFilter, PlaygroundData, ViewOptions, ViewState } from './types';
import { initialViewState } from './viewState';

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
  /** Appends steps as they are (a recorded session's, checked by whoever read them). */
  appendSteps(steps: readonly Step[]): void;
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
  /** Back to an empty playground (keeps speed); the history starts again. */
  reset(): void;
  /**
   * Paced: the page shows the playhead, which the caller walks (`advance`, `seek`); the nodes may
   * run ahead. Not paced (the default: tests, in-thread use), the page shows every step at once.
   */
  setPaced(paced: boolean): void;
  /** Walks the playhead `n` steps forward (not past the live end); returns how far it went. */
  advance(n?: number): number;
  /** Moves the playhead to `index` (clamped to what is kept): the page shows the state there. */
  seek(index: number): void;
  /**
   * One event forward: the next step that is not bookkeeping (a batch's end). At the live end
   * it returns false and the next step to arrive is shown by itself (the caller asks the nodes
   * for one).
   */
  stepForward(): boolean;
  /** One event back. */
  stepBack(): void;
  /**
   * Forgets every step from `index` on and shows the fold before it as the live end ("Resume
   * from here": the nodes go on from that point; the old future is discarded).
   */
  truncate(index: number): void;
  /** Every step folded, whatever the playhead shows: what actions act on. */
  liveState(): ViewState;
  /** The steps themselves (the playhead's clock reads their kinds and arrival times). */
  history(): History;
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
  const emptyView = (): ViewState => initialViewState(viewOptions);
  const initialData = (view: ViewState, structure: number): PlaygroundData => ({
    ...view,
    structure,
    playhead: { index: 0, start: 0, end: 0, stepSeq: view.nextSeq, jumps: 0 },
    selected: undefined,
    logFilter: { categories: new Set(), pid: undefined, text: '' },
    speed: clampSpeed(speed ?? DEFAULT_SPEED),
    paused: false,
  });

  const first = emptyView();
  const history = new History(first);
  /** The fold at the playhead, as the fold made it (its `structure` is not the store's: see show). */
  let raw = first;
  let index = 0;
  let paced = false;
  /** `.` at the live end: the next steps to arrive are shown one each. */
  let pendingSteps = 0;
  /** Paused, the person has put the playhead somewhere (a seek, a step): it stays there. */
  let placed = false;
  /** The store's `structure` only goes up, whichever way the playhead moves. */
  let structure = 0;
  let jumps = 0;
  /** `clearLog`: entries up to this seq are not shown. */
  let clearedSeq = 0;
  let clearedFrom: readonly LogEntry[] | undefined;
  let clearedLog: readonly LogEntry[] = [];
  const now = (): number => (typeof performance === 'undefined' ? Date.now() : performance.now());

  return createStore<PlaygroundState>()((set, get) => {
    const logOf = (v: ViewState): readonly LogEntry[] => {
      if (clearedSeq === 0) return v.log;
      if (clearedFrom !== v.log) {
        clearedFrom = v.log;
        clearedLog = v.log.filter((e) => e.seq > clearedSeq);
      }
      return clearedLog;
    };

    /**
     * Shows the fold `next` at `at`. `jump`: it was not folded on from the one shown (its
     * `structure` cannot be compared); `seeking`: the person moved the playhead (`jumps`).
     */
    const show = (
      next: ViewState,
      at: number,
      jump: boolean,
      stepSeq: number,
      seeking = false,
    ): void => {
      const prev = get();
      const before = raw;
      const reshaped = jump ? next !== raw : next.structure !== raw.structure;
      if (seeking) jumps++;
      raw = next;
      index = at;
      set({
        ...next,
        log: logOf(next),
        structure: reshaped ? ++structure : structure,
        playhead: { index: at, start: history.start, end: history.end, stepSeq, jumps },
        selected: followSelection(next, prev.selected, before),
      });
    };

    /**
     * The live end moved: say so, and follow it unless paced. Paused, what arrives is what the
     * person just did (a paused node runs nothing by itself: a send puts the message in the
     * mailbox), so it is shown at once, unless the person has placed the playhead themselves
     * (a seek, a step); after a `.` at the live end, one step is shown.
     */
    const appended = (): void => {
      if (!paced) return show(history.live, history.end, false, raw.nextSeq);
      if (pendingSteps > 0 && index < history.end) {
        pendingSteps--;
        if (moveTo(nextEvent(index))) return;
      }
      if (get().paused && !placed && index < history.end) {
        if (history.end - index > 64) return jumpTo(history.end, false);
        if (moveTo(history.end)) return;
      }
      const p = get().playhead;
      if (p.end !== history.end || p.start !== history.start || index < history.start)
        set({ playhead: { ...p, start: history.start, end: history.end } });
    };

    const record = (steps: readonly Step[]): void => {
      try {
        history.append(steps, now());
      } finally {
        appended();
      }
    };

    /** The index after the next step that is not a batch's end (and the ends that follow it). */
    const nextEvent = (from: number): number => {
      let i = from;
      while (i < history.end && history.step(i)?.k === 'batch_end') i++;
      if (i < history.end) i++;
      while (i < history.end && history.step(i)?.k === 'batch_end') i++;
      return i;
    };

    /** Walks forward to `to` (folding on from what is shown); false if it did not move. */
    const moveTo = (to: number): boolean => {
      if (to <= index) return false;
      const seq = raw.nextSeq;
      // The last step's entries begin where the steps before it end.
      const before = to - 1 > index ? history.foldRange(raw, index, to - 1) : raw;
      const next = history.foldRange(before, to - 1, to);
      if (before !== raw) show(before, to - 1, false, seq);
      show(next, to, false, before.nextSeq);
      return true;
    };

    const jumpTo = (target: number, seeking: boolean): void => {
      const to = Math.max(history.start, Math.min(history.end, target));
      if (!seeking && to === history.end) {
        // Catching up: the live state is folded already; the entries in between are new.
        show(history.live, to, true, raw.nextSeq);
        return;
      }
      const before = to > history.start ? history.stateAt(to - 1) : undefined;
      const next =
        before === undefined ? history.stateAt(to) : history.foldRange(before, to - 1, to);
      show(next, to, true, before?.nextSeq ?? next.nextSeq, seeking);
    };

    return {
      ...initialData(first, 0),
      ingest: (ev, node) => {
        if (ev.type === 'batch') record(batchSteps(ev));
        else if (ev.type === 'ready' || ev.type === 'error') record([{ k: 'node', ev, node }]);
      },
      ingestCluster: (ev) => record([{ k: 'cluster', ev }]),
      appendSteps: (steps) => record(steps),
      applyEvents: (node, events, at) =>
        record([
          ...events.map((ev): Step => ({ k: 'trace', node, ev })),
          { k: 'applied', node, now: at ?? events[events.length - 1]?.t },
        ]),
      addNode: ({ id, name, rootId }) => record([{ k: 'add_node', id, name, rootId }]),
      removeNode: (id) => record([{ k: 'remove_node', id }]),
      select: (pid) => set({ selected: pid }),
      setLogFilter: (filter) => set((s) => ({ logFilter: { ...s.logFilter, ...filter } })),
      clearLog: () => {
        clearedSeq = raw.nextSeq - 1;
        clearedFrom = undefined;
        set({ log: logOf(raw) });
      },
      setSpeed: (s) => set({ speed: clampSpeed(s) }),
      setPaused: (paused) => {
        placed = false;
        set({ paused });
      },
      prune: (node, at) => record([{ k: 'prune', node, now: at }]),
      reset: () => {
        const base = emptyView();
        history.clear(base);
        raw = base;
        index = history.end;
        pendingSteps = 0;
        clearedSeq = 0;
        set({
          ...initialData(base, ++structure),
          playhead: { index, start: index, end: index, stepSeq: base.nextSeq, jumps: ++jumps },
          speed: get().speed,
          paused: get().paused,
        });
      },
      setPaced: (on) => {
        paced = on;
        if (!on) jumpTo(history.end, false);
      },
      advance: (n = 1) => {
        const from = index;
        const to = Math.min(history.end, index + n);
        // Far behind: the live state is already folded; the walk would fold it again.
        if (to === history.end && to - index > 64) jumpTo(to, false);
        else moveTo(to);
        return index - from;
      },
      seek: (target) => {
        pendingSteps = 0;
        placed = true;
        jumpTo(target, true);
      },
      stepForward: () => {
        placed = true;
        if (index >= history.end) {
          pendingSteps++;
          return false;
        }
        moveTo(nextEvent(index));
        return true;
      },
      stepBack: () => {
        placed = true;
        // Back over the batch ends that followed the event under the playhead, then over it.
        let i = index;
        while (i > history.start && history.step(i - 1)?.k === 'batch_end') i--;
        if (i > history.start) jumpTo(i - 1, true);
      },
      truncate: (to) => {
        history.truncate(to);
        pendingSteps = 0;
        placed = false;
        jumpTo(history.end, true);
      },
      liveState: () => history.live,
      history: () => history,
    };
  });
}

/**
 * A selected child that was restarted is still selected, under its new pid; after a seek, under
 * the pid its slot had then.
 */
function followSelection(
  s: ViewState,
  selected: string | undefined,
  before: ViewState,
): string | undefined {
  if (selected === undefined) return undefined;
  // Gone from the new state (pruned while the playhead caught up, or not yet born after a seek
  // back): its slot is found through the state it was selected in.
  const p = s.processes.get(selected) ?? before.processes.get(selected);
  if (p === undefined || p.sup === undefined || p.childId === undefined) return selected;
  const slot = s.processes.get(p.sup)?.supervisor?.slots.get(p.childId);
  return slot === undefined ? selected : slot.pid;
}
