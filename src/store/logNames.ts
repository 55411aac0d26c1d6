import type { Draft } from './draft';
import { isHidden } from './selectors';
import type { ProcView } from './types';

/**
 * How the event log names a process: `counter <1.9.0>`, its name then its pid. The name is its id
 * in the tree (a child id, `pool/#3` for a dynamic child, the root's id), as the picture labels
 * it, else its registered name, else none (`<1.12.0>`, a plain process); the shell is `shell`.
 * The tree id comes first because it stays: a registered name is released before its process's
 * exit signals go out (ERTS), so the exit line would name the process apart from its reports.
 *
 * Called while an event is folded, so a line names the process as it was *then*: a restarted
 * child's old pid keeps its old lines, and no line is rewritten after the fact.
 */
export function logName(d: Pick<Draft, 'get' | 'node'>, key: string): string {
  const p = d.get(key);
  const name = p === undefined ? undefined : nameOf(d, p);
  return name === undefined ? key : `${name} ${key}`;
}

function nameOf(d: Pick<Draft, 'get' | 'node'>, p: ProcView): string | undefined {
  if (p.childId !== undefined) {
    if (!p.childId.startsWith('#')) return p.childId;
    const sup = d.get(p.sup);
    const supName = sup === undefined ? undefined : nameOf(d, sup);
    return supName === undefined ? p.childId : `${supName}/${p.childId}`;
  }
  if (p.name !== undefined) return p.name;
  if (p.behaviour === 'shell') return 'shell';
  // A root supervisor the host did not announce (a test's): the node's root id, as in its path.
  return isRoot(d, p) ? (d.node(p.node)?.rootId ?? 'root') : undefined;
}

/** A supervisor not started by a supervisor, under the host's shell or driver (or nothing). */
function isRoot(d: Pick<Draft, 'get'>, p: ProcView): boolean {
  if (p.kind !== 'supervisor' || p.sup !== undefined) return false;
  const spawner = d.get(p.spawner);
  return spawner === undefined || isHidden(spawner);
}
