import { exhaustiveSwitchError, pidKey } from '../base';
import type { WirePid } from '../base';
import { formatPlainTerm } from './formatPlain';
import type { History } from './history';
import { pathSegment } from './selectors';
import type { ViewState } from './types';

/**
 * The sequence chart's data (Kino.Process's `seq_trace`, live): lifelines for the selected
 * process's child slot and its supervisor, and what passed between them in a window of steps
 * before the playhead. A slot is one lifeline whatever its occupant (a restart shows on it as a
 * new pid), as the tree shows a slot as one node; anything outside the lifelines is "others".
 */

export interface SeqLane {
  /** A slot (`sup/childId`), a pid key, or `others`. */
  readonly id: string;
  readonly label: string;
}

export type SeqKind =
  'message' | 'call' | 'exit_signal' | 'EXIT' | 'down' | 'exit' | 'spawn' | 'restart' | 'report';

export interface SeqRow {
  /** The step index (the timeline's). */
  readonly index: number;
  readonly kind: SeqKind;
  /** Lane ids; `to` is undefined for something that happens on one lifeline. */
  readonly from: string;
  readonly to: string | undefined;
  readonly label: string;
}

export interface Sequence {
  readonly lanes: readonly SeqLane[];
  readonly rows: readonly SeqRow[];
}

const OTHERS = 'others';
const short = (t: unknown): string => {
  const s = formatPlainTerm(t);
  return s.length > 28 ? `${s.slice(0, 27)}…` : s;
};

/**
 * What involved the process `focus` (a pid key, known to `state`) in the `window` steps before
 * `index`, at most `maxRows` (the newest).
 */
export function sequenceAt(
  history: History,
  state: Pick<ViewState, 'processes' | 'nodes'>,
  focus: string,
  index: number,
  window = 2_000,
  maxRows = 80,
): Sequence {
  const p = state.processes.get(focus);
  if (p === undefined) return { lanes: [], rows: [] };
  const sup = p.sup === undefined ? undefined : state.processes.get(p.sup);
  const slotLane = p.sup !== undefined && p.childId !== undefined ? `${p.sup}/${p.childId}` : focus;
  const slotLabel = pathSegment(state, p);
  const lanes: SeqLane[] = [];
  if (sup !== undefined) lanes.push({ id: sup.key, label: pathSegment(state, sup) });
  lanes.push({ id: slotLane, label: slotLabel });

  // Which pid is on which lane: the slot's occupants over time (its restart history), the sup.
  const laneOf = new Map<string, string>([[focus, slotLane]]);
  if (sup !== undefined) laneOf.set(sup.key, sup.key);
  for (const r of p.restarts) laneOf.set(r.pid, slotLane);
  const slot =
    sup?.supervisor !== undefined && p.childId !== undefined
      ? sup.supervisor.slots.get(p.childId)
      : undefined;
  for (const r of slot?.history ?? []) laneOf.set(r.pid, slotLane);
  const lane = (pid: WirePid | undefined): string =>
    pid === undefined ? OTHERS : (laneOf.get(pidKey(pid)) ?? OTHERS);

  const rows: SeqRow[] = [];
  const from = Math.max(history.start, index - window);
  for (let i = from; i < index; i++) {
    const s = history.step(i);
    if (s?.k !== 'trace') continue;
    const ev = s.ev;
    const add = (row: Omit<SeqRow, 'index'>): void => {
      if (row.from === OTHERS && (row.to === undefined || row.to === OTHERS)) return;
      rows.push({ index: i, ...row });
    };
    switch (ev.type) {
      case 'send': {
        const call = Array.isArray(ev.msg) && ev.msg[0] === '$gen_call';
        add({
          kind: call ? 'call' : 'message',
          from: lane(ev.from),
          to: lane(ev.to),
          label: short(call ? (ev.msg as unknown[])[2] : ev.msg),
        });
        break;
      }
      case 'exit_signal':
        add({
          kind: ev.outcome === 'trapped' ? 'EXIT' : 'exit_signal',
          from: lane(ev.from),
          to: lane(ev.to),
          label: ev.outcome === 'trapped' ? `{'EXIT', …, ${short(ev.reason)}}` : short(ev.reason),
        });
        break;
      case 'down':
        add({ kind: 'down', from: lane(ev.target), to: lane(ev.watcher), label: 'DOWN' });
        break;
      case 'exit':
        add({ kind: 'exit', from: lane(ev.pid), to: undefined, label: `exit ${short(ev.reason)}` });
        break;
      case 'child_started':
        if (laneOf.get(pidKey(ev.sup)) === undefined) break;
        if (ev.childId === p.childId) laneOf.set(pidKey(ev.pid), slotLane);
        add({
          kind: 'spawn',
          from: lane(ev.pid),
          to: undefined,
          label: `started ${pidKey(ev.pid)}`,
        });
        break;
      case 'restart':
        add({
          kind: 'restart',
          from: lane(ev.sup),
          to: undefined,
          label: `restart ${ev.childId ?? ''}`,
        });
        break;
      case 'supervisor_report':
        add({
          kind: 'report',
          from: lane(ev.sup),
          to: undefined,
          label: `SUPERVISOR REPORT ${ev.context}`,
        });
        break;
      // Not drawn: a lifeline shows what crosses between processes and a slot's life.
      case 'send_dropped':
      case 'receive':
      case 'spawn':
      case 'link':
      case 'unlink':
      case 'monitor':
      case 'demonitor':
      case 'trap_exit':
      case 'register':
      case 'unregister':
      case 'init':
      case 'state':
      case 'crash_report':
      case 'child_deleted':
      case 'supervisor_gave_up':
      case 'log':
        break;
      default:
        exhaustiveSwitchError(ev);
    }
  }
  if (rows.some((r) => r.from === OTHERS || r.to === OTHERS))
    lanes.push({ id: OTHERS, label: 'others' });
  return { lanes, rows: rows.slice(-maxRows) };
}
