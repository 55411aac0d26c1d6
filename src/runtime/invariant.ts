/** Thrown only for bugs in the runtime itself, never for a process crash. */
export class InvariantError extends Error {
  override name = 'InvariantError';
}

/** Asserts something the runtime guarantees; a failure is a bug (`'BUG: …'`). */
export function invariant(cond: unknown, message: string): asserts cond {
  if (!cond) throw new InvariantError(message);
}

/** Ends every `switch (x.type)` so a new union member fails to compile. */
export function exhaustiveSwitchError(value: never): never {
  throw new InvariantError(`BUG: unhandled case ${JSON.stringify(value)}`);
}
