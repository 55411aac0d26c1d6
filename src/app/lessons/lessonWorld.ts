import type { LessonWorld, WorldProc } from '../../lessons';
import { pathOf } from '../../store/selectors';
import type { ProcView, ViewState } from '../../store/types';

const proc = (state: ViewState, p: ProcView, path: string): WorldProc => {
  const sup = p.supervisor;
  const base: WorldProc = {
    path,
    key: p.key,
    node: p.node,
    alive: p.diedAt === undefined,
    generation: p.generation,
    spawnedAt: p.spawnedAt,
    trapExit: p.trapExit,
    behaviour: p.behaviour,
  };
  if (sup === undefined) return base;
  return {
    ...base,
    ...(sup.strategy === undefined ? {} : { strategy: sup.strategy }),
    ...(sup.intensity === undefined ? {} : { intensity: sup.intensity }),
    ...(sup.period === undefined ? {} : { period: sup.period }),
    // A slot's history is this supervisor's own: a restarted supervisor starts with fresh slots.
    childRestarts: [...sup.slots.values()].flatMap((s) => s.history.map((r) => r.t)),
    children: [...sup.children],
  };
};

/** The live processes by tree path (the newest live occupant of each path). */
export function livePaths(state: ViewState): Map<string, ProcView> {
  const out = new Map<string, ProcView>();
  for (const p of state.processes.values()) {
    if (p.diedAt !== undefined || p.behaviour === 'shell') continue;
    const path = pathOf(state, p.key);
    if (path === undefined) continue;
    const had = out.get(path);
    if (had === undefined || had.pid.id < p.pid.id) out.set(path, p);
  }
  return out;
}

/** What a lesson's goal reads of the folded store state: pure, so goals are unit-testable. */
export function lessonWorld(state: ViewState): LessonWorld {
  const procs = new Map<string, WorldProc>();
  for (const [path, p] of livePaths(state)) procs.set(path, proc(state, p, path));
  return { procs, log: state.log.map((e) => ({ kind: e.kind, text: e.text })) };
}
