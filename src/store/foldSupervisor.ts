import type { Draft } from './draft';
import type { EventOf, Fold } from './foldContext';
import type { ChildInfo } from '../runtime';
import type { Offender } from './reports';
import { progressReport, supervisorName, supervisorReport } from './reports';
import { shortBehaviour } from './selectors';

// A supervisor's events: its reports, child slots (started, deleted), restarts, giving up.

/** Restart records kept per child slot. */
const HISTORY_LIMIT = 50;

export function foldSupervisorReport(
  { d, key, term, who, report }: Fold,
  e: EventOf<'supervisor_report'>,
): void {
  const s = key(e.sup);
  const child = e.childPid === undefined ? undefined : key(e.childPid);
  const childSlot = e.childId ?? d.get(child)?.childId;
  if (e.context === 'child_terminated' && e.childId === undefined && childSlot !== undefined) {
    // A dynamic child: its restart's child_started carries no id, so remember whose slot it is.
    const sup = d.editSup(s);
    if (sup !== undefined) sup.pendingDynamic = childSlot;
  }
  if (e.context === 'start_error' && childSlot !== undefined) markRestarting(d, s, childSlot);
  const pid =
    child ?? (e.childPids === undefined ? 'undefined' : `[${e.childPids.map(key).join(',')}]`);
  const offender = { pid, id: e.childId ?? 'undefined', ...childFields(term, e.child) };
  const names = {
    sup: who(e.sup),
    child: e.childPid !== undefined ? who(e.childPid) : (childSlot ?? 'undefined'),
  };
  const r = supervisorReport(supName(d, s), e.context, term(e.reason), offender, names);
  report(r, 'supervisor_report', 'error', child === undefined ? [s] : [s, child]);
}

/** PROGRESS REPORT, hidden unless internals are shown (OTP's default logger level hides it too). */
export function foldChildStarted(
  { d, key, term, who, report }: Fold,
  e: EventOf<'child_started'>,
): void {
  const s = key(e.sup);
  const k = key(e.pid);
  childStarted(d, s, k, e.childId, e.t);
  const started = { pid: k, id: e.childId ?? 'undefined', ...childFields(term, e.child) };
  const r = progressReport(supName(d, s), started, { sup: who(e.sup), child: who(e.pid) });
  report(r, 'progress_report', 'info', [k, s], true);
}

/** A report's child spec fields (`ChildInfo`), formatted; none when the runtime gave none. */
function childFields(term: (t: unknown) => string, c: ChildInfo | undefined): Partial<Offender> {
  if (c === undefined) return {};
  return {
    mfargs: term(c.mfargs),
    restartType: c.restartType,
    significant: c.significant,
    shutdown: String(c.shutdown),
    childType: c.childType,
  };
}

export function foldChildDeleted({ d, key, who, log }: Fold, e: EventOf<'child_deleted'>): void {
  const s = key(e.sup);
  const sup = d.editSup(s);
  if (sup !== undefined) {
    // The slot's last occupant (dead: only a stopped child can be deleted) leaves with it.
    const occupant = d.get(sup.slots.get(e.childId)?.pid);
    if (occupant?.diedAt !== undefined) d.delete(occupant.key);
    sup.children = sup.children.filter((id) => id !== e.childId);
    sup.slots.delete(e.childId);
    sup.restarting.delete(e.childId);
  }
  log({
    kind: e.type,
    category: 'lifecycle',
    level: 'info',
    pids: [s],
    text: `${who(e.sup)} deleted the spec of child ${e.childId}`,
  });
}

export function foldRestart({ d, key, who, log }: Fold, e: EventOf<'restart'>): void {
  const s = key(e.sup);
  const sup = d.editSup(s);
  const slot = e.childId ?? sup?.pendingDynamic;
  if (sup !== undefined) {
    sup.intensity = e.intensity;
    sup.period = e.period;
    const now = Math.floor(e.t / 1000);
    sup.restartTimes = [now, ...sup.restartTimes.filter((r) => r >= now - e.period)];
  }
  if (slot !== undefined) markRestarting(d, s, slot);
  const child = e.childId ?? slot ?? 'undefined';
  log({
    kind: 'restart',
    category: 'report',
    level: 'warning',
    pids: [s],
    text: `${who(e.sup)} restarts ${child}: ${e.restarts} of ${e.intensity} restarts allowed in ${e.period} s`,
  });
}

export function foldGaveUp({ d, key, who, log }: Fold, e: EventOf<'supervisor_gave_up'>): void {
  const s = key(e.sup);
  const p = d.edit(s);
  const sup = d.editSup(s);
  if (p !== undefined && p.diedAt === undefined) p.status = 'exiting';
  if (sup !== undefined) {
    sup.gaveUp = e.why;
    for (const slot of sup.restarting) {
      const occupant = d.edit(sup.slots.get(slot)?.pid);
      if (occupant?.status === 'restarting') occupant.status = 'dead';
    }
    sup.restarting.clear();
  }
  log({
    kind: 'gave_up',
    category: 'report',
    level: 'error',
    pids: [s],
    text: `${who(e.sup)} gave up (${e.why}): shutting down`,
  });
}

/** The slot's occupant, if dead, is about to come back. */
function markRestarting(d: Draft, supKey: string, slot: string): void {
  const sup = d.editSup(supKey);
  if (sup === undefined) return;
  sup.restarting.add(slot);
  const occupant = d.edit(sup.slots.get(slot)?.pid);
  if (occupant !== undefined && occupant.diedAt !== undefined) occupant.status = 'restarting';
}

/**
 * PROGRESS REPORT: the process takes its slot. A slot that had another
 * process is a restart: the generation goes up and the old one's exit
 * reason goes into the history.
 */
function childStarted(
  d: Draft,
  supKey: string,
  k: string,
  childId: string | undefined,
  t: number,
): void {
  const sup = d.editSup(supKey);
  const p = d.edit(k);
  if (sup === undefined) return;
  let slotId = childId;
  if (slotId === undefined) {
    slotId = sup.pendingDynamic ?? `#${sup.nextDynamic++}`;
    sup.pendingDynamic = undefined;
  }
  const old = sup.slots.get(slotId);
  let slot = old ?? { pid: k, generation: 0, history: [] };
  if (old === undefined) sup.children.push(slotId);
  else if (old.pid !== k) {
    const prev = d.get(old.pid);
    const rec = { t, reason: prev?.exitReason ?? 'undefined', pid: old.pid };
    slot = {
      pid: k,
      generation: old.generation + 1,
      history: [...old.history, rec].slice(-HISTORY_LIMIT),
    };
  }
  sup.slots.set(slotId, slot);
  sup.restarting.delete(slotId);
  if (p !== undefined) {
    p.sup = supKey;
    p.childId = slotId;
    p.generation = slot.generation;
    p.restarts = slot.history;
    if (p.kind === 'process') p.kind = 'worker';
  }
}

/**
 * `{local,Name}` or `{<0.5.0>,Label}`: the label is the supervisor's slot id,
 * or for a tree's root (not started by a supervisor) the node's root id.
 */
export function supName(d: Pick<Draft, 'get' | 'node'>, supKey: string): string {
  const p = d.get(supKey);
  if (p === undefined) return supervisorName(supKey, undefined, 'supervisor');
  return supervisorName(supKey, p.name, supLabel(d, p.key));
}

function supLabel(d: Pick<Draft, 'get' | 'node'>, k: string): string {
  const p = d.get(k);
  if (p === undefined) return 'supervisor';
  // The node host's shell starts a root (and says so in a PROGRESS REPORT).
  if (p.kind !== 'supervisor') return shortBehaviour(p.behaviour);
  if (p.childId !== undefined) return p.childId;
  const spawner = d.get(p.spawner);
  if (spawner?.kind === 'supervisor') return 'supervisor';
  return d.node(p.node)?.rootId ?? 'root';
}
