import { exhaustiveSwitchError, pidKey } from '../base';
import type { TraceEvent } from '../runtime';
import type { ClusterEvent, NodeEvent, StateSnapshot } from '../worker/protocol';
import { Draft } from './draft';
import { foldEvent } from './foldEvent';
import { pruneDead, resetNode, setConnected, setNodeStatus } from './nodes';
import { foldNotShown } from './notShown';
import { newNode } from './viewState';
import type { ViewState } from './types';

/**
 * The pure fold from what the nodes report to what the picture shows. Every
 * function here takes a state and returns a new one (or the same object when
 * nothing changed); nothing reachable from the old state is mutated.
 *
 * Events arrive as they cross the wire: pids are plain `{ node, id }`
 * objects, named everywhere by {@link pidKey}.
 */

/** Folds one trace event from `node`. Prefer {@link applyEvents} for many: it copies once. */
export function applyEvent<S extends ViewState>(state: S, node: number, event: TraceEvent): S {
  return applyEvents(state, node, [event]);
}

/**
 * Folds a run of trace events from `node`, then forgets processes that have
 * been dead longer than `deadLingerMs` at `now` (default: the last event's time).
 */
export function applyEvents<S extends ViewState>(
  state: S,
  node: number,
  events: readonly TraceEvent[],
  now?: number,
): S {
  const d = new Draft(state);
  ensureNode(d, node);
  for (const ev of events) foldEvent(d, ev);
  const last = events.length > 0 ? (events[events.length - 1] as TraceEvent).t : undefined;
  finishBatch(d, node, now ?? last);
  return d.finish(state);
}

/** Batch from a node: events, the count of message events over the cap, and behaviour state snapshots. */
export type Batch = Extract<NodeEvent, { type: 'batch' }>;

export function applyBatch<S extends ViewState>(state: S, batch: Batch): S {
  const d = new Draft(state);
  ensureNode(d, batch.node);
  for (const ev of batch.events) foldEvent(d, ev);
  snapshotsInto(d, batch.states);
  foldNotShown(d, batch);
  finishBatch(d, batch.node, batch.now);
  return d.finish(state);
}

/**
 * Folds anything a node sends: `ready` marks it up (and forgets what an
 * earlier run of it left behind), `batch` is folded, `error` is logged.
 * `node` names the sender of an `error` (which carries none).
 */
export function applyNodeEvent<S extends ViewState>(state: S, ev: NodeEvent, node?: number): S {
  if (ev.type === 'batch') return applyBatch(state, ev);
  const d = new Draft(state);
  nodeEventInto(d, ev, node);
  return d.finish(state);
}

/** {@link applyNodeEvent} into a draft (a batch's events included). */
export function nodeEventInto(d: Draft, ev: NodeEvent, node: number | undefined): void {
  switch (ev.type) {
    case 'batch':
      ensureNode(d, ev.node);
      for (const e of ev.events) foldEvent(d, e);
      snapshotsInto(d, ev.states);
      foldNotShown(d, ev);
      finishBatch(d, ev.node, ev.now);
      return;
    case 'ready': {
      const prev = d.node(ev.node);
      resetNode(d, ev.node);
      const n = prev ?? newNode(ev.node);
      // A new run of the node: its counts start over, as its pids do.
      const fresh = newNode(ev.node, n.name, n.rootId);
      // Its clock starts again at 0: it reads from the cluster's time now on (one log clock).
      const epoch = d.clusterNow();
      d.setNode({
        ...n,
        epoch,
        now: 0,
        status: 'up',
        downReason: undefined,
        uncounted: fresh.uncounted,
        processes: undefined,
        notShown: fresh.notShown,
        notLogged: fresh.notLogged,
        notShownLoggedAt: undefined,
      });
      d.log({
        t: 0,
        node: ev.node,
        kind: 'node',
        category: 'system',
        level: 'info',
        pids: [],
        text: `node ${n.name} up`,
      });
      return;
    }
    case 'error': {
      const n = node === undefined ? undefined : d.node(node);
      d.log({
        t: n?.now ?? 0,
        node: node ?? -1,
        kind: 'node',
        category: 'system',
        level: 'error',
        pids: [],
        text: ev.message,
      });
      return;
    }
    case 'reply':
    case 'pong':
      return;
    default:
      return exhaustiveSwitchError(ev);
  }
}

/**
 * Folds what the cluster client says about nodes: starting, up, down (the
 * watchdog's `unresponsive: …` reasons show as `unresponsive`; either way
 * every process on it ends), and connections between nodes (netsplits).
 */
export function applyClusterEvent<S extends ViewState>(state: S, ev: ClusterEvent): S {
  const d = new Draft(state);
  clusterEventInto(d, ev);
  return d.finish(state);
}

/** {@link applyClusterEvent} into a draft. */
export function clusterEventInto(d: Draft, ev: ClusterEvent): void {
  switch (ev.type) {
    case 'node_starting':
      setNodeStatus(d, ev.node, 'starting');
      return;
    case 'node_up':
      setNodeStatus(d, ev.node, 'up');
      return;
    case 'node_down':
      setNodeStatus(
        d,
        ev.node,
        ev.reason.startsWith('unresponsive') ? 'unresponsive' : 'down',
        ev.reason,
      );
      return;
    case 'nodes_connected':
      setConnected(d, ev.a, ev.b, true);
      return;
    case 'nodes_disconnected':
      setConnected(d, ev.a, ev.b, false, ev.why);
      return;
    default:
      return exhaustiveSwitchError(ev);
  }
}

/** The behaviour states a batch carries; a supervisor's also gives its flags and restart times. */
export function snapshotsInto(d: Draft, states: readonly StateSnapshot[]): void {
  for (const snap of states) {
    const key = pidKey(snap.pid);
    const p = d.get(key);
    if (p === undefined || p.diedAt !== undefined) continue;
    d.edit(key)!.state = snap.state;
    const sup = d.editSup(key);
    if (sup === undefined) continue;
    const s = snap.state as Record<string, unknown> | undefined;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) continue;
    if (typeof s.strategy === 'string' && s.strategy !== sup.strategy) {
      sup.strategy = s.strategy;
      d.reshape();
    }
    if (typeof s.intensity === 'number') sup.intensity = s.intensity;
    if (typeof s.period === 'number') sup.period = s.period;
    if (typeof s.auto_shutdown === 'string') sup.autoShutdown = s.auto_shutdown;
    if (Array.isArray(s.restart_times) && s.restart_times.every((x) => typeof x === 'number')) {
      sup.restartTimes = [...(s.restart_times as number[])];
    }
  }
}

export function ensureNode(d: Draft, node: number): void {
  if (d.node(node) === undefined) d.setNode({ ...newNode(node), status: 'up' });
}

export function finishBatch(d: Draft, node: number, now: number | undefined): void {
  if (now === undefined) return;
  const n = d.node(node);
  if (n !== undefined && now > n.now) d.setNode({ ...n, now });
  pruneDead(d, node, now);
}
