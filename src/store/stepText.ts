import { exhaustiveSwitchError, pidKey } from '../base';
import type { WirePid } from '../base';
import type { TraceEvent } from '../runtime';
import type { Step } from './steps';
import type { ViewState } from './types';

/**
 * A step in a few words, for the timeline's `aria-valuetext` and its caption: what happened, to
 * whom, named as the state at the playhead names them (`counter <1.9.0>`).
 */
export function describeStep(s: Step | undefined, state: Pick<ViewState, 'processes'>): string {
  if (s === undefined) return 'the start';
  const who = (pid: WirePid | undefined): string => {
    if (pid === undefined) return 'the shell';
    const key = pidKey(pid);
    const p = state.processes.get(key);
    const name = p?.name ?? p?.childId;
    return name === undefined ? key : `${name} ${key}`;
  };
  switch (s.k) {
    case 'trace':
      return traceText(s.ev, who);
    case 'batch_end':
      return `node ${s.batch.node}: states and counts`;
    case 'applied':
      return `node ${s.node}: clock`;
    case 'node':
      return s.ev.type === 'ready' ? `node ${s.ev.node} up` : `node event: ${s.ev.type}`;
    case 'cluster':
      return `cluster: ${s.ev.type.replace(/_/g, ' ')}`;
    case 'add_node':
      return `node ${s.name} added`;
    case 'remove_node':
      return `node ${s.id} removed`;
    case 'prune':
      return `node ${s.node}: the dead pruned`;
    default:
      return exhaustiveSwitchError(s);
  }
}

function traceText(ev: TraceEvent, who: (pid: WirePid | undefined) => string): string {
  switch (ev.type) {
    case 'send':
    case 'send_dropped':
      return `${who(ev.from)} sends to ${who(ev.to)}${ev.type === 'send_dropped' ? ' (dropped)' : ''}`;
    case 'receive':
      return `${who(ev.pid)} receives a message`;
    case 'exit':
      return `${who(ev.pid)} exits`;
    case 'exit_signal':
      return `exit signal ${who(ev.from)} → ${who(ev.to)}`;
    case 'down':
      return `DOWN ${who(ev.target)} → ${who(ev.watcher)}`;
    case 'spawn':
      return `${who(ev.pid)} spawned`;
    case 'child_started':
      return `${who(ev.sup)} started ${who(ev.pid)}`;
    case 'restart':
      return `${who(ev.sup)} restarts a child`;
    case 'supervisor_report':
      return `SUPERVISOR REPORT from ${who(ev.sup)}`;
    case 'crash_report':
      return `CRASH REPORT for ${who(ev.pid)}`;
    case 'init':
    case 'state':
    case 'trap_exit':
    case 'register':
    case 'unregister':
    case 'log':
      return `${who(ev.pid)}: ${ev.type.replace(/_/g, ' ')}`;
    case 'link':
    case 'unlink':
      return `${ev.type} ${who(ev.a)} – ${who(ev.b)}`;
    case 'monitor':
    case 'demonitor':
      return `${who(ev.watcher)} ${ev.type}s ${who(ev.target)}`;
    case 'child_deleted':
    case 'supervisor_gave_up':
      return `${who(ev.sup)}: ${ev.type.replace(/_/g, ' ')}`;
    default:
      return exhaustiveSwitchError(ev);
  }
}
