import type { Term } from '../term';
import { Restarting } from './children';
import type { SupState } from './state';

/** The supervisor's state as the inspector shows it, with its intensity meter. */
export function describeSupervisor(state: SupState, nowMs?: number): Term {
  const { strategy, intensity, period, autoShutdown } = state.flags;
  const show = (pid: unknown): Term =>
    pid instanceof Restarting ? 'restarting' : pid === undefined ? 'undefined' : (pid as Term);
  return {
    strategy,
    intensity,
    period,
    auto_shutdown: autoShutdown,
    restarts:
      nowMs === undefined ? state.restarts.newestFirst().length : state.restarts.count(nowMs),
    restart_times: state.restarts.newestFirst(),
    children:
      strategy === 'simple_one_for_one'
        ? [...state.dyn.values()].map((d) => show(d.pid))
        : state.children.map((c) => ({
            id: c.spec.id,
            pid: show(c.pid),
            restart: c.spec.restart,
            type: c.spec.type,
          })),
  };
}
