import { exhaustiveSwitchError } from '../../base';
import type { Node } from '../node';
import type { Pid, Term } from '../term';
import { isPid } from '../term';
import type { TraceEvent } from '../traceEvent';

/**
 * The live tree under a supervisor as `root{a b:undefined sub{x} pool{#1 #2}}`:
 * children in start order (dynamic ones in pid order), each labelled by the
 * last part of its path; a child that is not running shows its state.
 */
export function renderTree(node: Node, pid: Pid, pathOf: (pid: Pid) => string): string {
  if (!node.isAlive(pid)) return '';
  const path = pathOf(pid);
  const label = path.slice(path.lastIndexOf('/') + 1);
  const state = node.processInfo(pid)?.state as { children?: readonly Term[] } | undefined;
  if (state?.children === undefined) return label;
  const kids = state.children.map((c) => {
    // Static children show as {id, pid, …}; dynamic ones as their pid (or `restarting`).
    const [id, child] =
      isPid(c) || typeof c === 'string'
        ? ['', c]
        : [String((c as { id: Term }).id), (c as { pid: Term }).pid];
    return isPid(child) ? renderTree(node, child, pathOf) : `${id}:${String(child)}`;
  });
  return `${label}{${kids.join(' ')}}`;
}

/** One TraceEvent as a short line (`exit root/a boom`), pids shown by `who`, terms by `fmt`. */
export function eventLine(
  e: TraceEvent,
  who: (pid: Pid) => string,
  fmt: (t: Term) => string,
): string {
  const p = (pid: Pid | undefined): string => (pid === undefined ? 'outside' : who(pid));
  switch (e.type) {
    case 'spawn':
      return `spawn ${p(e.pid)}`;
    case 'exit':
      return `exit ${p(e.pid)} ${fmt(e.reason)}`;
    case 'send':
    case 'send_dropped':
      return `${e.type} ${p(e.from)} ${p(e.to)} ${fmt(e.msg)}`;
    case 'receive':
      return `receive ${p(e.pid)} ${fmt(e.msg)}`;
    case 'link':
    case 'unlink':
      return `${e.type} ${p(e.a)} ${p(e.b)}`;
    case 'monitor':
    case 'demonitor':
      return `${e.type} ${p(e.watcher)} ${p(e.target)}`;
    case 'down':
      return `down ${p(e.watcher)} ${p(e.target)} ${fmt(e.reason)}`;
    case 'exit_signal':
      return `exit_signal ${p(e.from)} ${p(e.to)} ${fmt(e.reason)} ${e.link ? 'link' : 'exit/2'} ${e.outcome}`;
    case 'trap_exit':
      return `trap_exit ${p(e.pid)} ${String(e.on)}`;
    case 'register':
    case 'unregister':
      return `${e.type} ${p(e.pid)} ${e.name}`;
    case 'init':
      return `init ${p(e.pid)} ${e.result}${e.reason === undefined ? '' : ` ${fmt(e.reason)}`}`;
    case 'state':
      return `state ${p(e.pid)}`;
    case 'crash_report':
      return `crash_report ${p(e.pid)} ${fmt(e.reason)}`;
    case 'supervisor_report':
      return `supervisor_report ${p(e.sup)} ${e.context} ${e.childId ?? 'undefined'} ${fmt(e.reason)}`;
    case 'child_started':
      return `child_started ${p(e.sup)} ${p(e.pid)}`;
    case 'child_deleted':
      return `child_deleted ${p(e.sup)} ${e.childId}`;
    case 'restart':
      return `restart ${p(e.sup)} ${e.childId ?? 'undefined'} ${e.restarts}/${e.intensity}`;
    case 'supervisor_gave_up':
      return `gave_up ${p(e.sup)} ${e.why}`;
    case 'log':
      return `log ${p(e.pid)} ${e.text}`;
    default:
      return exhaustiveSwitchError(e);
  }
}
