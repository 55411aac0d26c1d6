import { pathOf } from '../selectors';
import type { ProcView, ViewState } from '../types';

/** The process drawn at `path`: the current occupant of its slot (a restarted child's newest pid). */
export function at(state: ViewState, path: string): ProcView {
  const hits = [...state.processes.values()].filter((p) => pathOf(state, p.key) === path);
  const current = hits.filter((p) => {
    if (p.sup === undefined || p.childId === undefined) return true;
    return state.processes.get(p.sup)?.supervisor?.slots.get(p.childId)?.pid === p.key;
  });
  const p = current[current.length - 1] ?? hits[hits.length - 1];
  if (p === undefined)
    throw new Error(
      `nothing at ${path}; have ${[...state.processes.keys()].map((k) => pathOf(state, k)).join(' ')}`,
    );
  return p;
}

/** Log lines (text) of the given kinds. */
export function lines(state: ViewState, ...kinds: string[]): string[] {
  return state.log.filter((e) => kinds.length === 0 || kinds.includes(e.kind)).map((e) => e.text);
}
