import type { Draft, MutProc } from './draft';
import type { EventOf, Fold } from './foldContext';
import { isNormal } from './foldContext';
import { crasherReport, serverReport } from './crashReports';
import { internalIf, isShell } from './logInternals';
import { emptySupervisor, kindOf } from './viewState';

// A process's own life: spawn, exit (`die`), trap_exit, names, init, CRASH REPORT.

export function foldSpawn({ d, key }: Fold, e: EventOf<'spawn'>): void {
  const k = key(e.pid);
  const spawner = e.parent === undefined ? undefined : key(e.parent);
  const kind = kindOf(e.behaviour);
  d.put({
    key: k,
    pid: { node: e.pid.node, id: e.pid.id },
    node: e.pid.node,
    behaviour: e.behaviour,
    kind,
    name: undefined,
    status: 'running',
    trapExit: false,
    spawner,
    sup: undefined,
    childId: undefined,
    generation: 0,
    restarts: [],
    state: undefined,
    mailbox: 0,
    links: new Set(e.linked && spawner !== undefined ? [spawner] : []),
    monitors: new Map(),
    monitoredBy: new Map(),
    spawnedAt: e.t,
    diedAt: undefined,
    exitReason: undefined,
    supervisor: kind === 'supervisor' ? emptySupervisor() : undefined,
  });
  if (e.linked) d.editLinks(spawner)?.links.add(k);
}

export function foldExit({ d, key, term, who, log }: Fold, e: EventOf<'exit'>): void {
  const k = key(e.pid);
  const p = d.edit(k);
  if (p === undefined) return;
  const reason = term(e.reason);
  const abnormal = !isNormal(e.reason);
  die(d, p, e.t, reason);
  log({
    kind: 'exit',
    category: 'lifecycle',
    level: abnormal ? 'warning' : 'info',
    pids: [k],
    text: `${who(e.pid)} exited: ${reason}`,
    abnormal,
  });
}

export function foldTrapExit({ d, key, who, log }: Fold, e: EventOf<'trap_exit'>): void {
  const k = key(e.pid);
  const p = d.edit(k);
  if (p !== undefined) p.trapExit = e.on;
  log({
    kind: 'trap_exit',
    category: 'lifecycle',
    level: 'info',
    pids: [k],
    text: `${who(e.pid)} process_flag(trap_exit, ${String(e.on)})`,
    ...internalIf(isShell(d, k)),
  });
}

export function foldRegister(
  { d, key, who, log }: Fold,
  e: EventOf<'register' | 'unregister'>,
): void {
  const k = key(e.pid);
  // Named as it was before: `<1.9.0> registered as counter`, `counter <1.9.0> unregistered counter`.
  const before = who(e.pid);
  const p = d.edit(k);
  if (p !== undefined)
    p.name = e.type === 'register' ? e.name : p.name === e.name ? undefined : p.name;
  const text =
    e.type === 'register'
      ? `${before} registered as ${e.name}`
      : `${before} unregistered ${e.name}`;
  log({ kind: e.type, category: 'lifecycle', level: 'info', pids: [k], text });
}

export function foldInit({ d, key, term, who, log }: Fold, e: EventOf<'init'>): void {
  const k = key(e.pid);
  const p = d.edit(k);
  if (e.result === 'ok') {
    if (p !== undefined && p.mailbox === 0 && p.status === 'running') p.status = 'waiting';
    return;
  }
  const text =
    e.result === 'ignore'
      ? `${who(e.pid)} init returned ignore`
      : `${who(e.pid)} init failed: ${term(e.reason)}`;
  log({
    kind: 'init',
    category: 'lifecycle',
    level: e.result === 'ignore' ? 'info' : 'warning',
    pids: [k],
    text,
  });
}

/**
 * A gen_server that stopped in its loop: gen_server's ERROR REPORT (when the runtime sent the last
 * message and state), then proc_lib's CRASH REPORT (`crashReports.ts`).
 */
export function foldCrashReport(f: Fold, e: EventOf<'crash_report'>): void {
  const k = f.key(e.pid);
  const reason = f.term(e.reason);
  if (e.lastMessage !== undefined || e.state !== undefined)
    f.report(serverReport(f, e, reason), 'error_report', 'error', [k]);
  f.report(crasherReport(f, e, reason), 'crash_report', 'error', [k]);
}

/** The process exits: links and monitors go; a child its supervisor is restarting shows as restarting. */
export function die(d: Draft, proc: MutProc, t: number, reason: string): void {
  const p = d.editLinks(proc.key);
  if (p === undefined) throw new Error(`BUG: die: ${proc.key} is not in the draft`);
  p.diedAt = t;
  p.exitReason = reason;
  p.mailbox = 0;
  d.bury(p.key);
  const sup = p.sup === undefined ? undefined : d.get(p.sup)?.supervisor;
  const comingBack =
    sup !== undefined &&
    p.childId !== undefined &&
    sup.restarting.size > 0 &&
    sup.gaveUp === undefined &&
    sup.slots.get(p.childId)?.pid === p.key;
  p.status = comingBack ? 'restarting' : 'dead';
  if (comingBack) d.editSup(p.sup)!.restarting.add(p.childId!);
  for (const other of p.links) d.editLinks(other)?.links.delete(p.key);
  p.links.clear();
  for (const [ref, target] of p.monitors) d.editLinks(target)?.monitoredBy.delete(ref);
  p.monitors.clear();
  for (const [ref, watcher] of p.monitoredBy) d.editLinks(watcher)?.monitors.delete(ref);
  p.monitoredBy.clear();
  if (p.supervisor !== undefined) {
    const s = d.editSup(p.key)!;
    s.restarting.clear();
  }
}
