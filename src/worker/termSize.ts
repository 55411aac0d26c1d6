import { Pid, Ref } from '../runtime';

/**
 * How many terms `t` holds (itself, every array element, map value, Map or
 * Set entry; a pid, ref or function is one), counting no further than
 * `max + 1`: the cost is bounded by `max` whatever the term, a cyclic one too.
 * The host measures states with it (a state over `maxStateTerms` is killed, as
 * `max_heap_size` would) and does not post one too large for the page.
 */
export function termSize(t: unknown, max: number): number {
  const b = { left: max + 1 };
  walk(t, b);
  return max + 1 - Math.max(0, b.left);
}

function walk(t: unknown, b: { left: number }): void {
  if (--b.left <= 0 || typeof t !== 'object' || t === null) return;
  if (t instanceof Pid || t instanceof Ref) return;
  if (Array.isArray(t)) {
    for (const x of t) {
      walk(x, b);
      if (b.left <= 0) return;
    }
    return;
  }
  if (t instanceof Map || t instanceof Set) {
    for (const x of t.values()) {
      walk(x, b);
      if (b.left <= 0) return;
    }
    return;
  }
  for (const k in t) {
    walk((t as Record<string, unknown>)[k], b);
    if (b.left <= 0) return;
  }
}
