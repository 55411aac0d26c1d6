import type { TraceEvent } from '../runtime';
import type { WirePid } from '../worker/protocol';
import { pidKey } from '../worker/protocol';
import type { Draft, MutProc } from './draft';
import { formatRef, formatTerm } from './formatTerm';
import {
  crashReport,
  progressReport,
  reportLine,
  supervisorName,
  supervisorReport,
} from './reports';
import type { LogEntry, Report } from './types';
import { shortBehaviour } from './selectors';
import { emptySupervisor, kindOf } from './viewState';

/** Events that change the picture's shape, not just a status or a mailbox. */
const RESHAPING: ReadonlySet<TraceEvent['type']> = new Set<TraceEvent['type']>([
  'spawn',
  'exit',
  'link',
  'unlink',
  'monitor',
  'demonitor',
  'down',
  'register',
  'unregister',
  'trap_exit',
  'child_started',
  'child_deleted',
  'restart',
  'supervisor_gave_up',
]);

/** Restart records kept per child slot. */
const HISTORY_LIMIT = 50;

const isNormal = (r: unknown): boolean =>
  r === 'normal' || r === 'shutdown' || (Array.isArray(r) && r.length === 2 && r[0] === 'shutdown');

/** Folds one trace event into the draft. Unknown pids (pruned, or from a node we never heard of) are skipped. */
export function foldEvent(d: Draft, e: TraceEvent): void {
  const term = (t: unknown): string => formatTerm(t, { pidName: (k) => d.get(k)?.name });
  const who = (p: WirePid | undefined): string =>
    p === undefined ? 'shell' : (d.get(pidKey(p))?.name ?? pidKey(p));
  const key = (p: WirePid): string => pidKey(p);
  const node = nodeOf(e);
  const log = (entry: Omit<LogEntry, 'seq' | 't' | 'node'>): void =>
    d.log({ t: e.t, node, ...entry });
  const report = (
    r: Report,
    kind: LogEntry['kind'],
    level: LogEntry['level'],
    pids: string[],
  ): void => log({ kind, category: 'report', level, pids, text: reportLine(r), report: r });

  if (RESHAPING.has(e.type)) d.reshape();
  switch (e.type) {
    case 'spawn': {
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
      return;
    }
    case 'exit': {
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
      return;
    }
    case 'send': {
      const to = key(e.to);
      const p = d.edit(to);
      if (p !== undefined && p.diedAt === undefined) {
        p.mailbox++;
        if (p.status === 'waiting') p.status = 'running';
      }
      const from = e.from === undefined ? undefined : key(e.from);
      log({
        kind: 'send',
        category: 'message',
        level: 'info',
        pids: from === undefined ? [to] : [from, to],
        text: `${who(e.from)} sent ${term(e.msg)} to ${who(e.to)}`,
        ...(from === undefined ? {} : { from }),
        to,
      });
      return;
    }
    case 'send_dropped': {
      const to = key(e.to);
      const from = e.from === undefined ? undefined : key(e.from);
      log({
        kind: 'send_dropped',
        category: 'message',
        level: 'warning',
        pids: from === undefined ? [to] : [from, to],
        text: `${who(e.from)} sent ${term(e.msg)} to ${who(e.to)}: dropped, no such process`,
        ...(from === undefined ? {} : { from }),
        to,
      });
      return;
    }
    case 'receive': {
      const p = d.edit(key(e.pid));
      if (p === undefined || p.diedAt !== undefined) return;
      p.mailbox = Math.max(0, p.mailbox - 1);
      if (p.mailbox === 0 && p.status === 'running') p.status = 'waiting';
      return;
    }
    case 'link':
    case 'unlink': {
      const a = key(e.a);
      const b = key(e.b);
      const on = e.type === 'link';
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        const p = d.editLinks(x);
        if (p === undefined) continue;
        if (on && p.diedAt === undefined) p.links.add(y);
        else p.links.delete(y);
      }
      const text = on
        ? `${who(e.a)} linked to ${who(e.b)}`
        : `${who(e.a)} unlinked from ${who(e.b)}`;
      log({ kind: e.type, category: 'signal', level: 'info', pids: [a, b], text, from: a, to: b });
      return;
    }
    case 'monitor':
    case 'demonitor':
    case 'down': {
      const ref = formatRef(e.ref);
      const w = key(e.watcher);
      const t = key(e.target);
      const watcher = d.editLinks(w);
      const target = d.editLinks(t);
      if (e.type === 'monitor') {
        if (
          watcher !== undefined &&
          watcher.diedAt === undefined &&
          target !== undefined &&
          target.diedAt === undefined
        ) {
          watcher.monitors.set(ref, t);
          target.monitoredBy.set(ref, w);
        }
        log({
          kind: 'monitor',
          category: 'signal',
          level: 'info',
          pids: [w, t],
          text: `${who(e.watcher)} monitors ${who(e.target)}`,
          from: w,
          to: t,
        });
        return;
      }
      watcher?.monitors.delete(ref);
      target?.monitoredBy.delete(ref);
      if (e.type === 'demonitor') {
        log({
          kind: 'demonitor',
          category: 'signal',
          level: 'info',
          pids: [w, t],
          text: `${who(e.watcher)} demonitors ${who(e.target)}`,
          from: w,
          to: t,
        });
        return;
      }
      if (watcher !== undefined && watcher.diedAt === undefined) wake(watcher);
      const reason = term(e.reason);
      log({
        kind: 'down',
        category: 'signal',
        level: isNormal(e.reason) ? 'info' : 'warning',
        pids: [w, t],
        text: `${who(e.watcher)} got {'DOWN',${ref},process,${who(e.target)},${reason}}`,
        from: t,
        to: w,
        label: reason,
      });
      return;
    }
    case 'exit_signal': {
      const to = key(e.to);
      const from = e.from === undefined ? undefined : key(e.from);
      const p = d.edit(to);
      if (p !== undefined && p.diedAt === undefined) {
        if (e.outcome === 'dies') p.status = 'exiting';
        else if (e.outcome === 'trapped') {
          wake(p);
          // A gen_server (or supervisor) ends on its parent's EXIT (gen_server:loop/7), running terminate/2.
          if (from !== undefined && from === p.spawner && p.kind !== 'process')
            p.status = 'exiting';
        }
      }
      const reason = term(e.reason);
      const outcome =
        e.outcome === 'trapped'
          ? `trapped as {'EXIT',${who(e.from)},${reason}}`
          : e.outcome === 'ignored'
            ? 'ignored'
            : `${who(e.to)} dies`;
      log({
        kind: 'exit_signal',
        category: 'signal',
        level: e.outcome === 'dies' && !isNormal(e.reason) ? 'warning' : 'info',
        pids: from === undefined ? [to] : [to, from],
        text: `exit signal ${reason} from ${who(e.from)} to ${who(e.to)} (${e.link ? 'link' : 'exit/2'}): ${outcome}`,
        ...(from === undefined ? {} : { from }),
        to,
        label: reason,
        outcome: e.outcome,
      });
      return;
    }
    case 'trap_exit': {
      const p = d.edit(key(e.pid));
      if (p !== undefined) p.trapExit = e.on;
      log({
        kind: 'trap_exit',
        category: 'lifecycle',
        level: 'info',
        pids: [key(e.pid)],
        text: `${who(e.pid)} process_flag(trap_exit, ${String(e.on)})`,
      });
      return;
    }
    case 'register':
    case 'unregister': {
      const k = key(e.pid);
      const p = d.edit(k);
      if (p !== undefined)
        p.name = e.type === 'register' ? e.name : p.name === e.name ? undefined : p.name;
      const text =
        e.type === 'register' ? `${k} registered as ${e.name}` : `${k} unregistered ${e.name}`;
      log({ kind: e.type, category: 'lifecycle', level: 'info', pids: [k], text });
      return;
    }
    case 'init': {
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
      return;
    }
    case 'state':
      // The state itself comes with the batch's snapshots.
      return;
    case 'crash_report': {
      const k = key(e.pid);
      const p = d.get(k);
      const ancestors = [p?.sup ?? p?.spawner]
        .filter((x): x is string => x !== undefined)
        .map((a) => d.get(a)?.name ?? a);
      report(crashReport(k, p?.name, term(e.reason), ancestors), 'crash_report', 'error', [k]);
      return;
    }
    case 'supervisor_report': {
      const s = key(e.sup);
      const child = e.childPid === undefined ? undefined : key(e.childPid);
      const childSlot = e.childId ?? d.get(child)?.childId;
      if (e.context === 'child_terminated' && e.childId === undefined && childSlot !== undefined) {
        // A dynamic child: its restart's child_started carries no id, so remember whose slot it is.
        const sup = d.editSup(s);
        if (sup !== undefined) sup.pendingDynamic = childSlot;
      }
      if (e.context === 'start_error' && childSlot !== undefined) markRestarting(d, s, childSlot);
      const r = supervisorReport(supName(d, s), e.context, term(e.reason), {
        pid: child ?? 'undefined',
        id: e.childId ?? 'undefined',
      });
      report(r, 'supervisor_report', 'error', child === undefined ? [s] : [s, child]);
      return;
    }
    case 'child_started': {
      const s = key(e.sup);
      const k = key(e.pid);
      childStarted(d, s, k, e.childId, e.t);
      const r = progressReport(supName(d, s), k, e.childId ?? 'undefined');
      report(r, 'progress_report', 'info', [k, s]);
      return;
    }
    case 'child_deleted': {
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
        text: `${supName(d, s)} deleted the spec of child ${e.childId}`,
      });
      return;
    }
    case 'restart': {
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
        text: `${supName(d, s)} restarts ${child}: ${e.restarts} of ${e.intensity} restarts allowed in ${e.period} s`,
      });
      return;
    }
    case 'supervisor_gave_up': {
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
        text: `${supName(d, s)} gave up (${e.why}): shutting down`,
      });
      return;
    }
    case 'log':
      log({
        kind: 'log',
        category: 'system',
        level: 'info',
        pids: [key(e.pid)],
        text: `${who(e.pid)}: ${e.text}`,
      });
      return;
    default:
      return exhaustive(e);
  }
}

/** The node an event belongs to: the node of its subject pid. */
function nodeOf(e: TraceEvent): number {
  switch (e.type) {
    case 'send':
    case 'send_dropped':
      return (e.from ?? e.to).node;
    case 'link':
    case 'unlink':
      return e.a.node;
    case 'monitor':
    case 'demonitor':
    case 'down':
      return e.watcher.node;
    case 'exit_signal':
      return e.to.node;
    case 'supervisor_report':
    case 'child_started':
    case 'child_deleted':
    case 'restart':
    case 'supervisor_gave_up':
      return e.sup.node;
    default:
      return e.pid.node;
  }
}

/** A blocked process that got a message has work again. */
function wake(p: MutProc): void {
  p.mailbox++;
  if (p.status === 'waiting') p.status = 'running';
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

function exhaustive(x: never): never {
  throw new Error(`BUG: unhandled trace event ${JSON.stringify(x)}`);
}
