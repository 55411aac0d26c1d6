import type { Report } from './types';

/**
 * OTP's reports, worded as `logger` prints them (OTP 21+, the `sasl` report
 * formats kept by `supervisor.erl` and `proc_lib.erl`). Arguments are already
 * formatted terms.
 *
 * Deliberate differences from OTP: the offender list carries only `pid` and
 * `id` (the playground does not model `mfargs`, `restart_type`, …), and a
 * CRASH REPORT has no `initial call`, `messages`, `links` or stack.
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

/** SUPERVISOR REPORT with OTP's errorContext. */
export function supervisorReport(
  supervisor: string,
  context: SupervisorContext,
  reason: string,
  offender: { pid: string; id: string },
): Report {
  return {
    heading: 'SUPERVISOR REPORT',
    fields: [
      ['supervisor', supervisor],
      ['errorContext', context],
      ['reason', reason],
      ['offender', `[{pid,${offender.pid}},{id,${offender.id}}]`],
    ],
  };
}

/** CRASH REPORT (proc_lib): a behaviour process ended with an abnormal reason. */
export function crashReport(
  pid: string,
  registeredName: string | undefined,
  reason: string,
  ancestors: readonly string[],
): Report {
  return {
    heading: 'CRASH REPORT',
    fields: [
      ['crasher', ''],
      ['pid', pid],
      ['registered_name', registeredName ?? '[]'],
      ['exception exit', reason],
      ['ancestors', `[${ancestors.join(',')}]`],
    ],
  };
}

/** PROGRESS REPORT: a supervisor started (or restarted) a child. */
export function progressReport(supervisor: string, pid: string, id: string): Report {
  return {
    heading: 'PROGRESS REPORT',
    fields: [
      ['supervisor', supervisor],
      ['started', `[{pid,${pid}},{id,${id}}]`],
    ],
  };
}

/** The report on one line, for the event log: `SUPERVISOR REPORT supervisor: … errorContext: child_terminated …`. */
export function reportLine(r: Report): string {
  const fields = r.fields.map(([k, v]) => (v === '' ? `${k}:` : `${k}: ${v}`));
  return [r.heading, ...fields].join(' ');
}

/**
 * The report as the Erlang shell prints it:
 * ```
 * =SUPERVISOR REPORT==== 12.5 s ===
 *     supervisor: {<0.5.0>,root}
 *     errorContext: child_terminated
 * ```
 * (OTP prints a date where this prints node time.)
 */
export function formatReport(r: Report, tMs: number): string {
  const lines = [`=${r.heading}==== ${(tMs / 1000).toFixed(3)} s ===`];
  for (const [k, v] of r.fields) {
    if (r.heading === 'CRASH REPORT') lines.push(k === 'crasher' ? '  crasher:' : `    ${k}: ${v}`);
    else lines.push(`    ${k}: ${v}`);
  }
  return lines.join('\n');
}
