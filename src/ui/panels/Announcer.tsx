import { useEffect, useRef, useState } from 'react';
import { exhaustiveSwitchError } from '../../base';
import { processLabel } from '../../store/selectors';
import type { LogEntry, PlaygroundData } from '../../store/types';
import { usePlaygroundContext } from '../context';

/** Coalesce a burst (one_for_all restarting six children) into one announcement. */
const QUIET_MS = 700;

/** A sentence a screen reader can say, for the events worth interrupting nobody for. */
export function announcement(s: PlaygroundData, e: LogEntry): string | undefined {
  const name = (k: string | undefined) => {
    const p = k === undefined ? undefined : s.processes.get(k);
    return p ? `${p.kind} ${processLabel(p)}` : (k ?? 'a process');
  };
  const [first] = e.pids;
  switch (e.kind) {
    case 'crash_report': {
      const reason = e.report?.fields.find(([k]) => k === 'exception exit')?.[1] ?? '';
      return `${name(first)} crashed: ${reason}`;
    }
    case 'restart':
      // `app_sup <1.5.0> restarts counter: …` is said without the pid.
      return `supervisor ${e.text.replace(/ <\d+\.\d+\.\d+>/g, '')}`;
    case 'gave_up':
      return `${name(first)} gave up: ${e.text.includes('auto_shutdown') ? 'auto_shutdown' : 'reached_max_restart_intensity'}`;
    case 'node':
      return e.text;
    // Not worth interrupting anyone for: the log and the picture show them.
    case 'supervisor_report':
    case 'error_report':
    case 'progress_report':
    case 'send':
    case 'send_dropped':
    case 'spawn':
    case 'exit':
    case 'exit_signal':
    case 'link':
    case 'unlink':
    case 'monitor':
    case 'demonitor':
    case 'down':
    case 'trap_exit':
    case 'register':
    case 'unregister':
    case 'init':
    case 'child_deleted':
    case 'log':
    case 'summary':
      return undefined;
    default:
      return exhaustiveSwitchError(e.kind);
  }
}

/** The aria-live="polite" region: crashes, restarts, supervisors giving up. */
export function Announcer() {
  const { view } = usePlaygroundContext();
  const [text, setText] = useState('');
  const lastSeq = useRef(view.getState().nextSeq - 1);
  const pending = useRef<string[]>([]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const lines = pending.current;
      pending.current = [];
      if (lines.length === 0) return;
      const shown =
        lines.length > 4 ? [...lines.slice(0, 3), `and ${lines.length - 3} more events`] : lines;
      setText(shown.join('. ') + '.');
    };
    const unsubscribe = view.subscribe((s) => {
      if (s.nextSeq - 1 === lastSeq.current) return;
      const fresh: string[] = [];
      for (let i = s.log.length - 1; i >= 0; i--) {
        const e = s.log[i] as LogEntry;
        if (e.seq <= lastSeq.current) break;
        const line = announcement(s, e);
        if (line !== undefined) fresh.unshift(line);
      }
      lastSeq.current = s.nextSeq - 1;
      pending.current.push(...fresh);
      if (pending.current.length > 0 && timer === undefined) timer = setTimeout(flush, QUIET_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [view]);

  return (
    <div className="visually-hidden" aria-live="polite" role="status" data-testid="announcer">
      {text}
    </div>
  );
}
