import type { LogEntry, LogFilter, ProcStatus, ProcView, SupervisorInfo, ViewState } from './types';

/**
 * Processes the node host spawns for itself (the shell that sends the user's
 * commands, a test driver). They are not drawn, and what they spawn (a tree's
 * root supervisor) becomes a root of the picture.
 */
export const HIDDEN_BEHAVIOURS: ReadonlySet<string> = new Set(['shell', 'driver']);

export const isHidden = (p: ProcView): boolean => HIDDEN_BEHAVIOURS.has(p.behaviour);

/** The process it hangs under in the tree: its supervisor, else its spawner; undefined for a root. */
export function treeParent(state: Pick<ViewState, 'processes'>, p: ProcView): ProcView | undefined {
  const sup = p.sup === undefined ? undefined : state.processes.get(p.sup);
  if (sup !== undefined) return sup;
  const spawner = p.spawner === undefined ? undefined : state.processes.get(p.spawner);
  return spawner === undefined || isHidden(spawner) ? undefined : spawner;
}

/**
 * The last part of its path: its child id under a supervisor (`#N` for a
 * dynamic child); for a root supervisor, the node's root id (`root` if not
 * told); otherwise its registered name or its pid.
 */
export function pathSegment(state: Pick<ViewState, 'processes' | 'nodes'>, p: ProcView): string {
  if (p.sup !== undefined && p.childId !== undefined && state.processes.has(p.sup))
    return p.childId;
  if (p.kind === 'supervisor' && treeParent(state, p) === undefined) {
    return state.nodes.get(p.node)?.rootId ?? p.name ?? 'root';
  }
  return p.name ?? p.key;
}

/**
 * The process's path in the tree, as the conformance spec names processes:
 * `root`, `root/sub/x`, `root/pool/#2`. A restarted child keeps its path.
 * (The layout adds `~id` to tell apart two drawn processes with one path.)
 */
export function pathOf(
  state: Pick<ViewState, 'processes' | 'nodes'>,
  key: string,
): string | undefined {
  let p = state.processes.get(key);
  if (p === undefined) return undefined;
  const parts: string[] = [];
  for (let depth = 0; p !== undefined && depth < 256; depth++) {
    parts.push(pathSegment(state, p));
    p = treeParent(state, p);
  }
  return parts.reverse().join('/');
}

/**
 * A status as the picture's shape sees it: running and waiting are both `live` (every message
 * flips one to the other), the others are themselves. `structure` goes up when this changes.
 */
export function liveness(s: ProcStatus): 'live' | 'exiting' | 'restarting' | 'dead' {
  return s === 'running' || s === 'waiting' ? 'live' : s;
}

/** How a process is named in labels: child id, registered name, or pid. */
export function processLabel(p: ProcView): string {
  return p.childId ?? p.name ?? p.key;
}

/** `gen_server:counter` → `counter`. */
export function shortBehaviour(behaviour: string): string {
  const i = behaviour.indexOf(':');
  return i >= 0 ? behaviour.slice(i + 1) : behaviour;
}

/**
 * The accessible name of a drawn process: "worker cache, running, restarted
 * 2 times"; supervisors add their strategy ("supervisor root, one_for_all, running").
 */
export function accessibleName(p: ProcView, label: string = processLabel(p)): string {
  const parts = [`${p.kind} ${label}`];
  if (p.supervisor?.strategy !== undefined) parts.push(p.supervisor.strategy);
  parts.push(
    p.status === 'dead' && p.exitReason !== undefined ? `dead (${p.exitReason})` : p.status,
  );
  if (p.generation > 0)
    parts.push(`restarted ${p.generation} ${p.generation === 1 ? 'time' : 'times'}`);
  return parts.join(', ');
}

export interface IntensityMeter {
  /** Restarts inside the window now. */
  readonly restarts: number;
  /** The most it may take; one more and it gives up. */
  readonly intensity: number;
  readonly period: number;
  /** restarts / intensity, 0..1 (1 = the next restart gives up); 1 when intensity is 0. */
  readonly fill: number;
}

/**
 * The restart-intensity meter at node time `nowMs`, by OTP 25's rule
 * (supervisor:add_restart/3): restarts are whole seconds, and those with
 * `R >= Now - Period` count. Undefined until the flags are known.
 */
export function intensityMeter(sup: SupervisorInfo, nowMs: number): IntensityMeter | undefined {
  const { intensity, period } = sup;
  if (intensity === undefined || period === undefined) return undefined;
  const threshold = Math.floor(nowMs / 1000) - period;
  let restarts = 0;
  for (const r of sup.restartTimes) {
    if (r < threshold) break;
    restarts++;
  }
  const fill = intensity === 0 ? 1 : Math.min(1, restarts / intensity);
  return { restarts, intensity, period, fill };
}

/**
 * The log entries the filter lets through, oldest first; OTP's plumbing (`LogEntry.internal`)
 * only when `internals` is asked for.
 */
export function filterLog(
  log: readonly LogEntry[],
  filter: LogFilter,
  { internals = false }: { internals?: boolean } = {},
): LogEntry[] {
  const text = filter.text.trim().toLowerCase();
  const cats = filter.categories;
  return log.filter(
    (e) =>
      (internals || e.internal !== true) &&
      (cats.size === 0 || cats.has(e.category)) &&
      (filter.pid === undefined || e.pids.includes(filter.pid)) &&
      (text === '' || e.text.toLowerCase().includes(text)),
  );
}

/**
 * The live process a person means: a pid key (`<1.5.0>`), or a tree path
 * (`app_sup/counter`) — the newest live process with that path, as a restarted
 * child keeps its path under a new pid.
 */
export function liveProcessAt(
  state: Pick<ViewState, 'processes' | 'nodes'>,
  target: string,
): ProcView | undefined {
  if (target.startsWith('<')) {
    const p = state.processes.get(target);
    return p?.diedAt === undefined ? p : undefined;
  }
  let best: ProcView | undefined;
  for (const p of state.processes.values()) {
    if (p.diedAt !== undefined || (best !== undefined && p.pid.id < best.pid.id)) continue;
    if (pathOf(state, p.key) === target) best = p;
  }
  return best;
}

/**
 * Two running nodes that are not connected: cut by a netsplit, as the cluster
 * client connects every other pair of running nodes (and keeps a cut pair
 * apart across restarts until it is healed).
 */
export function isSplit(state: Pick<ViewState, 'nodes'>, a: number, b: number): boolean {
  const x = state.nodes.get(a);
  const y = state.nodes.get(b);
  if (x === undefined || y === undefined || x.status !== 'up' || y.status !== 'up') return false;
  return !x.peers.includes(b);
}

/** Live processes (not dead or restarting). */
export function liveProcesses(state: Pick<ViewState, 'processes'>): ProcView[] {
  return [...state.processes.values()].filter((p) => p.diedAt === undefined);
}
