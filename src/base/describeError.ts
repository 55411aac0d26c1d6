/**
 * The text of anything thrown: an `Error`'s message (with its name when
 * `withName`, as an exit reason `{error, "TypeError: …"}` shows it), else
 * `String(e)`. JavaScript can throw any value, so every catch needs this.
 */
export function describeError(e: unknown, opts: { withName?: boolean } = {}): string {
  if (!(e instanceof Error)) return String(e);
  return opts.withName === true ? `${e.name}: ${e.message}` : e.message;
}

/** Anything thrown, as an `Error` (for a rejected promise or an error boundary). */
export function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
