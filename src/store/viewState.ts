import type { NodeView, ProcKind, SupervisorInfo, ViewOptions, ViewState } from './types';

export const DEFAULT_VIEW_OPTIONS: ViewOptions = {
  logLimit: 2000,
  deadLingerMs: 2000,
  maxDead: 2000,
};

/** An empty picture. */
export function initialViewState(options: Partial<ViewOptions> = {}): ViewState {
  return {
    processes: new Map(),
    nodes: new Map(),
    log: [],
    nextSeq: 1,
    clock: 0,
    structure: 0,
    graveyard: new Set(),
    options: { ...DEFAULT_VIEW_OPTIONS, ...options },
  };
}

export function emptySupervisor(): SupervisorInfo {
  return {
    strategy: undefined,
    intensity: undefined,
    period: undefined,
    autoShutdown: undefined,
    restartTimes: [],
    gaveUp: undefined,
    children: [],
    slots: new Map(),
    nextDynamic: 1,
    pendingDynamic: undefined,
    restarting: new Set(),
  };
}

export function newNode(id: number, name = `node${id}`, rootId?: string): NodeView {
  return {
    id,
    name,
    status: 'starting',
    downReason: undefined,
    now: 0,
    epoch: 0,
    rootId,
    peers: [],
    uncounted: { sends: 0, receives: 0, dropped: 0 },
    processes: undefined,
    notShown: {},
    notLogged: {},
    notShownLoggedAt: undefined,
  };
}

/** `supervisor` for the supervisor behaviours, `worker` for gen_servers, `process` for plain spawns. */
export function kindOf(behaviour: string): ProcKind {
  if (behaviour === 'supervisor') return 'supervisor';
  return behaviour.startsWith('gen_server') ? 'worker' : 'process';
}
