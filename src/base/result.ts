/**
 * The answer of something that can refuse: its value, or a short message
 * naming the culprit (`missing: node 3`). For input problems, not bugs (those
 * are `invariant`s) and not process crashes (those are exit reasons).
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
