import type { Reason } from './term';

/**
 * An Erlang error raised inside a process (`badarg`, `noproc`, …). Uncaught,
 * it ends the process with `reason`, as an uncaught `erlang:error/1` would
 * (deliberate difference from OTP: no stack trace in the reason).
 */
export class ErlangError extends Error {
  constructor(readonly reason: Reason) {
    super(typeof reason === 'string' ? reason : JSON.stringify(reason));
    this.name = 'ErlangError';
  }
}

/** Thrown by `ctx.exit(reason)` to unwind the process body; caught by the scheduler. */
export class ProcessExit {
  constructor(readonly reason: Reason) {}
}

/** Bad input from outside the runtime: a short message that names the culprit. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * Unwinds a process that an exit signal it sent to itself has just killed
 * (erlang:exit/2 on `self()` takes effect before the BIF returns). Not an
 * exception the process can see: behaviours rethrow it (`reasonOf`), so no
 * terminate/2 runs, and the scheduler ends the process with the signal's reason.
 */
export class KilledBySignal {}
