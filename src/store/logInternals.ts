import type { Draft } from './draft';

/**
 * What the log counts as OTP's plumbing, shown only with "Show internals" (`LogEntry.internal`):
 * real messages and signals, but not what a learner is watching for. PROGRESS REPORTs are hidden
 * as well (`foldSupervisor.ts`): OTP's default logger level (`notice`) does not print them.
 */

/**
 * A message that is plumbing: proc_lib's start ack (`{ack, Pid, Result}`, init_ack/1 answering
 * start_link), sys:terminate/2's `{'$sys_terminate', Reason}`, and the shell's own call timer
 * (`{'$request_timeout', Ref}`).
 */
export function isPlumbingMessage(msg: unknown): boolean {
  if (!Array.isArray(msg)) return false;
  const tag: unknown = msg[0];
  return (
    (tag === 'ack' && msg.length === 3) ||
    (tag === '$sys_terminate' && msg.length === 2) ||
    (tag === '$request_timeout' && msg.length === 2)
  );
}

/** The node host's shell (it acts for the person): its monitors, demonitors and flags are plumbing. */
export function isShell(d: Pick<Draft, 'get'>, key: string): boolean {
  return d.get(key)?.behaviour === 'shell';
}

/** `{ internal: true }` to spread into a log entry when `yes`, else nothing. */
export const internalIf = (yes: boolean): { internal?: true } => (yes ? { internal: true } : {});
