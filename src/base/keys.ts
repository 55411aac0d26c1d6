/**
 * A pid or ref as plain data: `{ node, id }`, as structured clone leaves the
 * runtime's `Pid` and `Ref` classes (between threads, and between nodes).
 */
export interface WirePid {
  readonly node: number;
  readonly id: number;
}

/** A plain `{ node, id }` with two integers and no other key (so a map with more keys is not a pid). */
export function isWirePid(t: unknown): t is WirePid {
  if (typeof t !== 'object' || t === null || Array.isArray(t)) return false;
  if (Object.keys(t).length !== 2) return false;
  const o = t as { node?: unknown; id?: unknown };
  return Number.isInteger(o.node) && Number.isInteger(o.id);
}

/** `<node.id.0>`: the key every layer names a process by. */
export const pidKey = (p: WirePid): string => `<${p.node}.${p.id}.0>`;

/** A pair of nodes, in either order: `a:b` with a < b. */
export const pairKey = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`);
