/** Thrown only for our own bugs, never for a process crash or bad input. */
export class InvariantError extends Error {
  override name = 'InvariantError';
}

/** Asserts something the code guarantees; a failure is a bug (`'BUG: …'`). */
export function invariant(cond: unknown, message: string): asserts cond {
  if (!cond) throw new InvariantError(message);
}

/**
 * Ends a `switch` over a closed union (`default: return exhaustiveSwitchError(x)`):
 * a new member fails to compile, and a value from outside the types fails loudly.
 */
export function exhaustiveSwitchError(value: never): never {
  throw new InvariantError(`BUG: unhandled case ${JSON.stringify(value)}`);
}
