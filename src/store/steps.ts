import { exhaustiveSwitchError } from '../base';
import type { TraceEvent } from '../runtime';
import type { ClusterEvent, NodeEvent } from '../worker/protocol';
import type { Batch } from './applyEvent';
import {
  clusterEventInto,
  ensureNode,
  finishBatch,
  nodeEventInto,
  snapshotsInto,
} from './applyEvent';
import type { Draft } from './draft';
import { foldEvent } from './foldEvent';
import { pruneDead } from './nodes';
import { foldNotShown } from './notShown';
import { newNode } from './viewState';

/**
 * One input of the fold, in the order it reached the page: the unit the playhead walks and the
 * timeline counts. A node's batch becomes one `trace` step per event and a `batch_end` (its state
 * snapshots, what the worker only counted, its clock); everything else the store is told that
 * changes the picture is a step too, so folding the steps from the start gives exactly the live
 * state, and folding a prefix gives the page as it was then.
 */
export type Step =
  | { readonly k: 'trace'; readonly node: number; readonly ev: TraceEvent }
  | { readonly k: 'batch_end'; readonly batch: Batch }
  /** The end of a run given to `applyEvents` (tests, in-thread use): the node's clock, pruning. */
  | { readonly k: 'applied'; readonly node: number; readonly now: number | undefined }
  | { readonly k: 'node'; readonly ev: NodeEvent; readonly node: number | undefined }
  | { readonly k: 'cluster'; readonly ev: ClusterEvent }
  | {
      readonly k: 'add_node';
      readonly id: number;
      readonly name: string;
      readonly rootId: string | undefined;
    }
  | { readonly k: 'remove_node'; readonly id: number }
  | { readonly k: 'prune'; readonly node: number; readonly now: number };

/** A batch as steps: its events one by one, then its end. */
export function batchSteps(batch: Batch): Step[] {
  const steps: Step[] = batch.events.map((ev) => ({ k: 'trace', node: batch.node, ev }));
  steps.push({ k: 'batch_end', batch });
  return steps;
}

/** Folds one step into a draft (one draft may take many steps: the table is copied once). */
export function foldStep(d: Draft, s: Step): void {
  switch (s.k) {
    case 'trace':
      ensureNode(d, s.node);
      foldEvent(d, s.ev);
      return;
    case 'batch_end':
      ensureNode(d, s.batch.node);
      snapshotsInto(d, s.batch.states);
      foldNotShown(d, s.batch);
      finishBatch(d, s.batch.node, s.batch.now);
      return;
    case 'applied':
      ensureNode(d, s.node);
      finishBatch(d, s.node, s.now);
      return;
    case 'node':
      nodeEventInto(d, s.ev, s.node);
      return;
    case 'cluster':
      clusterEventInto(d, s.ev);
      return;
    case 'add_node': {
      const n = d.node(s.id) ?? newNode(s.id, s.name, s.rootId);
      d.setNode({ ...n, name: s.name, rootId: s.rootId ?? n.rootId });
      return;
    }
    case 'remove_node':
      for (const p of [...d.all()]) if (p.node === s.id) d.delete(p.key);
      d.deleteNode(s.id);
      return;
    case 'prune':
      pruneDead(d, s.node, s.now);
      return;
    default:
      return exhaustiveSwitchError(s);
  }
}

/** A step's trace event, if it is one (the timeline names the event under the playhead). */
export function traceOf(s: Step | undefined): TraceEvent | undefined {
  return s?.k === 'trace' ? s.ev : undefined;
}
