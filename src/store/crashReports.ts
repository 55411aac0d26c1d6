import type { Draft } from './draft';
import type { EventOf, Fold } from './foldContext';
import { crashReport, serverErrorReport } from './reports';
import { shortBehaviour } from './selectors';
import type { ProcView, Report } from './types';

// What a crashing gen_server's two reports say, from the event and the process as the page knows it.

/** Ancestors further than this are not listed (a spawn chain can be long). */
const MAX_ANCESTORS = 16;

/** gen_server's ERROR REPORT: the server by its registered name, else its pid (as OTP prints it). */
export function serverReport(f: Fold, e: EventOf<'crash_report'>, reason: string): Report {
  const k = f.key(e.pid);
  return serverErrorReport({
    server: f.d.get(k)?.name ?? k,
    lastMessage: f.term(e.lastMessage),
    state: f.term(e.state),
    reason,
    name: f.who(e.pid),
  });
}

/**
 * proc_lib's CRASH REPORT. `message_queue_len` is the page's estimate of the mailbox and
 * `messages` is `[]` or `[...]` (the page counts messages, it does not keep them); links and
 * trap_exit are as folded; the status is `running`, as the crasher reports itself while it writes it.
 */
export function crasherReport(f: Fold, e: EventOf<'crash_report'>, reason: string): Report {
  const k = f.key(e.pid);
  const p = f.d.get(k);
  const queue = p?.mailbox ?? 0;
  return crashReport({
    initialCall: p === undefined ? 'undefined' : initialCall(p),
    pid: k,
    registeredName: p?.name,
    reason,
    ancestors: p === undefined ? [] : ancestors(f.d, p),
    messageQueueLen: queue,
    messages: queue === 0 ? [] : ['...'],
    links: p === undefined ? [] : [...p.links],
    trapExit: p?.trapExit ?? false,
    name: f.who(e.pid),
  });
}

/**
 * proc_lib's initial call as printed: `counter:init/1` for a gen_server, `supervisor:db_sup/1`
 * for a supervisor (OTP: `supervisor:Module/1`; here the module is its tree id).
 */
function initialCall(p: ProcView): string {
  if (p.kind === 'supervisor') return `supervisor:${p.childId ?? p.name ?? 'supervisor'}/1`;
  const mod = shortBehaviour(p.behaviour);
  return p.behaviour.startsWith('gen_server') ? `${mod}:init/1` : `${mod}/0`;
}

/** `[app_sup,<1.2.0>]`: parent first, each by registered name, else pid (proc_lib's `$ancestors`). */
function ancestors(d: Pick<Draft, 'get'>, p: ProcView): string[] {
  const out: string[] = [];
  let at = d.get(p.sup ?? p.spawner);
  while (at !== undefined && out.length < MAX_ANCESTORS) {
    out.push(at.name ?? at.key);
    at = d.get(at.sup ?? at.spawner);
  }
  return out;
}
