import type { Report } from './types';

/**
 * OTP 25's reports, worded as `logger` prints them (the report formats of `supervisor.erl`,
 * `proc_lib.erl` and `gen_server.erl`). Arguments are already formatted terms; names for the
 * one-line summaries are the log's (`counter <1.9.0>`, `logNames.ts`).
 *
 * Deliberate differences from OTP (the playground does not know these): a CRASH REPORT's
 * `messages` and `message_queue_len` are the page's estimate, there is no stack (`in function …`),
 * `dictionary`, `heap_size`, `stack_size`, `reductions` or `neighbours`; a supervisor with no
 * registered name is `{Pid,ChildId}` (OTP: `{Pid,Module}`); the date is cluster time.
 */

export type SupervisorContext = 'child_terminated' | 'start_error' | 'shutdown_error' | 'shutdown';

/**
 * `supervisor: {local,Name}` for a registered supervisor; OTP prints
 * `{Pid,Module}` otherwise, and here the module is the supervisor's child id
 * (or the tree's root id), which says more in a playground.
 */
export function supervisorName(pid: string, registered: string | undefined, label: string): string {
  return registered !== undefined ? `{local,${registered}}` : `{${pid},${label}}`;
}

/** supervisor.erl's `extract_child/1`, as far as the runtime said (all of it for its own children). */
export interface Offender {
  readonly pid: string;
  readonly id: string;
  readonly mfargs?: string;
  readonly restartType?: string;
  readonly significant?: boolean;
  readonly shutdown?: string;
  readonly childType?: string;
}

/** The offender list as OTP prints it: `[{pid,<0.85.0>},{id,counter},{mfargs,{…}},…]`. */
export function offenderList(o: Offender): string {
  return `[${offenderItems(o).join(',')}]`;
}

/** The offender list's elements: `{pid,<0.85.0>}`, `{id,counter}`, … */
export function offenderItems(o: Offender): string[] {
  const parts = [`{pid,${o.pid}}`, `{id,${o.id}}`];
  if (o.mfargs !== undefined) parts.push(`{mfargs,${o.mfargs}}`);
  if (o.restartType !== undefined) parts.push(`{restart_type,${o.restartType}}`);
  if (o.significant !== undefined) parts.push(`{significant,${String(o.significant)}}`);
  if (o.shutdown !== undefined) parts.push(`{shutdown,${o.shutdown}}`);
  if (o.childType !== undefined) parts.push(`{child_type,${o.childType}}`);
  return parts;
}

/** SUPERVISOR REPORT with OTP's errorContext; `summary` names the supervisor and child as the log does. */
export function supervisorReport(
  supervisor: string,
  context: SupervisorContext,
  reason: string,
  offender: Offender,
  names: { sup: string; child: string },
): Report {
  return {
    heading: 'SUPERVISOR REPORT',
    fields: [
      ['supervisor', supervisor],
      ['errorContext', context],
      ['reason', reason],
      ['offender', offenderList(offender)],
    ],
    lists: { offender: offenderItems(offender) },
    summary: `${names.sup}: ${context} of ${names.child}, reason: ${reason}`,
  };
}

/** What proc_lib's crash report says of the process (`proc_lib:crash_report/4`). */
export interface Crasher {
  /** `counter:init/1` (proc_lib's initial call, as printed). */
  readonly initialCall: string;
  readonly pid: string;
  readonly registeredName: string | undefined;
  readonly reason: string;
  readonly ancestors: readonly string[];
  readonly messageQueueLen: number;
  readonly messages: readonly string[];
  readonly links: readonly string[];
  readonly trapExit: boolean;
  /** As the log names it, for the summary. */
  readonly name: string;
}

/** CRASH REPORT (proc_lib): a behaviour process ended with an abnormal reason. */
export function crashReport(c: Crasher): Report {
  return {
    heading: 'CRASH REPORT',
    fields: [
      ['crasher', ''],
      ['initial call', c.initialCall],
      ['pid', c.pid],
      ['registered_name', c.registeredName ?? '[]'],
      ['exception exit', c.reason],
      ['ancestors', `[${c.ancestors.join(',')}]`],
      ['message_queue_len', String(c.messageQueueLen)],
      ['messages', `[${c.messages.join(',')}]`],
      ['links', `[${c.links.join(',')}]`],
      ['trap_exit', String(c.trapExit)],
      ['status', 'running'],
    ],
    summary: `${c.name} crashed: exit ${c.reason}`,
  };
}

/**
 * gen_server's ERROR REPORT (`gen_server:format_log/1`, OTP 25), written by terminate/10 before
 * proc_lib's CRASH REPORT when a server stops with an abnormal reason. `server` is its registered
 * name, else its pid, as OTP prints it.
 */
export function serverErrorReport(r: {
  server: string;
  lastMessage: string;
  state: string;
  reason: string;
  name: string;
}): Report {
  return {
    heading: 'ERROR REPORT',
    fields: [],
    lines: [
      `** Generic server ${r.server} terminating`,
      `** Last message in was ${r.lastMessage}`,
      `** When Server state == ${r.state}`,
      '** Reason for termination ==',
      `** ${r.reason}`,
    ],
    summary: `generic server ${r.name} terminating, reason: ${r.reason}`,
  };
}

/** PROGRESS REPORT: a supervisor started (or restarted) a child. */
export function progressReport(
  supervisor: string,
  started: Offender,
  names: { sup: string; child: string },
): Report {
  return {
    heading: 'PROGRESS REPORT',
    fields: [
      ['supervisor', supervisor],
      ['started', offenderList(started)],
    ],
    lists: { started: offenderItems(started) },
    summary: `${names.sup} started ${names.child}`,
  };
}

/**
 * The report on one line: heading, summary, then every field (`… supervisor: … errorContext:
 * child_terminated …`), so the log's text filter finds any of them.
 */
export function reportLine(r: Report): string {
  const fields = r.fields.map(([k, v]) => (v === '' ? `${k}:` : `${k}: ${v}`));
  return [r.heading, r.summary, ...(r.lines ?? []), ...fields].join(' ');
}

/**
 * The report as the Erlang shell prints it:
 * ```
 * =SUPERVISOR REPORT==== 12.500 s ===
 *     supervisor: {<0.5.0>,root}
 *     errorContext: child_terminated
 * ```
 * (OTP prints a date where this prints cluster time.)
 */
export function formatReport(r: Report, tMs: number): string {
  const lines = [`=${r.heading}==== ${(tMs / 1000).toFixed(3)} s ===`, ...(r.lines ?? [])];
  const crash = r.heading === 'CRASH REPORT';
  for (const [k, v] of r.fields) {
    const list = r.lists?.[k];
    if (crash && k === 'crasher') lines.push('  crasher:');
    else if (list === undefined || list.length === 0) lines.push(`    ${k}: ${v}`);
    // As OTP's ~p breaks a long list: one element a line, under the first.
    else {
      const pad = ' '.repeat(4 + k.length + 3);
      lines.push(`    ${k}: [${list.map((x, i) => (i === 0 ? x : pad + x)).join(',\n')}]`);
    }
  }
  if (crash) lines.push('  neighbours:');
  return lines.join('\n');
}
