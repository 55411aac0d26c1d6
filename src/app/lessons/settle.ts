import type { ProcView, ViewState } from '../../store/types';
import type { PlaygroundStore } from '../../store/vanilla';
import { liveView } from './liveView';

/** How often the tree is looked at while waiting, and how many unchanged looks make it settled. */
const POLL_MS = 100;
const QUIET_POLLS = 3;
/** Never wait longer than this (real ms): a node flooding for ever must not hang the lesson. */
const MAX_WAIT_MS = 20_000;

/**
 * Being shut down, or a slot's occupant waiting for its restart. An old occupant whose slot has a
 * new process is done, whatever its last status said.
 */
function inMotion(s: ViewState, p: ProcView): boolean {
  if (p.status !== 'exiting' && p.status !== 'restarting') return false;
  if (p.sup === undefined || p.childId === undefined) return p.status === 'exiting';
  const slot = s.processes.get(p.sup)?.supervisor?.slots.get(p.childId);
  return slot === undefined || slot.pid === p.key;
}

/**
 * Waits until the tree has settled: no node starting, no process exiting or restarting, and the
 * picture's shape unchanged for a few looks; and at least `minNodeMs` of node time (a shutdown or
 * call timeout that decides the outcome). `sleep` is real time in the page, fake time in tests.
 */
export async function settle(
  view: PlaygroundStore,
  sleep: (ms: number) => Promise<void>,
  minNodeMs = 0,
): Promise<void> {
  const floor = minNodeMs / view.getState().speed;
  let quiet = 0;
  let last = -1;
  for (let waited = 0; waited < MAX_WAIT_MS;) {
    await sleep(POLL_MS);
    waited += POLL_MS;
    const s = liveView(view);
    const busy =
      [...s.nodes.values()].some((n) => n.status === 'starting') ||
      [...s.processes.values()].some((p) => inMotion(s, p));
    quiet = !busy && s.structure === last ? quiet + 1 : 0;
    last = s.structure;
    if (quiet >= QUIET_POLLS && waited >= floor) return;
  }
}
