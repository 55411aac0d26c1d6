import { exhaustiveSwitchError } from '../base';
import type { TraceEventType } from '../runtime';
import type { History } from '../store/history';
import type { Step } from '../store/steps';
import type { PlaygroundStore } from '../store/vanilla';
import type { Timers } from './timers';

/**
 * Story time a step is given at 1× before the next one is shown (ms). A message or a signal is
 * given its dot's flight (the viz flies one in 700 ms at 1×), so the receive is shown as the dot
 * arrives; a death, a report and a restart are given time to be read; bookkeeping (a state, a
 * batch's end) none.
 */
const TRACE_COST: Readonly<Record<TraceEventType, number>> = {
  send: 700,
  send_dropped: 700,
  exit_signal: 700,
  down: 700,
  exit: 500,
  crash_report: 400,
  supervisor_report: 500,
  restart: 400,
  supervisor_gave_up: 600,
  spawn: 300,
  child_started: 300,
  child_deleted: 300,
  log: 300,
  init: 150,
  receive: 120,
  link: 120,
  unlink: 120,
  monitor: 120,
  demonitor: 120,
  trap_exit: 100,
  register: 100,
  unregister: 100,
  state: 0,
};

/** More steps than this waiting: the playhead jumps to the live end (the counted traffic shows them). */
export const MAX_BACKLOG = 150;
/** Longest a step may wait at 1× (a crash story is ~4 s); scaled by 1 / speed, at most {@link MAX_WAIT_MS}. */
const MAX_LAG_MS = 5_000;
const MAX_WAIT_MS = 30_000;
/** Backlogs longer than this play faster: each step's time is divided by `backlog / CROWD`. */
const CROWD = 30;
const TICK_MS = 16;
/** After a jump, steps are shown as they come for this long (real ms): a flood's tail. */
const FLOOD_HOLD_MS = 1_000;
/** What a node does in this long (real ms) after it is up is its boot: shown at once. */
const BOOT_MS = 400;

export function stepCost(s: Step | undefined): number {
  if (s === undefined) return 0;
  switch (s.k) {
    case 'trace':
      // A type this table has not met yet (a newer worker) is given a little time, not NaN.
      return TRACE_COST[s.ev.type] ?? 200;
    case 'node':
    case 'cluster':
    case 'add_node':
    case 'remove_node':
      return 300;
    case 'batch_end':
    case 'applied':
    case 'prune':
      return 0;
    default:
      return exhaustiveSwitchError(s);
  }
}

/**
 * A node went down or was removed, or two nodes were cut apart or joined (the person's own Stop,
 * netsplit or heal, or a node that died): that is not told slowly behind a story — the playhead
 * jumps to it (and past what came before). A node starting is not one of these: the tree's boot
 * is shown at once anyway, and a crash right after it must still read as a story.
 */
function clusterWaiting(h: History, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const s = h.step(i);
    if (s?.k === 'remove_node') return true;
    if (s?.k === 'cluster' && s.ev.type !== 'node_starting' && s.ev.type !== 'node_up') return true;
  }
  return false;
}

export interface PlayheadClock {
  start(): void;
  stop(): void;
  /** How long (ms) the oldest step not yet shown has waited; 0 when the playhead is live. */
  lag(): number;
}

/**
 * Walks the store's playhead through the steps at the chosen speed: a step is shown, then the
 * next waits its story time ({@link stepCost} / speed), so at 1× a crash reads in order (the
 * exit, the signal flying to the supervisor, its report, the restart, the new pid). Paused, it
 * stands still (the nodes are paused too). When steps come faster than they can be told — more
 * than {@link MAX_BACKLOG} waiting, or one waiting longer than {@link MAX_LAG_MS} / speed — it
 * jumps to the live end: the steps are folded at once and the viz counts their traffic (`+N`),
 * so a blasting node keeps the page within a few frames of the nodes.
 */
export function createPlayheadClock(
  view: PlaygroundStore,
  timers: Timers,
  now: () => number = () => performance.now(),
): PlayheadClock {
  let interval: number | undefined;
  let off: (() => void) | undefined;
  let holdUntil = 0;
  let resumedAt = -Infinity;
  let lastJumpAt = -Infinity;

  const behind = (): boolean => {
    const s = view.getState();
    return !s.paused && s.playhead.index < s.playhead.end;
  };

  const waited = (t: number): number => {
    const s = view.getState();
    const { index, end } = s.playhead;
    if (index >= end) return 0;
    const at = s.history().arrivedAt(index) ?? t;
    return t - Math.max(at, resumedAt);
  };

  /** Per node: steps arriving until this real time are its boot, shown at once. */
  const bootUntil = new Map<number, number>();
  /** Story time of step `i`: none for a node's boot (the tree as it starts is not a story). */
  const costAt = (i: number): number => {
    const h = view.getState().history();
    const step = h.step(i);
    if (step?.k === 'node' && step.ev.type === 'ready')
      bootUntil.set(step.ev.node, (h.arrivedAt(i) ?? 0) + BOOT_MS);
    if (step?.k === 'trace' || step?.k === 'batch_end') {
      const node = step.k === 'trace' ? step.node : step.batch.node;
      if ((h.arrivedAt(i) ?? Infinity) <= (bootUntil.get(node) ?? -Infinity)) return 0;
    }
    return stepCost(step);
  };

  const tick = (): void => {
    const s = view.getState();
    if (!behind()) return idle();
    const t = now();
    const backlog = s.playhead.end - s.playhead.index;
    const speed = s.speed;
    // Once it had to jump, it keeps up for a while: the rest of a flood (fewer than
    // MAX_BACKLOG steps once the node stops, or the Stop the person pressed) is not told slowly.
    const flooding = t - lastJumpAt < FLOOD_HOLD_MS;
    if (
      flooding ||
      backlog > MAX_BACKLOG ||
      waited(t) > Math.min(MAX_WAIT_MS, MAX_LAG_MS / speed) ||
      clusterWaiting(s.history(), s.playhead.index, s.playhead.end)
    ) {
      for (let i = s.playhead.index; i < s.playhead.end; i++) costAt(i);
      s.advance(backlog);
      holdUntil = t;
      if (!flooding || backlog > MAX_BACKLOG) lastJumpAt = t;
      return;
    }
    if (t < holdUntil) return;
    // Every step up to and including the next one that takes time is shown now.
    let n = 0;
    let cost = 0;
    for (let i = s.playhead.index; i < s.playhead.end && cost === 0; i++) {
      cost = costAt(i);
      n++;
    }
    s.advance(n);
    holdUntil = t + cost / speed / Math.max(1, backlog / CROWD);
  };

  const idle = (): void => {
    if (interval !== undefined) timers.clearInterval(interval);
    interval = undefined;
  };
  let wasPaused = view.getState().paused;
  const wake = (): void => {
    const { paused } = view.getState();
    // What waited while paused (or before a seek into the past) is not late once resumed.
    if (wasPaused && !paused) resumedAt = now();
    wasPaused = paused;
    if (interval === undefined && behind()) interval = timers.setInterval(tick, TICK_MS);
  };

  return {
    start() {
      view.getState().setPaced(true);
      off ??= view.subscribe(wake);
      wake();
    },
    stop() {
      off?.();
      off = undefined;
      idle();
    },
    lag: () => waited(now()),
  };
}
