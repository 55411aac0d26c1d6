import { exhaustiveSwitchError, pidKey } from '../base';
import type { TraceEvent } from '../runtime';
import type { WirePid } from '../base';
import type { Draft } from './draft';
import type { Fold } from './foldContext';
import {
  foldCrashReport,
  foldExit,
  foldInit,
  foldRegister,
  foldSpawn,
  foldTrapExit,
} from './foldProcess';
import {
  foldExitSignal,
  foldLink,
  foldMonitor,
  foldReceive,
  foldSend,
  foldSendDropped,
} from './foldSignals';
import {
  foldChildDeleted,
  foldChildStarted,
  foldGaveUp,
  foldRestart,
  foldSupervisorReport,
} from './foldSupervisor';
import { formatPlainTerm } from './formatPlain';
import { logName } from './logNames';
import { reportLine } from './reports';
import type { LogEntry, LoggedTerm, Report } from './types';

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

/** Folds one trace event into the draft. Unknown pids (pruned, or from a node we never heard of) are skipped. */
export function foldEvent(d: Draft, e: TraceEvent): void {
  // Each term written is remembered with its value, for the line it goes into (types.ts `terms`).
  const written: LoggedTerm[] = [];
  const term = (t: unknown): string => {
    const text = formatPlainTerm(t);
    written.push({ text, value: t });
    return text;
  };
  const who = (p: WirePid | undefined): string =>
    p === undefined ? 'shell' : logName(d, pidKey(p));
  const key = (p: WirePid): string => pidKey(p);
  const node = nodeOf(e);
  const log = (entry: Omit<LogEntry, 'seq' | 't' | 'node'>): void => {
    const terms = written.splice(0).filter((w) => entry.text.includes(w.text));
    d.log({ t: e.t, node, ...entry, ...(terms.length > 0 ? { terms } : {}) });
  };
  const report = (
    r: Report,
    kind: LogEntry['kind'],
    level: LogEntry['level'],
    pids: string[],
    internal = false,
  ): void =>
    log({
      kind,
      category: 'report',
      level,
      pids,
      text: reportLine(r),
      report: r,
      ...(internal ? { internal: true as const } : {}),
    });
  const f: Fold = { d, key, term, who, log, report };

  if (RESHAPING.has(e.type)) d.reshape();
  switch (e.type) {
    case 'spawn':
      return foldSpawn(f, e);
    case 'exit':
      return foldExit(f, e);
    case 'send':
      return foldSend(f, e);
    case 'send_dropped':
      return foldSendDropped(f, e);
    case 'receive':
      return foldReceive(f, e);
    case 'link':
    case 'unlink':
      return foldLink(f, e);
    case 'monitor':
    case 'demonitor':
    case 'down':
      return foldMonitor(f, e);
    case 'exit_signal':
      return foldExitSignal(f, e);
    case 'trap_exit':
      return foldTrapExit(f, e);
    case 'register':
    case 'unregister':
      return foldRegister(f, e);
    case 'init':
      return foldInit(f, e);
    case 'state':
      // The state itself comes with the batch's snapshots.
      return;
    case 'crash_report':
      return foldCrashReport(f, e);
    case 'supervisor_report':
      return foldSupervisorReport(f, e);
    case 'child_started':
      return foldChildStarted(f, e);
    case 'child_deleted':
      return foldChildDeleted(f, e);
    case 'restart':
      return foldRestart(f, e);
    case 'supervisor_gave_up':
      return foldGaveUp(f, e);
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
      return exhaustiveSwitchError(e);
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
    case 'spawn':
    case 'exit':
    case 'receive':
    case 'trap_exit':
    case 'register':
    case 'unregister':
    case 'init':
    case 'state':
    case 'crash_report':
    case 'log':
      return e.pid.node;
    default:
      return exhaustiveSwitchError(e);
  }
}
